-- key_ordinal orders key columns (0 for included, XML, spatial and columnstore columns); index_column_id orders the rest.
SELECT ic.object_id, ic.index_id, ic.index_column_id, ic.column_id, ic.key_ordinal, ic.is_descending_key,
  ic.is_included_column
FROM sys.index_columns AS ic
WHERE OBJECTPROPERTY(ic.object_id, 'IsMSShipped') = 0
ORDER BY ic.object_id, ic.index_id, ic.index_column_id
