-- Named staff users (issue 7: a second person publishes rules; issue 13 builds access by jurisdiction on them).
-- roles: comma-separated (ANALYST, REVIEWER, ...); regions: comma-separated GB/T 2260 prefixes, '' for everywhere.
CREATE TABLE staff_user (
  name          VARCHAR(64)   NOT NULL PRIMARY KEY,
  password_hash VARCHAR(200)  NOT NULL,
  roles         VARCHAR(200)  NOT NULL,
  regions       VARCHAR(1000) NOT NULL,
  enabled       BOOLEAN       NOT NULL,
  created_at_ms BIGINT        NOT NULL,
  created_by    VARCHAR(64)   NOT NULL
);

-- Rule set versions (API.md "Rule file"): immutable text, numbered by the server; one is live at a time.
-- state: draft | shadow | live | retired.
CREATE TABLE rule_version (
  version         BIGINT        NOT NULL PRIMARY KEY,
  state           VARCHAR(16)   NOT NULL,
  source          VARCHAR       NOT NULL,
  author          VARCHAR(64)   NOT NULL,
  created_at_ms   BIGINT        NOT NULL,
  published_by    VARCHAR(64),
  published_at_ms BIGINT,
  note            VARCHAR(1000)
);

CREATE INDEX rule_version_state_idx ON rule_version (state);
