SELECT cc.object_id, cc.column_id, cc.definition, cc.is_persisted
FROM sys.computed_columns AS cc
