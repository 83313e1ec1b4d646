-- The audit log as a hash chain (issue 6). Every new row carries a gap-free sequence number, the
-- previous row's hash and its own hash (SHA-256, hex, over AuditEntry's canonical encoding).
-- audit_head is the chain's single head row: writers lock it (SELECT ... FOR UPDATE) in the
-- transaction that appends, so several hub processes on one database allocate sequences safely.
-- Rows written before this migration have no sequence and stay outside the chain.
ALTER TABLE audit_event ADD COLUMN seq BIGINT;
ALTER TABLE audit_event ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN entry_hash VARCHAR(64);
CREATE UNIQUE INDEX audit_event_seq ON audit_event (seq);

CREATE TABLE audit_head (
  id         INTEGER PRIMARY KEY,
  last_seq   BIGINT NOT NULL,
  last_hash  VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- RFC 3161 time stamps over the head hash at a sequence.
CREATE TABLE audit_anchor (
  seq          BIGINT PRIMARY KEY,
  head_hash    VARCHAR(64) NOT NULL,
  anchored_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  token        BYTEA NOT NULL
);
