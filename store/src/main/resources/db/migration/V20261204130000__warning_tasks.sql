-- Early warning as an operation (issue 9): one task per person's fraud episode, routed to a unit (GB/T 2260 code of a
-- county, city or province centre, 000000 for the ministry) with a channel and a due time; closed with an outcome.
-- warning_task is the current state (version = number of steps); warning_step is the timeline, only ever inserted.
CREATE TABLE warning_task (
  id                  VARCHAR(200)  NOT NULL PRIMARY KEY,
  raised_ts_ms        BIGINT        NOT NULL,
  last_ts_ms          BIGINT        NOT NULL,
  victim_phone        VARCHAR(64),
  victim_account      VARCHAR(256),
  contact             VARCHAR(64),
  region              VARCHAR(6),
  severity            VARCHAR(16)   NOT NULL,
  fraud_type          VARCHAR(32)   NOT NULL,
  evidence            VARCHAR(4000) NOT NULL,
  unit                VARCHAR(6)    NOT NULL,
  channel             VARCHAR(16)   NOT NULL,
  due_at_ms           BIGINT        NOT NULL,
  status              VARCHAR(8)    NOT NULL,
  outcome             VARCHAR(16),
  amount_protected_fen BIGINT       NOT NULL,
  note                VARCHAR(1000),
  closed_by           VARCHAR(64),
  closed_at_ms        BIGINT,
  version             INT           NOT NULL,
  created_at_ms       BIGINT        NOT NULL
);

CREATE INDEX warning_task_status_due_idx ON warning_task (status, due_at_ms);
CREATE INDEX warning_task_unit_idx ON warning_task (unit, status);
CREATE INDEX warning_task_phone_idx ON warning_task (victim_phone, status);
CREATE INDEX warning_task_account_idx ON warning_task (victim_account, status);

-- kind: raised | escalated (unit up) | channel (next channel) | outcome; ref: the engine's warning id of a raised step,
-- unique, so a warning seen twice (a restart's replay, a topic read again) changes nothing.
CREATE TABLE warning_step (
  task_id  VARCHAR(200)  NOT NULL,
  step     INT           NOT NULL,
  at_ms    BIGINT        NOT NULL,
  kind     VARCHAR(16)   NOT NULL,
  detail   VARCHAR(1000) NOT NULL,
  actor    VARCHAR(64)   NOT NULL,
  ref      VARCHAR(200),
  CONSTRAINT warning_step_pk PRIMARY KEY (task_id, step),
  CONSTRAINT warning_step_ref_uq UNIQUE (ref)
);
