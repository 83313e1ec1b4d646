-- SearchMessages: a unit's sent messages and its received copies, newest first, each one indexed
-- range scan (message_document and delivery_inbox lead with other columns).
CREATE INDEX message_sender ON message (sender, id);
CREATE INDEX delivery_recipient_message ON delivery (recipient, message_id);
