SELECT fkc.constraint_object_id, fkc.constraint_column_id, fkc.parent_object_id, fkc.parent_column_id,
  fkc.referenced_object_id, fkc.referenced_column_id
FROM sys.foreign_key_columns AS fkc
ORDER BY fkc.constraint_object_id, fkc.constraint_column_id
