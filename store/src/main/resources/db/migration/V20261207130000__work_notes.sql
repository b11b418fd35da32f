-- One case workflow over warnings, holds, appeals and clues (issue 13): who works an item and what they noted, kept
-- beside the items' own tables (which keep their own states and due times). kind: warning | hold | appeal | clue.
CREATE TABLE work_assignment (
  kind           VARCHAR(16)  NOT NULL,
  ref            VARCHAR(200) NOT NULL,
  assignee       VARCHAR(64)  NOT NULL,
  assigned_by    VARCHAR(64)  NOT NULL,
  assigned_at_ms BIGINT       NOT NULL,
  CONSTRAINT work_assignment_pk PRIMARY KEY (kind, ref)
);

CREATE INDEX work_assignment_assignee_idx ON work_assignment (assignee);

-- A comment, optionally with one attachment (typed by its bytes, as appeal evidence is).
CREATE TABLE work_note (
  id           VARCHAR(32)   NOT NULL PRIMARY KEY,
  kind         VARCHAR(16)   NOT NULL,
  ref          VARCHAR(200)  NOT NULL,
  author       VARCHAR(64)   NOT NULL,
  at_ms        BIGINT        NOT NULL,
  text         VARCHAR(2000) NOT NULL,
  file_name    VARCHAR(100),
  file_type    VARCHAR(64),
  file_content ${binary_type}
);

CREATE INDEX work_note_item_idx ON work_note (kind, ref, at_ms);
