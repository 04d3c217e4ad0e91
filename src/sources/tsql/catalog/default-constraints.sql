-- definition is SQL Server's normalised text, e.g. ((0)) or (getdate()).
SELECT dc.object_id, dc.name, dc.parent_object_id, dc.parent_column_id, dc.definition, dc.is_system_named
FROM sys.default_constraints AS dc
WHERE dc.is_ms_shipped = 0
