-- Stop (止付) and freeze (冻结) orders on accounts and every change of their state (issue 3, LAW.md 第20条).
-- hold_order is the current state; hold_transition is the audited history, one row per change, never updated.
-- version = the number of transitions, so a change is written only over the state it was decided on.
CREATE TABLE hold_order (
  id            VARCHAR(64)  NOT NULL PRIMARY KEY,
  kind          VARCHAR(16)  NOT NULL,
  account       VARCHAR(256) NOT NULL,
  amount_fen    BIGINT       NOT NULL,
  case_ref      VARCHAR(128) NOT NULL,
  state         VARCHAR(16)  NOT NULL,
  term_ms       BIGINT       NOT NULL,
  expires_at_ms BIGINT,
  renewals      INT          NOT NULL,
  version       INT          NOT NULL,
  created_at_ms BIGINT       NOT NULL
);

CREATE INDEX hold_order_account_idx ON hold_order (account, created_at_ms);
CREATE INDEX hold_order_created_idx ON hold_order (created_at_ms);

CREATE TABLE hold_transition (
  order_id      VARCHAR(64)   NOT NULL,
  step          INT           NOT NULL,
  from_state    VARCHAR(16),
  to_state      VARCHAR(16)   NOT NULL,
  at_ms         BIGINT        NOT NULL,
  actor         VARCHAR(128)  NOT NULL,
  note          VARCHAR(1000),
  expires_at_ms BIGINT,
  CONSTRAINT hold_transition_pk PRIMARY KEY (order_id, step),
  CONSTRAINT hold_transition_order_fk FOREIGN KEY (order_id) REFERENCES hold_order (id)
);
