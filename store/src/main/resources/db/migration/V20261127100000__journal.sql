-- The event journal: every accepted event, in the order the engine processed it.
-- seq is assigned by the single journal writer (EventJournal), so the engine and the journal agree on order.
CREATE TABLE journal (
  seq         BIGINT       NOT NULL PRIMARY KEY,
  event_id    VARCHAR(128) NOT NULL,
  type        VARCHAR(16)  NOT NULL,
  ts          BIGINT       NOT NULL,
  source      VARCHAR(64),
  line        VARCHAR      NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  CONSTRAINT journal_event_id_uq UNIQUE (event_id)
);

-- Who each journaled event concerns, so an entity's recent events are one index range away.
CREATE TABLE journal_party (
  entity_kind VARCHAR(16)  NOT NULL,
  entity      VARCHAR(256) NOT NULL,
  seq         BIGINT       NOT NULL,
  CONSTRAINT journal_party_pk PRIMARY KEY (entity_kind, entity, seq)
);
