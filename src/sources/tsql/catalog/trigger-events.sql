-- One row per event (INSERT, UPDATE, DELETE for DML triggers).
SELECT te.object_id, te.type, te.type_desc
FROM sys.trigger_events AS te
ORDER BY te.object_id, te.type
