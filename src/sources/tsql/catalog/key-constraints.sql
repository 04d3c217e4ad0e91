-- PRIMARY KEY / UNIQUE constraints: is_system_named tells a written name from a generated PK__Orders__3214EC07....
SELECT kc.object_id, kc.name, kc.parent_object_id, kc.type, kc.unique_index_id, kc.is_system_named
FROM sys.key_constraints AS kc
WHERE kc.is_ms_shipped = 0
