-- Retention of the audit chain (issue 13): rows older than the retention are cut from the front of the chain; the
-- last row cut leaves its id and hash here, and verification starts from the newest anchor instead of the genesis
-- hash. Cutting anything else, or rows after an anchor, still breaks the chain.
CREATE TABLE audit_anchor (
  id        BIGINT   NOT NULL PRIMARY KEY,
  hash      CHAR(64) NOT NULL,
  cut_at_ms BIGINT   NOT NULL,
  rows_cut  BIGINT   NOT NULL
);
