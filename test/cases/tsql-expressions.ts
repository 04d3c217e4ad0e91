/**
 * T-SQL expression semantics as the SQL Server documentation states them (learn.microsoft.com/sql/t-sql/...).
 * No SQL Server runs here: each expected value is the documented result, cited per group. Each case runs as
 * `CREATE VIEW v AS SELECT <expr> AS r FROM dbo.t` over the one-row table below (server defaults: DATEFIRST 7,
 * us_english, ANSI_NULLS ON, CONCAT_NULL_YIELDS_NULL ON, SQL_Latin1_General_CP1_CI_AS collation).
 */

/** num: numeric equality after normalising scale ('3.00' = '3'); float: relative 1e-12; str: exact; bit: 1/0 or true/false;
 * ts: timestamp at millisecond precision; date: calendar date; match: string matching a pattern; null: SQL NULL. */
export type Expected =
  | { num: string }
  | { float: number }
  | { str: string }
  | { bit: 0 | 1 }
  | { ts: string }
  | { date: string }
  | { match: RegExp }
  | { null: true };

export interface ExprCase {
  expr: string;
  expect: Expected;
  /** The documentation page the expected value comes from. */
  doc: string;
}

export const TABLE_DDL = `CREATE TABLE dbo.t (
  id int NOT NULL PRIMARY KEY,
  i int NOT NULL, j int NOT NULL, n int NULL, neg int NOT NULL,
  d decimal(10, 2) NOT NULL, f float NOT NULL, m money NOT NULL,
  s varchar(20) NOT NULL, ns nvarchar(20) NOT NULL,
  dt datetime NOT NULL, dd date NOT NULL, b bit NOT NULL
)`;

/** The one row, as PostgreSQL column → SQL literal (inserted after conversion, into the converted table). */
export const TABLE_ROW: Record<string, string> = {
  id: '1', i: '7', j: '2', n: 'NULL', neg: '-5', d: '2.50', f: '2.5', m: '12.3456', s: "'Hello World  '", ns: "'abc'",
  dt: "'2020-01-31 10:15:30.123'", dd: "'2020-02-29'", b: 'true',
};

const num = (v: string | number): Expected => ({ num: String(v) });
const str = (v: string): Expected => ({ str: v });
const NULL: Expected = { null: true };
const ts = (v: string): Expected => ({ ts: v });
const date = (v: string): Expected => ({ date: v });

const FN = 'https://learn.microsoft.com/en-us/sql/t-sql/functions';
const LANG = 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements';

function group(doc: string, cases: [string, Expected][]): ExprCase[] {
  return cases.map(([expr, expect]) => ({ expr, expect, doc }));
}

