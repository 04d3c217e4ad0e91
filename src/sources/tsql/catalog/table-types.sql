-- The hidden object holding a table type's columns.
SELECT tt.user_type_id, tt.type_table_object_id
FROM sys.table_types AS tt
WHERE tt.is_user_defined = 1
