-- Columns of user tables and of table types (for their text); max_length is in bytes, -1 for (max).
SELECT c.object_id, c.column_id, c.name, c.system_type_id, c.user_type_id, c.max_length, c.precision, c.scale,
  c.collation_name, c.is_nullable, c.is_identity, c.is_computed, c.is_rowguidcol, c.is_sparse, c.is_column_set,
  c.is_filestream, c.generated_always_type, c.is_hidden, c.is_masked, c.encryption_type
FROM sys.columns AS c
WHERE c.object_id IN (SELECT t.object_id FROM sys.tables AS t WHERE t.is_ms_shipped = 0
                      UNION ALL SELECT tt.type_table_object_id FROM sys.table_types AS tt)
ORDER BY c.object_id, c.column_id
