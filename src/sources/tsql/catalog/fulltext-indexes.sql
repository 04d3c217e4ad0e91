-- Full-text indexes; unique_index_id is the KEY INDEX.
SELECT fi.object_id, fi.unique_index_id, fi.is_enabled
FROM sys.fulltext_indexes AS fi
