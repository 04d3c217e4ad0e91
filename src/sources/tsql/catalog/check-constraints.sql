-- is_disabled: NOCHECK CONSTRAINT; is_not_trusted: added WITH NOCHECK (or re-enabled without checking).
SELECT cc.object_id, cc.name, cc.parent_object_id, cc.parent_column_id, cc.definition, cc.is_disabled, cc.is_not_trusted,
  cc.is_not_for_replication, cc.is_system_named
FROM sys.check_constraints AS cc
WHERE cc.is_ms_shipped = 0
ORDER BY cc.parent_object_id, cc.name
