-- DML triggers (parent_class_desc OBJECT_OR_COLUMN) and DDL triggers on the database (DATABASE).
SELECT tr.object_id, tr.name, tr.parent_class_desc, tr.parent_id, tr.is_instead_of_trigger, tr.is_disabled
FROM sys.triggers AS tr
WHERE tr.is_ms_shipped = 0
ORDER BY tr.name
