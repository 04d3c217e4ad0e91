-- seed_value and increment_value are sql_variant: read as exact decimal text so bigint seeds keep every digit.
SELECT ic.object_id, ic.column_id,
  CONVERT(varchar(40), CONVERT(decimal(38, 0), ic.seed_value)) AS seed_value,
  CONVERT(varchar(40), CONVERT(decimal(38, 0), ic.increment_value)) AS increment_value,
  ic.is_not_for_replication
FROM sys.identity_columns AS ic
