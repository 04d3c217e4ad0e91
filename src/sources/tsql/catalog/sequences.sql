-- The sql_variant bounds are read as exact decimal text (a decimal(38) sequence can exceed bigint).
SELECT sq.object_id, sq.schema_id, sq.name, sq.user_type_id, sq.precision, sq.scale,
  CONVERT(varchar(40), CONVERT(decimal(38, 0), sq.start_value)) AS start_value,
  CONVERT(varchar(40), CONVERT(decimal(38, 0), sq.increment)) AS increment,
  CONVERT(varchar(40), CONVERT(decimal(38, 0), sq.minimum_value)) AS minimum_value,
  CONVERT(varchar(40), CONVERT(decimal(38, 0), sq.maximum_value)) AS maximum_value,
  sq.is_cycling, sq.is_cached, sq.cache_size
FROM sys.sequences AS sq
WHERE sq.is_ms_shipped = 0
ORDER BY sq.schema_id, sq.name
