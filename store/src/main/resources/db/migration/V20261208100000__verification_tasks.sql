-- Re-verification of abnormal cards and accounts (反电信网络诈骗法 第11条, 第18条; issue 12): a number or account
-- the engine finds abnormal is asked to verify its holder by a deadline; no answer restricts it (outgoing calls and
-- messages, non-counter payments), a second deadline suspends it; a verification restores it. Times are the
-- server's clock. state: open | restricted | suspended | verified.
CREATE TABLE verification_task (
  id            VARCHAR(32)   NOT NULL PRIMARY KEY,
  entity_kind   VARCHAR(16)   NOT NULL,
  entity        VARCHAR(256)  NOT NULL,
  region        VARCHAR(12),
  reasons       VARCHAR(2000) NOT NULL,
  channel       VARCHAR(32)   NOT NULL,
  state         VARCHAR(16)   NOT NULL,
  opened_at_ms  BIGINT        NOT NULL,
  due_at_ms     BIGINT        NOT NULL,
  closed_at_ms  BIGINT,
  closed_by     VARCHAR(64),
  version       INT           NOT NULL
);

CREATE INDEX verification_task_entity_idx ON verification_task (entity_kind, entity);
CREATE INDEX verification_task_due_idx ON verification_task (state, due_at_ms);

-- Every step of a task, in order: opened, restricted, suspended, verified, failed.
CREATE TABLE verification_step (
  task_id  VARCHAR(32)   NOT NULL,
  step     INT           NOT NULL,
  at_ms    BIGINT        NOT NULL,
  kind     VARCHAR(16)   NOT NULL,
  detail   VARCHAR(1000) NOT NULL,
  actor    VARCHAR(64)   NOT NULL,
  PRIMARY KEY (task_id, step)
);
