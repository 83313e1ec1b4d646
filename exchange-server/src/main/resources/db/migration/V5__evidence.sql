-- Issue 6, evidence: the hub's signed receipts (one per accepted message) and delivery evidence
-- (one per confirmed delivery), each a CMS SignedData (CAdES) the hub sealed. timestamped is
-- false while the TSA has not yet stamped it (the background job adds the stamp later).
CREATE TABLE evidence_receipt (
  message_id   BIGINT PRIMARY KEY,
  cms          BYTEA NOT NULL,
  timestamped  BOOLEAN NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX evidence_receipt_pending ON evidence_receipt (timestamped);

CREATE TABLE evidence_delivery (
  delivery_id  BIGINT PRIMARY KEY,
  message_id   BIGINT NOT NULL,
  recipient    VARCHAR(35) NOT NULL,
  cms          BYTEA NOT NULL,
  timestamped  BOOLEAN NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX evidence_delivery_message ON evidence_delivery (message_id);
CREATE INDEX evidence_delivery_pending ON evidence_delivery (timestamped);
