-- class 0 database, 1 object or column (minor_id = column_id), 3 schema; value is sql_variant, read as text.
SELECT ep.class, ep.class_desc, ep.major_id, ep.minor_id, ep.name, CONVERT(nvarchar(4000), ep.value) AS value
FROM sys.extended_properties AS ep
ORDER BY ep.class, ep.major_id, ep.minor_id, ep.name
