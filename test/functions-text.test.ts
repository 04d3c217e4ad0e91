import { describe, expect, test } from 'vitest';
import { dataType } from '../src/model/types.js';
import { translateSource, type Dialect } from './helpers/functions.js';

/**
 * Source call → exact PostgreSQL text; columns: d date, ts timestamp(3), n integer, f double precision, s varchar, j jsonb,
 * b boolean (a bit / tinyint(1) column), st text[] (a MySQL SET column), e public.t_e (a MySQL ENUM('small', 'large') column).
 */
const columns = {
  d: dataType('date'), ts: dataType('timestamp', [3]), n: dataType('integer'), f: dataType('double precision'), s: dataType('varchar', [20]), j: dataType('jsonb'),
  b: dataType('boolean'), st: dataType('text', [], { array: true }), e: dataType('t_e', [], { schema: 'public', values: ['small', 'large'] }),
};

const TSQL: [string, string][] = [
  ['DATEADD(day, 1, d)', "CAST((d + INTERVAL '1 day') AS date)"],
  ['DATEADD(hour, 1, d)', "d + INTERVAL '1 hour'"],
  ['DATEADD(quarter, n, ts)', "ts + (n * 3) * INTERVAL '1 month'"],
  ['DATEDIFF(day, d, ts)', '(CAST(ts AS date) - CAST(d AS date))'],
  ['DATEDIFF(year, d, ts)', "(CAST(date_part('year', ts) AS integer) - CAST(date_part('year', d) AS integer))"],
  ['DATEPART(weekday, d)', "(CAST(date_part('dow', d) AS integer) + 1)"],
  ['YEAR(d)', "CAST(date_part('year', d) AS integer)"],
  ['EOMONTH(d)', "CAST((date_trunc('month', CAST(d AS timestamp)) + INTERVAL '1 month' - INTERVAL '1 day') AS date)"],
  ['LEN(s)', 'length(rtrim(s))'],
  ['LEN(n)', 'length(rtrim(CAST(n AS text)))'],
  ['CHARINDEX(\'a\', s)', "strpos(s, 'a')"],
  ['CHARINDEX(\'a\', s, 3)', "CASE WHEN strpos(substr(s, 3), 'a') = 0 THEN 0 ELSE strpos(substr(s, 3), 'a') + 3 - 1 END"],
  ["PATINDEX('%[0-9]%', s)", "regexp_instr(s, '[0-9]')"],
  ["STUFF(s, 2, 3, 'x')", "CASE WHEN 2 < 1 OR 2 > char_length(s) OR 3 < 0 THEN NULL ELSE left(s, 2 - 1) || coalesce('x', '') || substr(s, 2 + 3) END"],
  ['QUOTENAME(s)', "'[' || replace(s, ']', ']]') || ']'"],
  ["FORMAT(ts, 'yyyy-MM-dd HH:mm')", "to_char(ts, 'YYYY-MM-DD HH24:MI')"],
  ["FORMAT(n, 'N0')", "to_char(n, 'FM999,999,999,999,999,990')"],
  ['ROUND(f, 2)', 'CAST(round(CAST(f AS numeric), 2) AS double precision)'],
  ['ROUND(n, 2, 1)', 'trunc(n, 2)'],
  ['LOG(n, 2)', 'log(2, n)'],
  ["IIF(n > 1, 'a', 'b')", "CASE WHEN n > 1 THEN 'a' ELSE 'b' END"],
  ["CHOOSE(n, 'a', 'b')", "CASE n WHEN 1 THEN 'a' WHEN 2 THEN 'b' END"],
  ["JSON_VALUE(s, '$.a')", "CASE WHEN jsonb_typeof(jsonb_extract_path(CAST(s AS jsonb), 'a')) IN ('object', 'array') THEN NULL ELSE jsonb_extract_path_text(CAST(s AS jsonb), 'a') END"],
  ['STDEV(f)', 'stddev_samp(f)'],
  ['NEWID()', 'gen_random_uuid()'],
  ['DB_NAME()', 'current_database()'],
  ["CONVERT(varchar(10), d, 103)", "to_char(d, 'DD/MM/YYYY')"],
  // COLLATE: a case-sensitive collation compares as text in the default collation; others are named in a PGS3003
  ["s COLLATE Latin1_General_CS_AS = 'A'", "(CAST(s AS text) COLLATE \"default\") = 'A'"],
  ["s COLLATE Latin1_General_BIN2", "(CAST(s AS text) COLLATE \"default\")"],
  ['s COLLATE DATABASE_DEFAULT', 's'],
  // ISNULL has its first argument's type: a longer replacement is cut to it
  ["ISNULL(CAST(s AS varchar(2)), 'abcd')", "coalesce(CAST(s AS varchar(2)), CAST('abcd' AS varchar(2)))"],
  ['ISNULL(n, 0)', 'coalesce(n, 0)'],
  // TRY_CAST / TRY_CONVERT of a literal is judged now
  ["TRY_CAST('x' AS int)", 'CAST(NULL AS integer)'],
  ["TRY_CONVERT(int, ' 42 ')", "CAST(' 42 ' AS integer)"],
  ["TRY_CONVERT(smallint, '40000')", 'CAST(NULL AS smallint)'],
  // a bit column computes as 0/1; only a 0/1 literal compares as a boolean
  ['b + 1', 'CAST(b AS integer) + 1'],
  ['b = 1', 'b = TRUE'],
  ['CAST(b AS varchar(1))', 'CAST(CAST(b AS integer) AS varchar(1))'],
  ['n / 0', 'n / 0'],
];

