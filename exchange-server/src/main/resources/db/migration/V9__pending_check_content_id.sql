-- Which attachment a pending check is about, by its ContentId (unique in an envelope): two
-- attachments may share a name, and the re-check must verify the one that was pending. Rows from
-- before this column keep NULL and are found by name, as they were.
ALTER TABLE pending_check ADD COLUMN content_id VARCHAR(500);
