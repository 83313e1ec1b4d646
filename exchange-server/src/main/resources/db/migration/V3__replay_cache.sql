-- The WS-Security replay cache (issue 6), shared by every hub process on the database. A row is
-- one signed request already accepted: its key is the SHA-256 (hex) of WSS4J's identifier (the
-- Timestamp's Created, the signature value and the signing key). The primary key makes the
-- second insert of the same request fail, so a replay is caught even when two hubs see it at the
-- same moment. Rows are purged once expires_at (the Timestamp's Expires, at most ten minutes
-- ahead) has passed: by then the timestamp check refuses the request anyway. Inserts are durable
-- (H2: checkpointed like every hub transaction), so a crash does not reopen the window.
CREATE TABLE replay_cache (
  id          VARCHAR(64) PRIMARY KEY,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX replay_cache_expires ON replay_cache (expires_at);