const MYSQL: [string, string][] = [
  ['DATE_ADD(d, INTERVAL 1 MONTH)', "CAST((d + INTERVAL '1 month') AS date)"],
  ["DATE_ADD(ts, INTERVAL '1:30' HOUR_MINUTE)", "ts + INTERVAL '1:30' HOUR TO MINUTE"],
  ['DATE_SUB(ts, INTERVAL 2 QUARTER)', "ts - INTERVAL '6 month'"],
  ["DATE_FORMAT(ts, '%Y-%m-%d %H:%i')", "to_char(ts, 'YYYY-MM-DD HH24:MI')"],
  ["DATE_FORMAT(ts, '%W, %D of %M')", "to_char(ts, 'FMDay, FMDDth\" of \"FMMonth')"],
  ['TIMESTAMPDIFF(HOUR, ts, ts)', "CAST(trunc((date_part('epoch', ts) - date_part('epoch', ts)) / 3600) AS bigint)"],
  ['DAYOFWEEK(d)', "(CAST(date_part('dow', d) AS integer) + 1)"],
  ['WEEKDAY(d)', "(CAST(date_part('isodow', d) AS integer) - 1)"],
  ['LAST_DAY(ts)', "CAST((date_trunc('month', ts) + INTERVAL '1 month' - INTERVAL '1 day') AS date)"],
  ["CONCAT(s, '-', n)", "s || '-' || CAST(n AS text)"],
  ['GREATEST(n, 2)', 'CASE WHEN n IS NULL OR 2 IS NULL THEN NULL ELSE greatest(n, 2) END'],
  ["TRIM(LEADING '0' FROM s)", "ltrim(s, '0')"],
  ["SUBSTRING_INDEX(s, ',', 1)", "split_part(s, ',', 1)"],
  // a '-' string in a mapping template is a literal, not a minus sign
  ['UUID_TO_BIN(UUID())', "decode(replace(CAST((gen_random_uuid()) AS text), '-', ''), 'hex')"],
  ['BIN_TO_UUID(b)', "CAST((encode(b, 'hex')) AS uuid)"],
  ["FIND_IN_SET('b', s)", "CASE WHEN 'b' IS NULL OR s IS NULL THEN NULL ELSE coalesce(array_position(string_to_array(s, ','), 'b'), 0) END"],
  ["LOCATE('a', s)", "strpos(s, 'a')"],
  ['LOG(2, n)', 'CASE WHEN n > 0 THEN log(2, n) END'],
  ['LOG10(100)', 'log(100)'],
  ['LN(f)', 'CASE WHEN f > 0 THEN ln(f) END'],
  ['ROUND(f, 1)', 'round(f * power(10, 1)) / power(10, 1)'],
  ['TRUNCATE(f, 1)', 'CAST(trunc(CAST(f AS numeric), 1) AS double precision)'],
  ['IFNULL(s, \'x\')', "coalesce(s, 'x')"],
  ["JSON_EXTRACT(j, '$.a.b[0]')", "jsonb_extract_path(j, 'a', 'b', '0')"],
  ["JSON_UNQUOTE(JSON_EXTRACT(j, '$.a'))", "jsonb_extract_path_text(j, 'a')"],
  // JSON compared with an SQL number or string compares as JSON scalars
  ["JSON_EXTRACT(j, '$.a') = 1", "jsonb_extract_path(j, 'a') = to_jsonb(1)"],
  ["JSON_EXTRACT(j, '$.c') = 'x'", "jsonb_extract_path(j, 'c') = to_jsonb(CAST('x' AS text))"],
  ["JSON_SET(j, '$.a', 1)", "jsonb_set(j, CAST('{a}' AS text[]), to_jsonb(1))"],
  ["JSON_REMOVE(j, '$.a')", "(j #- CAST('{a}' AS text[]))"],
  ["JSON_CONTAINS(j, '1', '$.a')", "jsonb_extract_path(j, 'a') @> CAST('1' AS jsonb)"],
  ['UUID()', 'gen_random_uuid()'],
  ['CONNECTION_ID()', 'pg_backend_pid()'],
  ['STD(f)', 'stddev_pop(f)'],
  ["SHA2(s, 256)", "encode(sha256(convert_to(s, 'UTF8')), 'hex')"],
  // a tinyint(1) column computes as 0/1, in arithmetic, aggregates and results mixed with numbers
  ['b + 1', 'CAST(b AS integer) + 1'],
  ['SUM(b)', 'sum(CAST(b AS integer))'],
  ['IF(b IS NULL, -1, b)', 'CASE WHEN b IS NULL THEN -1 ELSE CAST(b AS integer) END'],
  ['IFNULL(b, 0)', 'coalesce(CAST(b AS integer), 0)'],
  ['b = 2', 'CAST(b AS integer) = 2'],
  ['b IS NOT FALSE', 'b IS NOT FALSE'],
  ['CAST(b AS SIGNED)', 'CAST(CAST(b AS integer) AS bigint)'],
  ["s COLLATE utf8mb4_bin = 'A'", "(CAST(s AS text) COLLATE \"default\") = 'A'"],
  // a string literal in arithmetic or cast to a number reads as its numeric prefix, as MySQL does
  ["'1.5' * 2", '1.5 * 2'],
  ["'abc' + n", '0 + n'],
  ["CAST('12.5abc' AS DECIMAL(5,2))", 'CAST(12.5 AS numeric(5, 2))'],
  ["CAST(' -3e2x' AS SIGNED)", 'CAST(-3e2 AS bigint)'],
  // division by zero gives NULL in MySQL
  ['n / f', 'n / nullif(f, 0)'],
  ['n DIV n', 'div(n, nullif(n, 0))'],
  ['MOD(n, 3)', 'mod(n, 3)'],
  // d ± INTERVAL is DATE_ADD / DATE_SUB: a date stays a date
  ['d - INTERVAL 2 DAY', "CAST((d - INTERVAL '2 day') AS date)"],
  // an ENUM compares with strings as MySQL does: a literal naming a member (case ignored) becomes it, others read the enum as text
  ["e = 'SMALL'", "e = 'small'"],
  ["e IN ('small', 'Large')", "e IN ('small', 'large')"],
  ["e = 'tiny'", "CAST(e AS text) = 'tiny'"],
  ["e < 'medium'", "CAST(e AS text) < 'medium'"],
  ["COALESCE(e, 'unknown')", "coalesce(CAST(e AS text), 'unknown')"],
  ['MAX(e)', 'max(CAST(e AS text))'],
  // a SET column reads as its comma-joined members
  ["CONCAT(s, st)", "s || array_to_string(st, ',')"],
  ["st = 'a,b'", "array_to_string(st, ',') = 'a,b'"],
  ["FIND_IN_SET('b', st)", "CASE WHEN 'b' IS NULL OR st IS NULL THEN NULL ELSE coalesce(array_position(string_to_array(array_to_string(st, ','), ','), 'b'), 0) END"],
];