export const TSQL_EXPRESSION_CASES: ExprCase[] = [
  // LEN excludes trailing spaces; DATALENGTH counts bytes (2 per nvarchar character).
  ...group(`${FN}/len-transact-sql`, [
    ["LEN('abc  ')", num(3)], ["LEN('  abc')", num(5)], ['LEN(s)', num(11)], ["LEN('')", num(0)],
    ['LEN(NULL)', NULL], ["LEN(N'abc')", num(3)], ["LEN(REPLICATE('x', 5))", num(5)],
  ]),
  ...group(`${FN}/datalength-transact-sql`, [["DATALENGTH('abc  ')", num(5)], ["DATALENGTH(N'abc')", num(6)]]),
  ...group(`${FN}/left-transact-sql`, [["LEFT('abcdef', 3)", str('abc')], ["LEFT('abc', 10)", str('abc')], ['LEFT(NULL, 2)', NULL]]),
  ...group(`${FN}/right-transact-sql`, [["RIGHT('abcdef', 2)", str('ef')], ['RIGHT(s, 7)', str('World  ')]]),
  // SUBSTRING: a start below 1 still counts the positions before 1 against the length.
  ...group(`${FN}/substring-transact-sql`, [
    ["SUBSTRING('abcdef', 2, 3)", str('bcd')], ["SUBSTRING('abcdef', 0, 3)", str('ab')], ["SUBSTRING('abcdef', 5, 10)", str('ef')],
    ['SUBSTRING(s, 1, 5)', str('Hello')], ["SUBSTRING('abc', 4, 1)", str('')],
  ]),
  ...group(`${FN}/upper-transact-sql`, [["UPPER('abc')", str('ABC')], ['UPPER(ns)', str('ABC')], ['UPPER(NULL)', NULL]]),
  ...group(`${FN}/lower-transact-sql`, [["LOWER('ABC')", str('abc')], ['UPPER(LEFT(s, 1)) + LOWER(SUBSTRING(s, 2, 4))', str('Hello')]]),
  ...group(`${FN}/ltrim-transact-sql`, [["LTRIM('  a ')", str('a ')]]),
  ...group(`${FN}/rtrim-transact-sql`, [["RTRIM('  a ')", str('  a')], ["RTRIM(s) + '|'", str('Hello World|')]]),
  ...group(`${FN}/trim-transact-sql`, [["TRIM('  a  ')", str('a')], ["TRIM('x' FROM 'xxaxx')", str('a')]]),
  // REPLACE compares by the input's collation: case-insensitive under the default collation.
  ...group(`${FN}/replace-transact-sql`, [
    ["REPLACE('abcabc', 'b', 'x')", str('axcaxc')], ["REPLACE('abc', 'B', 'x')", str('axc')], ["REPLACE('abc', 'b', NULL)", NULL],
    ["REPLACE(s, ' ', '')", str('HelloWorld')],
  ]),
  ...group(`${FN}/reverse-transact-sql`, [["REVERSE('abc')", str('cba')]]),
  // REPLICATE: a negative count returns NULL.
  ...group(`${FN}/replicate-transact-sql`, [["REPLICATE('ab', 3)", str('ababab')], ["REPLICATE('a', 0)", str('')], ["REPLICATE('a', -1)", NULL]]),
  // CHARINDEX: 1-based, 0 when absent, optional start; collation-aware (case-insensitive by default).
  ...group(`${FN}/charindex-transact-sql`, [
    ["CHARINDEX('b', 'abcb')", num(2)], ["CHARINDEX('b', 'abcb', 3)", num(4)], ["CHARINDEX('z', 'abc')", num(0)],
    ["CHARINDEX('B', 'abc')", num(2)], ["CHARINDEX(NULL, 'abc')", NULL], ["CHARINDEX('World', s)", num(7)],
  ]),
  ...group(`${FN}/patindex-transact-sql`, [["PATINDEX('%c%', 'abcd')", num(3)], ["PATINDEX('%z%', 'abcd')", num(0)]]),
  // STUFF: NULL when start is beyond the string; length 0 inserts.
  ...group(`${FN}/stuff-transact-sql`, [
    ["STUFF('abcdef', 2, 3, 'ijklmn')", str('aijklmnef')], ["STUFF('abc', 5, 1, 'x')", NULL], ["STUFF('abc', 2, 0, 'x')", str('axbc')],
    // From position 1 (the FOR XML PATH idiom): '' is beyond the string, so NULL; a length past the end deletes to it.
    ["STUFF(',a,b', 1, 1, '')", str('a,b')], ["STUFF('', 1, 1, '')", NULL], ["STUFF('abc', 1, 5, 'x')", str('x')], ["STUFF('abc', 1, 0, 'x')", str('xabc')],
  ]),
  ...group(`${FN}/space-transact-sql`, [["SPACE(3) + 'x'", str('   x')]]),
  // CONCAT treats NULL as ''; CONCAT_WS skips NULLs.
  ...group(`${FN}/concat-transact-sql`, [["CONCAT('a', NULL, 'b')", str('ab')], ["CONCAT('a', 1, 'b')", str('a1b')], ["CONCAT(i, '/', j)", str('7/2')]]),
  ...group(`${FN}/concat-ws-transact-sql`, [["CONCAT_WS('-', 'a', NULL, 'b')", str('a-b')]]),
  // + on strings concatenates; with CONCAT_NULL_YIELDS_NULL ON (the default) NULL + 'x' is NULL.
  ...group(`${LANG}/string-concatenation-transact-sql`, [["'ab' + 'cd'", str('abcd')], ["NULL + 'x'", NULL], ["s + '!'", str('Hello World  !')]]),
  ...group(`${FN}/ascii-transact-sql`, [["ASCII('A')", num(65)], ["ASCII('abc')", num(97)]]),
  ...group(`${FN}/char-transact-sql`, [['CHAR(65)', str('A')]]),
  ...group(`${FN}/unicode-transact-sql`, [["UNICODE(N'é')", num(233)]]),
  ...group(`${FN}/nchar-transact-sql`, [['NCHAR(233)', str('é')]]),
  ...group(`${FN}/quotename-transact-sql`, [["QUOTENAME('a]b')", str('[a]]b]')], ["QUOTENAME('abc', '''')", str("'abc'")]]),
  ...group(`${FN}/str-transact-sql`, [['STR(123.45, 6, 1)', str(' 123.5')]]),
  ...group(`${FN}/translate-transact-sql`, [["TRANSLATE('2*[3+4]/{7-2}', '[]{}', '()()')", str('2*(3+4)/(7-2)')]]),
  ...group(`${FN}/soundex-transact-sql`, [["SOUNDEX('Smith')", str('S530')]]),
  // FORMAT uses .NET format strings and the session language's culture (en-US by default).
  ...group(`${FN}/format-transact-sql`, [
    ["FORMAT(dd, 'yyyy-MM-dd')", str('2020-02-29')], ["FORMAT(dt, 'dd/MM/yyyy')", str('31/01/2020')], ["FORMAT(dt, 'HH:mm')", str('10:15')],
    ["FORMAT(1234.5, 'N2')", str('1,234.50')], ["FORMAT(7, '000')", str('007')],
  ]),

  // Mathematical functions.
  ...group(`${FN}/abs-transact-sql`, [['ABS(-5)', num(5)], ['ABS(neg)', num(5)], ['ABS(-2.50)', num('2.50')]]),
  ...group(`${FN}/ceiling-transact-sql`, [['CEILING(2.1)', num(3)], ['CEILING(-2.1)', num(-2)], ['CEILING(d)', num(3)]]),
  ...group(`${FN}/floor-transact-sql`, [['FLOOR(2.9)', num(2)], ['FLOOR(-2.1)', num(-3)]]),
  // POWER returns the base's type: an int base with a negative exponent gives 0.
  ...group(`${FN}/power-transact-sql`, [['POWER(2, 10)', num(1024)], ['POWER(2, -100.0)', num(0)], ['POWER(f, 2)', { float: 6.25 }]]),
  ...group(`${FN}/sqrt-transact-sql`, [['SQRT(16)', { float: 4 }], ['SQRT(2.25)', { float: 1.5 }]]),
  ...group(`${FN}/square-transact-sql`, [['SQUARE(3)', { float: 9 }]]),
  ...group(`${FN}/sign-transact-sql`, [['SIGN(-3)', num(-1)], ['SIGN(0)', num(0)], ['SIGN(2.5)', num(1)]]),
  // ROUND rounds half away from zero; a third argument other than 0 truncates.
  ...group(`${FN}/round-transact-sql`, [
    ['ROUND(2.5, 0)', num(3)], ['ROUND(-2.5, 0)', num(-3)], ['ROUND(123.4545, 2)', num('123.45')], ['ROUND(123.45, -2)', num(100)],
    ['ROUND(150.75, 0)', num(151)], ['ROUND(150.75, 0, 1)', num(150)], ['ROUND(d, 0)', num(3)],
  ]),
  ...group(`${FN}/pi-transact-sql`, [['PI()', { float: 3.141592653589793 }]]),
  ...group(`${FN}/exp-transact-sql`, [['EXP(0)', { float: 1 }]]),
  ...group(`${FN}/log-transact-sql`, [['LOG(1)', { float: 0 }], ['LOG(8, 2)', { float: 3 }]]),
  ...group(`${FN}/log10-transact-sql`, [['LOG10(100)', { float: 2 }]]),
  // Integer division truncates toward zero; % keeps the dividend's sign.
  ...group(`${LANG}/divide-transact-sql`, [
    ['7 / 2', num(3)], ['-7 / 2', num(-3)], ['i / j', num(3)], ['7 / 2.0', num('3.5')], ['7.0 / 2', num('3.5')],
    ['CAST(i AS float) / j', { float: 3.5 }], ['10 / 4 * 2.0', num(4)], ['CAST(i AS decimal(5, 2)) / j', num('3.5')],
  ]),
  ...group(`${LANG}/modulo-transact-sql`, [['7 % 3', num(1)], ['-7 % 3', num(-1)], ['i % j', num(1)]]),
  ...group(`${LANG}/bitwise-operators-transact-sql`, [['5 & 3', num(1)], ['5 | 3', num(7)], ['5 ^ 3', num(6)], ['~5', num(-6)], ['~b', { bit: 0 }]]),
  ...group(`${LANG}/case-transact-sql`, [["CASE b WHEN 1 THEN 'Y' ELSE 'N' END", str('Y')], ["CASE b WHEN 0 THEN 'N' END", NULL]]),
  ...group(`${LANG}/in-transact-sql`, [["CASE WHEN b IN (0, 1) THEN 1 ELSE 0 END", num(1)], ["CASE WHEN b IN (2, 3) THEN 1 ELSE 0 END", num(0)], ["CASE WHEN b NOT IN (0) THEN 1 ELSE 0 END", num(1)]]),
  ...group(`${LANG}/between-transact-sql`, [["CASE WHEN b BETWEEN 0 AND 1 THEN 1 ELSE 0 END", num(1)], ["CASE WHEN b BETWEEN 2 AND 5 THEN 1 ELSE 0 END", num(0)]]),
  ...group(`${LANG}/add-transact-sql`, [['f * 2', { float: 5 }], ['d * 2', num(5)], ['NULL + 1', NULL], ['n * 0', NULL], ['m + 1', num('13.3456')]]),

  // CAST and CONVERT: int conversion truncates decimals; styles for dates; bit from 'true'/'false' and nonzero.
  ...group(`${FN}/cast-and-convert-transact-sql`, [
    ['CAST(2.7 AS int)', num(2)], ['CAST(-2.7 AS int)', num(-2)], ["CAST('123' AS int)", num(123)], ['CONVERT(int, 12.9)', num(12)],
    ["CAST('true' AS bit)", { bit: 1 }], ["CAST('false' AS bit)", { bit: 0 }], ['CAST(5 AS bit)', { bit: 1 }], ['CAST(0 AS bit)', { bit: 0 }],
    ['CONVERT(varchar(8), dt, 112)', str('20200131')], ['CONVERT(varchar(10), dt, 120)', str('2020-01-31')],
    ['CONVERT(varchar(19), dt, 120)', str('2020-01-31 10:15:30')], ['CONVERT(varchar(10), dt, 101)', str('01/31/2020')],
    ['CONVERT(varchar(10), dt, 103)', str('31/01/2020')], ['CONVERT(varchar(23), dt, 121)', str('2020-01-31 10:15:30.123')],
    ['CONVERT(varchar(8), dt, 108)', str('10:15:30')], ['CONVERT(varchar(10), dt, 23)', str('2020-01-31')],
    ['CONVERT(varchar(30), dt, 126)', str('2020-01-31T10:15:30.123')], ['CONVERT(varchar(11), dd, 106)', str('29 Feb 2020')],
    ['CONVERT(varchar(10), dd, 104)', str('29.02.2020')],
    ["CONVERT(date, '20200131')", date('2020-01-31')], ["CAST('2020-01-31 10:15:30' AS datetime)", ts('2020-01-31T10:15:30.000')],
    ['CAST(dt AS date)', date('2020-01-31')], ["TRY_CONVERT(int, 'abc')", NULL], ["TRY_CAST('x' AS int)", NULL],
    ['CAST(3.999 AS decimal(5, 2))', num('4.00')], ["CAST('12.5' AS decimal(5, 1))", num('12.5')], ['CAST(12.5 AS varchar(10))', str('12.5')],
    ['CAST(d AS varchar(10))', str('2.50')], ['CAST(n AS varchar(5))', NULL], ['CAST(1 AS varchar(10)) + \'a\'', str('1a')],
    ['CAST(m AS varchar(20))', str('12.35')], ["CAST(CAST('2020-01-31' AS date) AS varchar(10))", str('2020-01-31')],
    ["CAST('  12  ' AS int)", num(12)], ['CAST(b AS int)', num(1)],
    ["CAST('9999-12-31 23:59:59.9999999' AS datetime2)", ts('9999-12-31T23:59:59.999')],
    ["CONVERT(datetime2(7), '2020-01-31 23:59:59.9999999')", ts('2020-01-31T23:59:59.999')],
    ["CONVERT(datetime2, '2020-01-31T10:15:30.1234567', 126)", ts('2020-01-31T10:15:30.123')],
    ["CONVERT(datetime, '2020-01-31 10:15:30', 120)", ts('2020-01-31T10:15:30.000')], ["CONVERT(date, '2020-01-31', 23)", date('2020-01-31')],
  ]),
  // A number where a datetime is expected is days since 1900-01-01, a fraction the time of day (datetime's float form).
  ...group(`${FN}/cast-and-convert-transact-sql#datetime-and-smalldatetime`, [
    ['DATEADD(day, DATEDIFF(day, 0, dt), 0)', ts('2020-01-31T00:00:00.000')], ['DATEADD(month, DATEDIFF(month, 0, dt), 0)', ts('2020-01-01T00:00:00.000')],
    ['DATEDIFF(day, 0, dd)', num(43888)], ['YEAR(0)', num(1900)], ['CAST(FLOOR(CAST(dt AS float)) AS datetime)', ts('2020-01-31T00:00:00.000')],
    ['CAST(CAST(dt AS float) AS int)', num(43859)], ['CAST(43859.5 AS datetime)', ts('2020-01-31T12:00:00.000')],
  ]),
  // AT TIME ZONE takes Windows zone names; cast to datetime2 or date it is the zone's local time.
  ...group(`${LANG}/../queries/at-time-zone-transact-sql`, [
    ["CAST(dt AT TIME ZONE 'UTC' AT TIME ZONE 'Tokyo Standard Time' AS datetime2)", ts('2020-01-31T19:15:30.123')],
    ["CONVERT(date, dt AT TIME ZONE 'UTC' AT TIME ZONE 'Dateline Standard Time')", date('2020-01-30')],
    ["CONVERT(datetime, dt AT TIME ZONE 'Pacific Standard Time')", ts('2020-01-31T10:15:30.123')],
    ["DATEDIFF(hour, dt, CAST(dt AT TIME ZONE 'India Standard Time' AT TIME ZONE 'UTC' AS datetime2))", num(-6)],
  ]),
  // Binary styles: 0 reads the bytes as characters, 1 writes 0x and upper-case hex digits, 2 the digits only; an integer
  // converts to its big-endian bytes (binary(n) pads on the left) and back from the rightmost bytes.
  ...group(`${FN}/cast-and-convert-transact-sql#binary-styles`, [
    ['CONVERT(varchar(8), 0x4E616d65, 0)', str('Name')], ['CONVERT(char(8), 0x4E616d65, 1)', str('0x4E616D')],
    ['CONVERT(varchar(8), 0x4E616d65, 2)', str('4E616D65')], ["CONVERT(varchar(8), CONVERT(binary(4), '0x4E616D65', 1), 2)", str('4E616D65')],
    ["CONVERT(varchar(8), CONVERT(varbinary(4), '4E616D65', 2), 0)", str('Name')], ['CONVERT(varchar(12), CAST(258 AS binary(4)), 1)', str('0x00000102')],
    ['CONVERT(varchar(12), CAST(i AS binary(2)), 2)', str('0007')], ['CONVERT(varchar(20), CAST(i AS binary(6)), 2)', str('000000000007')],
    ['CAST(0x0102 AS int)', num(258)], ['CAST(0xFFFFFFFF AS int)', num(-1)], ['CAST(CAST(neg AS varbinary(8)) AS int)', num(-5)],
    ["CAST(CAST('abc' AS varbinary(10)) AS varchar(10))", str('abc')], ['CONVERT(varchar(10), s, 112)', str('Hello Worl')],
  ]),
  // Implicit conversion: varchar with int converts to int (int has the higher precedence); '1' + '1' concatenates.
  ...group(`${FN}/../data-types/data-type-precedence-transact-sql`, [["'1' + 1", num(2)], ["1 + '1'", num(2)], ["'1' + '1'", str('11')], ["i + '3'", num(10)]]),
  ...group(`${FN}/parse-transact-sql`, [["PARSE('123' AS int)", num(123)], ["TRY_PARSE('abc' AS int)", NULL]]),
  ...group(`${FN}/isnumeric-transact-sql`, [["ISNUMERIC('12.5')", num(1)], ["ISNUMERIC('abc')", num(0)]]),

  // ISNULL takes the first argument's type (so the replacement is truncated); COALESCE follows CASE typing.
  ...group(`${FN}/isnull-transact-sql`, [['ISNULL(n, 5)', num(5)], ["ISNULL(CAST(NULL AS varchar(2)), 'abcd')", str('ab')], ['ISNULL(i, 5)', num(7)]]),
  ...group(`${LANG}/coalesce-transact-sql`, [['COALESCE(n, NULL, 3)', num(3)], ["COALESCE(CAST(NULL AS varchar(2)), 'abcd')", str('abcd')], ['COALESCE(n, i)', num(7)]]),
  ...group(`${LANG}/nullif-transact-sql`, [['NULLIF(1, 1)', NULL], ['NULLIF(1, 2)', num(1)]]),
  // IIF is CASE WHEN: an unknown condition takes the false branch.
  ...group(`${FN}/logical-functions-iif-transact-sql`, [["IIF(i > j, 'yes', 'no')", str('yes')], ["IIF(n > 1, 'a', 'b')", str('b')]]),
  // CHOOSE: NULL when the index is outside the list.
  ...group(`${FN}/logical-functions-choose-transact-sql`, [["CHOOSE(2, 'a', 'b', 'c')", str('b')], ["CHOOSE(4, 'a', 'b')", NULL], ["CHOOSE(0, 'a')", NULL]]),
  ...group(`${FN}/logical-functions-greatest-transact-sql`, [['GREATEST(1, 5, 3)', num(5)]]),
  ...group(`${FN}/logical-functions-least-transact-sql`, [['LEAST(1, 5, 3)', num(1)]]),

  // Comparisons with NULL are UNKNOWN under ANSI_NULLS ON; string comparison ignores trailing spaces and (default collation) case.
  ...group(`${LANG}/case-transact-sql`, [
    ["CASE WHEN n = NULL THEN 'eq' ELSE 'ne' END", str('ne')], ['CASE WHEN n IS NULL THEN 1 ELSE 0 END', num(1)],
    ["CASE i WHEN 7 THEN 'seven' END", str('seven')], ["CASE i WHEN 8 THEN 'eight' END", NULL], ['CASE WHEN NULL = NULL THEN 1 ELSE 0 END', num(0)],
    ['CASE WHEN n <> 1 THEN 1 ELSE 0 END', num(0)], ['CASE WHEN n IN (1, NULL) THEN 1 ELSE 0 END', num(0)],
    ['CASE WHEN NOT (n = 1) THEN 1 ELSE 0 END', num(0)],
  ]),
  ...group('https://learn.microsoft.com/en-us/sql/t-sql/statements/set-ansi-padding-transact-sql', [
    ["CASE WHEN 'a' = 'a   ' THEN 1 ELSE 0 END", num(1)], ['CASE WHEN s = \'Hello World\' THEN 1 ELSE 0 END', num(1)],
  ]),
  ...group('https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support', [
    ["CASE WHEN 'a' = 'A' THEN 1 ELSE 0 END", num(1)], ["CASE WHEN 'abc' LIKE 'A%' THEN 1 ELSE 0 END", num(1)],
    ["CASE WHEN ns = N'ABC' THEN 1 ELSE 0 END", num(1)],
  ]),
  ...group(`${LANG}/like-transact-sql`, [
    ["CASE WHEN 'abc' LIKE 'a_c' THEN 1 ELSE 0 END", num(1)], ["CASE WHEN 'abc' LIKE '[a-b]%' THEN 1 ELSE 0 END", num(1)],
    ["CASE WHEN 'a%c' LIKE 'a!%c' ESCAPE '!' THEN 1 ELSE 0 END", num(1)],
    ["CASE WHEN s LIKE '[' + CHAR(72) + '-' + CHAR(73) + ']%' THEN 1 ELSE 0 END", num(1)],
    ["CASE WHEN 'a' + CHAR(9) + 'b' LIKE '%[' + CHAR(0) + '-' + CHAR(31) + ']%' THEN 1 ELSE 0 END", num(1)],
    ["CASE WHEN ns LIKE '%[' + CHAR(0) + '-' + CHAR(31) + ']%' THEN 1 ELSE 0 END", num(0)],
  ]),

  // DATEDIFF counts datepart boundaries crossed; week boundaries are Sundays whatever DATEFIRST says.
  ...group(`${FN}/datediff-transact-sql`, [
    ["DATEDIFF(month, '2020-01-31', '2020-02-01')", num(1)], ["DATEDIFF(year, '2019-12-31', '2020-01-01')", num(1)],
    ["DATEDIFF(day, '2020-01-01', '2020-03-01')", num(60)], ["DATEDIFF(hour, '2020-01-01 23:59', '2020-01-02 00:01')", num(1)],
    ['DATEDIFF(day, dt, dd)', num(29)], ["DATEDIFF(minute, '2020-01-01 10:00:59', '2020-01-01 10:01:00')", num(1)],
    ["DATEDIFF(week, '2020-01-04', '2020-01-05')", num(1)], ["DATEDIFF(day, '2020-01-01', NULL)", NULL],
    ["DATEDIFF(second, '2020-01-01 00:00:00', '2020-01-01 00:01:30')", num(90)], ["DATEDIFF(month, dd, '2020-01-01')", num(-1)],
  ]),
  // DATEADD: adding months clamps to the last day of the target month; a string argument is typed datetime.
  ...group(`${FN}/dateadd-transact-sql`, [
    ["DATEADD(month, 1, '2020-01-31')", ts('2020-02-29T00:00:00.000')], ['DATEADD(month, 1, dt)', ts('2020-02-29T10:15:30.123')],
    ["DATEADD(day, -1, '2020-03-01')", ts('2020-02-29T00:00:00.000')], ['DATEADD(year, 1, dd)', date('2021-02-28')],
    ['DATEADD(hour, 2, dt)', ts('2020-01-31T12:15:30.123')], ["DATEADD(minute, 90, '2020-01-01')", ts('2020-01-01T01:30:00.000')],
    ['DATEADD(dd, 1, dd)', date('2020-03-01')], ['DATEADD(month, -1, dd)', date('2020-01-29')],
  ]),
  ...group(`${FN}/eomonth-transact-sql`, [
    ["EOMONTH('2020-02-10')", date('2020-02-29')], ['EOMONTH(dt, 1)', date('2020-02-29')], ["EOMONTH('2021-01-15', -1)", date('2020-12-31')],
  ]),
  // DATEPART(weekday): with the default DATEFIRST 7 Sunday is 1 and Saturday is 7.
  ...group(`${FN}/datepart-transact-sql`, [
    ["DATEPART(weekday, '2020-01-05')", num(1)], ['DATEPART(weekday, dd)', num(7)], ['DATEPART(dw, dt)', num(6)],
    ['DATEPART(dayofyear, dd)', num(60)], ['DATEPART(quarter, dt)', num(1)], ['DATEPART(month, dt)', num(1)], ['DATEPART(hour, dt)', num(10)],
    ['DATEPART(millisecond, dt)', num(123)], ["DATEPART(iso_week, '2021-01-01')", num(53)], ["DATEPART(week, '2020-01-05')", num(2)],
    ["DATEPART(week, '2020-01-04')", num(1)], ['DATEPART(yy, dd)', num(2020)],
  ]),
  ...group(`${FN}/year-transact-sql`, [['YEAR(dt)', num(2020)]]),
  ...group(`${FN}/month-transact-sql`, [['MONTH(dd)', num(2)]]),
  ...group(`${FN}/day-transact-sql`, [['DAY(dd)', num(29)]]),
  ...group(`${FN}/datename-transact-sql`, [['DATENAME(month, dt)', str('January')], ['DATENAME(weekday, dd)', str('Saturday')], ['DATENAME(year, dd)', str('2020')]]),
  ...group(`${FN}/datefromparts-transact-sql`, [['DATEFROMPARTS(2020, 2, 29)', date('2020-02-29')]]),
  ...group(`${FN}/datetimefromparts-transact-sql`, [['DATETIMEFROMPARTS(2020, 1, 2, 3, 4, 5, 0)', ts('2020-01-02T03:04:05.000')]]),
  ...group(`${FN}/isdate-transact-sql`, [["ISDATE('2020-02-30')", num(0)], ["ISDATE('2020-02-29')", num(1)]]),

  // NEWID returns a uniqueidentifier: 36 characters, 8-4-4-4-12 hex digits.
  ...group(`${FN}/newid-transact-sql`, [
    ['NEWID()', { match: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i }],
    ['LEN(CAST(NEWID() AS varchar(36)))', num(36)],
  ]),
];
