-- Views, procedures, functions and DML triggers with their text (NULL when WITH ENCRYPTION); CLR ones have none.
SELECT o.object_id, o.schema_id, o.name, o.type, o.parent_object_id, m.definition
FROM sys.objects AS o
LEFT JOIN sys.sql_modules AS m ON m.object_id = o.object_id
WHERE o.is_ms_shipped = 0 AND o.type IN ('V', 'P', 'FN', 'IF', 'TF', 'TR', 'PC', 'FS', 'FT', 'AF')
ORDER BY o.schema_id, o.name
