-- The database's default collation: a column collation equal to it is left implicit, as a generated script has it.
SELECT d.name, d.collation_name
FROM sys.databases AS d
WHERE d.database_id = DB_ID()
