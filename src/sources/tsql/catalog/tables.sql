-- User tables (SQL Server 2016+ for temporal_type, history_table_id; 2014+ for is_memory_optimized, durability_desc).
SELECT t.object_id, t.schema_id, t.name, t.temporal_type, t.history_table_id, t.is_memory_optimized, t.durability_desc,
  t.is_filetable
FROM sys.tables AS t
WHERE t.is_ms_shipped = 0
ORDER BY t.schema_id, t.name
