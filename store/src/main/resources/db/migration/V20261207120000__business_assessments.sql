-- New-business fraud-risk assessments (新业务涉诈风险安全评估, 反电信网络诈骗法 第6条; issue 13): an institution
-- assesses a new service before it launches, a reviewer who did not write it signs it off or returns it, and the
-- register keeps every one. checklist: one line per risk point, "code|present|control" (present 1 or 0).
-- status: submitted | approved | returned.
CREATE TABLE business_assessment (
  id             VARCHAR(32)   NOT NULL PRIMARY KEY,
  institution    VARCHAR(100)  NOT NULL,
  service        VARCHAR(200)  NOT NULL,
  category       VARCHAR(32)   NOT NULL,
  description    VARCHAR(4000) NOT NULL,
  launch_date    VARCHAR(10)   NOT NULL,
  checklist      VARCHAR(8000) NOT NULL,
  risk_level     VARCHAR(8)    NOT NULL,
  conclusion     VARCHAR(32)   NOT NULL,
  author         VARCHAR(64)   NOT NULL,
  created_at_ms  BIGINT        NOT NULL,
  status         VARCHAR(16)   NOT NULL,
  reviewer       VARCHAR(64),
  reviewed_at_ms BIGINT,
  review_note    VARCHAR(1000)
);

CREATE INDEX business_assessment_status_idx ON business_assessment (status, created_at_ms);
