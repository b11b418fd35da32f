-- Clue push (issue 13, API.md "POST /api/v1/institutions", "/api/v1/clues"): the institutions that receive leads
-- (banks, operators, platforms, police units) and the leads themselves, each sent to one institution.
-- prefixes: what the institution serves, comma-separated (a bank's card BINs, an operator's number segments without
-- +86, a platform's domains); empty for everything of its kind in its regions. secret: the HMAC key its webhook
-- pushes are signed with; it must be kept as given to sign, so it is never returned by the API.
CREATE TABLE institution (
  id             VARCHAR(32)   NOT NULL PRIMARY KEY,
  name           VARCHAR(100)  NOT NULL,
  kind           VARCHAR(16)   NOT NULL,
  regions        VARCHAR(1000) NOT NULL,
  prefixes       VARCHAR(1000) NOT NULL,
  min_severity   VARCHAR(8)    NOT NULL,
  webhook_url    VARCHAR(500),
  secret         VARCHAR(200),
  created_at_ms  BIGINT        NOT NULL,
  created_by     VARCHAR(64)   NOT NULL
);

-- A receiver's key is an API key bound to its institution: the clues it pulls, acknowledges and answers are its own.
ALTER TABLE api_key ADD COLUMN institution_id VARCHAR(32);

-- status: new (not yet taken: pushed without a 2xx yet, or waiting to be pulled) | delivered (a push got 2xx) |
-- acknowledged | closed (feedback given). next_attempt_ms: when the next push is due; null when nothing is to push.
-- dedupe_key: the source's own name for the lead (detection:phone:+86…, warning:<task>:contact …), unique per
-- institution, so a lead found again is not sent again. unit and escalation: who answers for it being late
-- (the receiver's region unit, then city, then province).
CREATE TABLE clue (
  id              VARCHAR(32)   NOT NULL PRIMARY KEY,
  institution_id  VARCHAR(32)   NOT NULL,
  dedupe_key      VARCHAR(300)  NOT NULL,
  source          VARCHAR(16)   NOT NULL,
  source_ref      VARCHAR(200),
  target_kind     VARCHAR(16)   NOT NULL,
  target_value    VARCHAR(256)  NOT NULL,
  fraud_type      VARCHAR(32)   NOT NULL,
  severity        VARCHAR(8)    NOT NULL,
  region          VARCHAR(6),
  unit            VARCHAR(6)    NOT NULL,
  summary         VARCHAR(1000) NOT NULL,
  evidence        VARCHAR(4000) NOT NULL,
  created_at_ms   BIGINT        NOT NULL,
  ack_due_ms      BIGINT        NOT NULL,
  feedback_due_ms BIGINT        NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  attempts        INT           NOT NULL,
  next_attempt_ms BIGINT,
  last_error      VARCHAR(300),
  delivered_at_ms BIGINT,
  acked_at_ms     BIGINT,
  acked_by        VARCHAR(64),
  feedback_code   VARCHAR(32),
  feedback_note   VARCHAR(1000),
  feedback_at_ms  BIGINT,
  feedback_by     VARCHAR(64),
  escalation      INT           NOT NULL,
  escalated_at_ms BIGINT,
  CONSTRAINT clue_dedupe_uq UNIQUE (institution_id, dedupe_key)
);

CREATE INDEX clue_push_idx ON clue (next_attempt_ms);
CREATE INDEX clue_key_idx ON clue (dedupe_key);
CREATE INDEX clue_institution_idx ON clue (institution_id, status);
CREATE INDEX clue_status_idx ON clue (status, ack_due_ms);
