-- The per-entity index as sorted runs that are only ever appended (decision 0034), replacing one row per event and
-- entity inserted at random places of a B-tree. A run lists, for each entity that events in its range of sequence
-- numbers name, those numbers (first_seq, then the rest as varint deltas in seqs, at most a few thousand a row).
-- Runs are keyed by run_id first, so a new run lands after every other; small runs are merged into larger ones.
-- The index is rebuilt from the journal, so the old one is dropped rather than converted.
DROP TABLE journal_party;
DROP TABLE journal_index_state;

CREATE TABLE journal_party_run (
  run_id      BIGINT       NOT NULL,
  party_hash  BIGINT       NOT NULL,
  entity_kind VARCHAR(16)  NOT NULL,
  entity      VARCHAR(256) NOT NULL,
  first_seq   BIGINT       NOT NULL,
  seqs        ${bytes_type}  NOT NULL,
  CONSTRAINT journal_party_run_pk PRIMARY KEY (run_id, party_hash, entity_kind, entity, first_seq)
);

-- The runs: listed as writing before their rows go in, live once complete (readers use these only), retired
-- when a merge has replaced them, dropping while their rows are deleted, then unlisted.
CREATE TABLE journal_run (
  run_id    BIGINT NOT NULL PRIMARY KEY,
  run_level INT    NOT NULL,
  after_seq BIGINT NOT NULL,
  to_seq    BIGINT NOT NULL,
  row_count BIGINT NOT NULL,
  state     VARCHAR(8) NOT NULL -- writing, live, retired, dropping
);
