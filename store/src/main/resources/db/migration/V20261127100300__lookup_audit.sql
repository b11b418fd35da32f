-- Every look-up of a person's data (DESIGN principle 5). Rows form a hash chain: hash covers the row and the
-- previous row's hash, so an edited or deleted row breaks the chain from there on.
CREATE TABLE lookup_audit (
  id          BIGINT       NOT NULL PRIMARY KEY,
  at_ms       BIGINT       NOT NULL,
  actor       VARCHAR(128) NOT NULL,
  roles       VARCHAR(256) NOT NULL,
  action      VARCHAR(64)  NOT NULL,
  entity_kind VARCHAR(16)  NOT NULL,
  entity      VARCHAR(256) NOT NULL,
  unmasked    BOOLEAN      NOT NULL,
  prev_hash   CHAR(64)     NOT NULL,
  hash        CHAR(64)     NOT NULL
);

CREATE INDEX lookup_audit_entity_idx ON lookup_audit (entity_kind, entity);
