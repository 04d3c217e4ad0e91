/**
 * What the mssql driver (tedious) hands the copy for each SQL Server type, as pgshift reads it
 * (src/copy/mssql-source.ts mssqlReadExpr), recorded from the documentation — not from a server:
 * - tedious lib/data-type.d.ts, "Data types" table: bit → boolean; tinyint, smallint, int, float, real → number;
 *   bigint → string ("values can exceed 53 bits"); char/varchar/nchar/nvarchar/text/ntext/xml → string;
 *   binary/varbinary/image (and rowversion, and UDT bytes) → Buffer; uniqueidentifier → string.
 *   decimal/numeric/money → number and every date/time type → Date, which is why pgshift reads those as text.
 * - CAST and CONVERT (Transact-SQL), date and time styles: 23 = yyyy-mm-dd; 120 = yyyy-mm-dd hh:mi:ss;
 *   121 = yyyy-mm-dd hh:mi:ss.mmm, the default for time, date, datetime2 and datetimeoffset (fraction digits = the
 *   type's scale; datetimeoffset's default string form ends in " +hh:mm"); money style 2 = four decimals, no commas.
 *   A seventh fraction digit is cut by the copy (PostgreSQL keeps six and would round it).
 * - real is a 4-byte float: the JS number is that float widened to a double (0.1 → 0.10000000149011612).
 * - geometry: STSrid (int) cast to binary(4) is big-endian; STAsBinary() is OGC WKB (here little-endian, byte order 01).
 * `copy` is the expected COPY text field; `stored` what PostgreSQL then holds (as ::text, session time zone UTC).
 */
export interface DriverValue {
  column: string;
  /** The column declaration in the T-SQL table below. */
  declared: string;
  /** The select-list expression pgshift sends for it. */
  read: string;
  /** The JS value the driver gives for that expression. */
  value: unknown;
  copy: string;
  stored: string | null;
}

const wkbPoint = Buffer.from('0101000000000000000000f03f0000000000000040', 'hex');

