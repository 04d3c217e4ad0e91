-- is_disabled: NOCHECK CONSTRAINT; is_not_trusted: added WITH NOCHECK.
SELECT fk.object_id, fk.name, fk.parent_object_id, fk.referenced_object_id, fk.is_disabled, fk.is_not_trusted,
  fk.is_not_for_replication, fk.delete_referential_action_desc, fk.update_referential_action_desc, fk.is_system_named
FROM sys.foreign_keys AS fk
WHERE fk.is_ms_shipped = 0
ORDER BY fk.parent_object_id, fk.name
