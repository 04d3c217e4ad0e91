SELECT fic.object_id, fic.column_id, fic.type_column_id, fic.language_id
FROM sys.fulltext_index_columns AS fic
ORDER BY fic.object_id, fic.column_id
