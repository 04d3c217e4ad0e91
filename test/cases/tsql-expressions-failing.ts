/**
 * Semantics cases that fail today, by expression, with the missing piece. Each is a real finding (the converted view
 * does not give SQL Server's documented result); the test runs them as `it.fails`, so fixing one turns CI red here
 * until its line is deleted.
 */
export const EXPECTED_FAILURES: Record<string, string> = {
  // Mappings (mappings/tsql.functions.yaml, src/transpile/functions*.ts)
  "DATALENGTH(N'abc')": 'DATALENGTH counts UTF-8 bytes (3); nvarchar stores 2 bytes per character (6)',
  'POWER(2, -100.0)': 'POWER keeps numeric instead of the int type of its first argument (int base → 0)',
  'CAST(m AS varchar(20))': 'money → varchar keeps 4 decimals; SQL Server style 0 gives 2 (12.35)',
  "PARSE('123' AS int)": 'PARSE has no mapping (PGS3001)',
  "TRY_PARSE('abc' AS int)": 'TRY_PARSE has no mapping (PGS3001)',
  "ISDATE('2020-02-30')": 'ISDATE has no mapping below PostgreSQL 16 (PGS3001); pg_input_is_valid exists on 16',
  "ISDATE('2020-02-29')": 'ISDATE has no mapping below PostgreSQL 16 (PGS3001); pg_input_is_valid exists on 16',
  // Casts (src/transpile/expr.ts)
  // Collation and padding policy (string comparison semantics)
  "REPLACE('abc', 'B', 'x')": 'REPLACE is case-sensitive in PostgreSQL; the default SQL Server collation is case-insensitive',
  "CHARINDEX('B', 'abc')": 'CHARINDEX → strpos is case-sensitive; the default SQL Server collation is case-insensitive',
  "CASE WHEN 'a' = 'A' THEN 1 ELSE 0 END": 'literal comparison is case-sensitive in PostgreSQL (default collation CI in SQL Server)',
  "CASE WHEN 'abc' LIKE 'A%' THEN 1 ELSE 0 END": 'LIKE is case-sensitive in PostgreSQL (ILIKE or a CI collation needed)',
  "CASE WHEN 'a' = 'a   ' THEN 1 ELSE 0 END": 'SQL Server pads for = (trailing spaces ignored); text comparison in PostgreSQL does not',
  "CASE WHEN s = 'Hello World' THEN 1 ELSE 0 END": 'SQL Server pads for = (trailing spaces ignored); varchar comparison in PostgreSQL does not',
};
