-- SearchMessages: a unit's sent messages and its received copies, newest first, each one index range
-- read in its order and stopped at the page's size (message_document and delivery_inbox lead with
-- other columns). Descending ids, and queries ordered by (unit column, id DESC): H2 reads an index
-- in its own order only; PostgreSQL reads it either way.
CREATE INDEX message_sender ON message (sender, id DESC);
CREATE INDEX delivery_recipient_message ON delivery (recipient, message_id DESC);