function cases(dialect: Dialect, table: [string, string][]): void {
  test.each(table)(`${dialect}: %s`, (source, expected) => {
    const r = translateSource(dialect, source, { columns });
    expect(r.problems.filter((p) => p.code === 'PGS3001' || p.code === 'PGS3002')).toEqual([]);
    expect(r.sql).toBe(expected);
  });
}

describe('T-SQL functions → PostgreSQL text', () => cases('tsql', TSQL));
describe('MySQL functions → PostgreSQL text', () => cases('mysql', MYSQL));

describe('functions with no equivalent are PGS3001 with why and a suggestion', () => {
  test.each([
    ['tsql', "STRING_SPLIT(s, ',')", 'table-valued', 'string_to_array'],
    ['tsql', 'SCOPE_IDENTITY()', 'no meaning in a view', 'RETURNING'],
    ['tsql', 'OPENJSON(s)', 'table-valued', 'jsonb_each'],
    ['tsql', 'CHECKSUM_AGG(n)', 'XOR checksum', 'bit_xor'],
    ['tsql', "ISJSON(s)", 'before 16', 'pg_input_is_valid'],
    ['mysql', 'LAST_INSERT_ID()', 'no meaning in a view', 'lastval()'],
    ['mysql', 'UUID_SHORT()', 'short unique', 'nextval'],
    ['mysql', 'CRC32(s)', 'CRC32', 'hashtext'],
    ['mysql', 'CONV(s, 16, 2)', 'base conversion', 'to_hex'],
    ['mysql', 'RAND(5)', 'seeded', 'setseed'],
    ['mysql', "DATE_FORMAT(ts, s)", 'not a literal', 'to_char'],
    ['mysql', 'VERSION()', 'version string', 'version()'],
  ] as [Dialect, string, string, string][])('%s %s', (dialect, source, why, suggestion) => {
    const r = translateSource(dialect, source, { columns });
    const p = r.problems.find((x) => x.code === 'PGS3001');
    expect(p?.message).toContain(why);
    expect(p?.message).toContain(suggestion);
  });

  test('semantic changes are PGS3003 naming the difference', () => {
    expect(translateSource('tsql', 'AVG(n)', { columns }).problems.map((p) => p.message).join()).toContain('truncates AVG of integers');
    expect(translateSource('mysql', "STR_TO_DATE(s, '%Y')", { columns }).problems.map((p) => p.code)).toContain('PGS3003');
    expect(translateSource('tsql', "HASHBYTES('SHA2_256', s)", { columns }).problems.map((p) => p.message).join()).toContain('UTF-16');
  });

  test('TRY_CAST of a column: CAST with a PGS3003 before PostgreSQL 16, pg_input_is_valid from 16', () => {
    const on15 = translateSource('tsql', 'TRY_CAST(s AS int)', { columns });
    expect(on15.sql).toBe('CAST(s AS integer)');
    expect(on15.problems.map((p) => p.code)).toEqual(['PGS3003']);
    const on16 = translateSource('tsql', 'TRY_CAST(s AS int)', { columns, options: { targetVersion: 16 } });
    expect(on16.sql).toBe("CASE WHEN pg_input_is_valid(CAST(s AS text), 'integer') THEN CAST(s AS integer) END");
    expect(on16.problems).toEqual([]);
  });

  test('a COLLATE pgshift cannot carry is reported, not dropped silently', () => {
    const r = translateSource('tsql', 's COLLATE Latin1_General_CI_AI', { columns });
    expect(r.sql).toBe('s');
    expect(r.problems.map((p) => p.message)).toEqual(["COLLATE Latin1_General_CI_AI dropped: the comparison uses the column's own collation"]);
  });

  test('extensions the translation needs are recorded', () => {
    expect(translateSource('tsql', "SOUNDEX(s)", { columns }).extensions).toEqual(['fuzzystrmatch']);
    expect(translateSource('mysql', 'SHA1(s)', { columns }).extensions).toEqual(['pgcrypto']);
  });
});
