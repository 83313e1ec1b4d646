-- An audit entry's detail held 2 000 characters and longer ones were cut without a mark: a
-- GetPendingMessages hand-out of 500 entries (DELIVER names every leased ref) or a group of many
-- addresses lost the rest. 32 000 holds them; past that the hub cuts on a character boundary and
-- says how much it left out. Entries already written keep the detail their hash covers.
ALTER TABLE audit_event ALTER COLUMN detail SET DATA TYPE VARCHAR(32000);
