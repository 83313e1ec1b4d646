-- A PDF check that failed after its document was delivered (the re-check job) keeps the alert
-- pdf-check-failed raised in every hub process, and across restarts, until an administrator
-- acknowledges it (POST /checks/acknowledge): when, and which administrator's unit.
ALTER TABLE pending_check ADD COLUMN acknowledged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE pending_check ADD COLUMN acknowledged_by VARCHAR(35);
