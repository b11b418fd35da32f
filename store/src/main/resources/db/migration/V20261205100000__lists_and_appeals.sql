-- Risk lists as records (issue 10): every entry with its provenance, term and lifting. An entry is in force while
-- lifted_at_ms is null and expires_at_ms (if any) lies ahead; a lift (by hand, an upheld appeal, or the expiry sweep)
-- is written once, never deleted. value is normalised as EVENTS.md says (canonical phone, account, resident ID …).
CREATE TABLE list_entry (
  id             VARCHAR(40)   NOT NULL PRIMARY KEY,
  list_name      VARCHAR(16)   NOT NULL,
  kind           VARCHAR(16)   NOT NULL,
  entry_value    VARCHAR(1000) NOT NULL,
  role           VARCHAR(16),
  fraud_type     VARCHAR(32),
  reason         VARCHAR(1000) NOT NULL,
  source         VARCHAR(64)   NOT NULL,
  evidence       VARCHAR(2000),
  legal_basis    VARCHAR(200),
  measures       VARCHAR(500),
  author         VARCHAR(128)  NOT NULL,
  created_at_ms  BIGINT        NOT NULL,
  expires_at_ms  BIGINT,
  lifted_at_ms   BIGINT,
  lifted_by      VARCHAR(128),
  lift_reason    VARCHAR(1000)
);

CREATE INDEX list_entry_value_idx ON list_entry (kind, entry_value);
CREATE INDEX list_entry_open_idx ON list_entry (lifted_at_ms, expires_at_ms);
-- an export walks one list in id order, page by page
CREATE INDEX list_entry_list_idx ON list_entry (list_name, id);

-- Appeals (第32条): anyone may appeal a listing or a restriction; the token that follows it is stored hashed.
CREATE TABLE appeal (
  id             VARCHAR(40)   NOT NULL PRIMARY KEY,
  token_hash     CHAR(64)      NOT NULL,
  kind           VARCHAR(16)   NOT NULL,
  entry_value    VARCHAR(1000) NOT NULL,
  statement      VARCHAR(4000) NOT NULL,
  contact        VARCHAR(200)  NOT NULL,
  status         VARCHAR(16)   NOT NULL,
  entries        VARCHAR(1000) NOT NULL,
  created_at_ms  BIGINT        NOT NULL,
  due_at_ms      BIGINT        NOT NULL,
  decided_by     VARCHAR(128),
  decided_at_ms  BIGINT,
  note           VARCHAR(1000),
  CONSTRAINT appeal_token_uq UNIQUE (token_hash)
);

CREATE INDEX appeal_status_idx ON appeal (status, due_at_ms);

-- Evidence files sent with an appeal: type and size checked on arrival, only ever served as a download.
CREATE TABLE appeal_file (
  appeal_id     VARCHAR(40)   NOT NULL,
  n             INT           NOT NULL,
  file_name     VARCHAR(200)  NOT NULL,
  content_type  VARCHAR(64)   NOT NULL,
  size_bytes    BIGINT        NOT NULL,
  content       ${binary_type} NOT NULL,
  CONSTRAINT appeal_file_pk PRIMARY KEY (appeal_id, n)
);
