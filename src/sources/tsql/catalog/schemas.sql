-- User schemas: not sys, INFORMATION_SCHEMA, guest, nor the fixed database-role schemas (schema_id >= 16384).
SELECT s.schema_id, s.name
FROM sys.schemas AS s
WHERE s.schema_id < 16384 AND s.name NOT IN (N'sys', N'INFORMATION_SCHEMA', N'guest')
ORDER BY s.name
