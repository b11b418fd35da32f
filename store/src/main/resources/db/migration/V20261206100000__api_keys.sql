-- API keys of machines (banks', operators' and platforms' systems; API.md "POST /api/v1/api-keys").
-- The key itself is never stored: only the SHA-256 of it (a key is 256 random bits, so a fast hash is enough).
-- roles, regions: comma-separated as in staff_user. A revoked key keeps its row, for the audit trail.
CREATE TABLE api_key (
  id            VARCHAR(32)   NOT NULL PRIMARY KEY,
  name          VARCHAR(64)   NOT NULL,
  key_sha256    VARCHAR(64)   NOT NULL,
  roles         VARCHAR(200)  NOT NULL,
  regions       VARCHAR(1000) NOT NULL,
  created_at_ms BIGINT        NOT NULL,
  created_by    VARCHAR(64)   NOT NULL,
  revoked_at_ms BIGINT,
  revoked_by    VARCHAR(64)
);