export const MSSQL_DRIVER_VALUES: DriverValue[] = [
  { column: 'id', declared: 'int NOT NULL PRIMARY KEY', read: '[id]', value: 7, copy: '7', stored: '7' },
  { column: 'flag', declared: 'bit', read: '[flag]', value: true, copy: 't', stored: 'true' },
  { column: 'flag_off', declared: 'bit', read: '[flag_off]', value: false, copy: 'f', stored: 'false' },
  { column: 'tiny', declared: 'tinyint', read: '[tiny]', value: 255, copy: '255', stored: '255' },
  { column: 'small', declared: 'smallint', read: '[small]', value: -32768, copy: '-32768', stored: '-32768' },
  { column: 'big', declared: 'bigint', read: '[big]', value: '9223372036854775807', copy: '9223372036854775807', stored: '9223372036854775807' },
  { column: 'amount', declared: 'decimal(20,2)', read: 'CAST([amount] AS varchar(40))', value: '123456789012345678.91', copy: '123456789012345678.91', stored: '123456789012345678.91' },
  { column: 'ratio', declared: 'numeric(38,10)', read: 'CAST([ratio] AS varchar(40))', value: '-0.0000000001', copy: '-0.0000000001', stored: '-0.0000000001' },
  { column: 'plain_dec', declared: 'decimal', read: 'CAST([plain_dec] AS varchar(40))', value: '999999999999999999', copy: '999999999999999999', stored: '999999999999999999' },
  { column: 'price', declared: 'money', read: 'CONVERT(varchar(32), [price], 2)', value: '922337203685477.5807', copy: '922337203685477.5807', stored: '922337203685477.5807' },
  { column: 'fee', declared: 'smallmoney', read: 'CONVERT(varchar(32), [fee], 2)', value: '-214748.3648', copy: '-214748.3648', stored: '-214748.3648' },
  { column: 'dbl', declared: 'float', read: '[dbl]', value: 0.1 + 0.2, copy: '0.30000000000000004', stored: '0.30000000000000004' },
  { column: 'sgl', declared: 'real', read: '[sgl]', value: Math.fround(0.1), copy: '0.10000000149011612', stored: '0.1' },
  { column: 'd', declared: 'date', read: 'CONVERT(varchar(10), [d], 23)', value: '0001-01-01', copy: '0001-01-01', stored: '0001-01-01' },
  { column: 'dt', declared: 'datetime', read: 'CONVERT(varchar(27), [dt], 121)', value: '2024-02-29 13:45:10.997', copy: '2024-02-29 13:45:10.997', stored: '2024-02-29 13:45:10.997' },
  { column: 'sdt', declared: 'smalldatetime', read: 'CONVERT(varchar(19), [sdt], 120)', value: '2079-06-06 23:59:00', copy: '2079-06-06 23:59:00', stored: '2079-06-06 23:59:00' },
  { column: 'dt2', declared: 'datetime2', read: 'CONVERT(varchar(27), [dt2], 121)', value: '2024-02-29 13:45:10.1234567', copy: '2024-02-29 13:45:10.123456', stored: '2024-02-29 13:45:10.123456' },
  // PostgreSQL keeps six fraction digits and would round a seventh (here to year 10000): the copy cuts it.
  { column: 'dt2_end', declared: 'datetime2(7)', read: 'CONVERT(varchar(27), [dt2_end], 121)', value: '9999-12-31 23:59:59.9999999', copy: '9999-12-31 23:59:59.999999', stored: '9999-12-31 23:59:59.999999' },
  { column: 'dt2_3', declared: 'datetime2(3)', read: 'CONVERT(varchar(27), [dt2_3], 121)', value: '1900-01-01 00:00:00.120', copy: '1900-01-01 00:00:00.120', stored: '1900-01-01 00:00:00.12' },
  { column: 'dto', declared: 'datetimeoffset(7)', read: 'CONVERT(varchar(34), [dto], 121)', value: '2024-02-29 23:59:59.1234567 +05:30', copy: '2024-02-29 23:59:59.123456 +05:30', stored: '2024-02-29 18:29:59.123456+00' },
  { column: 'dto_neg', declared: 'datetimeoffset(0)', read: 'CONVERT(varchar(34), [dto_neg], 121)', value: '2024-12-31 22:00:00 -14:00', copy: '2024-12-31 22:00:00 -14:00', stored: '2025-01-01 12:00:00+00' },
  { column: 'tm', declared: 'time', read: 'CONVERT(varchar(16), [tm], 121)', value: '23:59:58.9999994', copy: '23:59:58.999999', stored: '23:59:58.999999' },
  { column: 'tm_end', declared: 'time(7)', read: 'CONVERT(varchar(16), [tm_end], 121)', value: '23:59:59.9999999', copy: '23:59:59.999999', stored: '23:59:59.999999' },
  { column: 'tm0', declared: 'time(0)', read: 'CONVERT(varchar(16), [tm0], 121)', value: '08:00:00', copy: '08:00:00', stored: '08:00:00' },
  // char(5) becomes citext (the default case-insensitive policy): its padding is dropped, as SQL Server ignores it.
  { column: 'code', declared: 'char(5)', read: '[code]', value: 'ab   ', copy: 'ab', stored: 'ab' },
  { column: 'name', declared: 'nvarchar(50)', read: '[name]', value: 'Ünïcødé 😀\ttab', copy: 'Ünïcødé 😀\\ttab', stored: 'Ünïcødé 😀\ttab' },
  { column: 'body', declared: 'varchar(max)', read: '[body]', value: 'line1\r\nline2 \\ end', copy: 'line1\\r\\nline2 \\\\ end', stored: 'line1\r\nline2 \\ end' },
  { column: 'legacy', declared: 'ntext', read: '[legacy]', value: '', copy: '', stored: '' },
  { column: 'nul_text', declared: 'nvarchar(10)', read: '[nul_text]', value: 'a\u0000b', copy: 'ab', stored: 'ab' },
  { column: 'guid', declared: 'uniqueidentifier', read: 'CONVERT(char(36), [guid])', value: '6F9619FF-8B86-D011-B42D-00C04FC964FF', copy: '6F9619FF-8B86-D011-B42D-00C04FC964FF', stored: '6f9619ff-8b86-d011-b42d-00c04fc964ff' },
  { column: 'bin', declared: 'varbinary(16)', read: '[bin]', value: Buffer.from([0x00, 0xff, 0x5c, 0x09]), copy: '\\\\x00ff5c09', stored: '\\x00ff5c09' },
  { column: 'img', declared: 'image', read: '[img]', value: Buffer.alloc(0), copy: '\\\\x', stored: '\\x' },
  { column: 'ver', declared: 'rowversion', read: '[ver]', value: Buffer.from('00000000000007d1', 'hex'), copy: '\\\\x00000000000007d1', stored: '\\x00000000000007d1' },
  { column: 'doc', declared: 'xml', read: '[doc]', value: '<a b="1">x &amp; y</a>', copy: '<a b="1">x &amp; y</a>', stored: '<a b="1">x &amp; y</a>' },
  { column: 'node', declared: 'hierarchyid', read: '[node].ToString()', value: '/1/3/', copy: '/1/3/', stored: '/1/3/' },
  { column: 'anything', declared: 'sql_variant', read: 'CASE', value: '2024-02-29 13:45:10.1230000', copy: '2024-02-29 13:45:10.1230000', stored: '2024-02-29 13:45:10.1230000' },
  {
    column: 'shape', declared: 'geometry', read: 'CAST([shape].STSrid AS binary(4)) + [shape].STAsBinary()',
    value: Buffer.concat([Buffer.from('000010e6', 'hex'), wkbPoint]), copy: `\\\\x${wkbPoint.toString('hex')}`, stored: `\\x${wkbPoint.toString('hex')}`,
  },
  { column: 'missing', declared: 'datetime2(7)', read: 'CONVERT(varchar(27), [missing], 121)', value: null, copy: '\\N', stored: null },
];

/** The table the values come from, scripted as SSMS would (an alias type included). */
export const MSSQL_TYPES_SCRIPT = `CREATE TYPE [dbo].[Amount] FROM decimal(12, 2) NOT NULL
GO
CREATE TABLE [sales].[type_mix] (
${MSSQL_DRIVER_VALUES.map((v) => `  [${v.column}] ${v.declared}`).join(',\n')},
  [alias_amount] [dbo].[Amount] NULL
)
GO
`;
