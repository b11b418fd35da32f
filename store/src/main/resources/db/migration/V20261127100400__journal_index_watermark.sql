-- The per-entity index (journal_party) is built after the commit, off the acknowledgement path;
-- this row records how far it has got, so indexing resumes there after a restart.
CREATE TABLE journal_index_state (
  id          INT    NOT NULL PRIMARY KEY,
  indexed_seq BIGINT NOT NULL
);

INSERT INTO journal_index_state (id, indexed_seq) VALUES (1, 0);
