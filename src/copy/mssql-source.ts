import { Readable } from 'node:stream';
import sql from 'mssql';
import type { DataType } from '../model/types.js';
import { bracket } from '../sources/tsql/catalog-types.js';
import { poolConfig } from '../sources/tsql/introspect.js';
import { connectionErrorMessage, parseMssqlUrl, type MssqlTarget } from '../sources/tsql/mssql-url.js';
import type { SourceConnection } from './mysql-source.js';
import type { Chunk, CopyTable } from './plan.js';

/** Rows in flight per stream: enough to keep COPY busy, small enough to keep memory flat. */
const HIGH_WATER_MARK = 2000;

/**
 * How each SQL Server type is read so the copy's encoders get exact values. The driver (tedious) turns
 * decimal/numeric/money into JS numbers (digits lost past 2^53) and every date/time type into a JS Date
 * (milliseconds only, shifted by time zones), so those are converted to text in the SELECT with documented
 * CONVERT styles. bit (boolean), integers (bigint comes as a string), float/real (numbers, exact), strings,
 * xml (string) and binary (Buffer) are read as the driver gives them.
 */
export function mssqlReadExpr(column: string, type: DataType): string {
  const x = bracket(column);
  switch (type.name.toLowerCase()) {
    case 'decimal': case 'numeric': case 'dec':
      // decimal(38, s): 38 digits, a sign and a point; CAST keeps every digit of the scale.
      return `CAST(${x} AS varchar(40))`;
    case 'money': case 'smallmoney':
      // Style 2: four decimals, no thousands separators (style 0 rounds to two).
      return `CONVERT(varchar(32), ${x}, 2)`;
    case 'date':
      return `CONVERT(varchar(10), ${x}, 23)`;
    case 'smalldatetime':
      return `CONVERT(varchar(19), ${x}, 120)`;
    case 'datetime': case 'datetime2':
      // Style 121: yyyy-mm-dd hh:mi:ss[.fffffff], as many fraction digits as the type keeps.
      return `CONVERT(varchar(27), ${x}, 121)`;
    case 'datetimeoffset':
      // yyyy-mm-dd hh:mi:ss[.fffffff] +hh:mm: the offset stays, so PostgreSQL stores the same instant.
      return `CONVERT(varchar(34), ${x}, 121)`;
    case 'time':
      return `CONVERT(varchar(16), ${x}, 121)`;
    case 'uniqueidentifier':
      return `CONVERT(char(36), ${x})`;
    case 'hierarchyid':
      return `${x}.ToString()`;
    case 'geometry': case 'geography':
      // spatial-to-wkb reads MySQL's layout, a 4-byte SRID then WKB; STSrid and STAsBinary() give the same.
      return `CAST(${x}.STSrid AS binary(4)) + ${x}.STAsBinary()`;
    case 'sql_variant':
      return variantText(x);
    default:
      return x;
  }
}

/** sql_variant as text: each base type through the same exact form as a column of that type. */
function variantText(x: string): string {
  const base = `CAST(SQL_VARIANT_PROPERTY(${x}, 'BaseType') AS sysname)`;
  return `CASE WHEN ${x} IS NULL THEN NULL`
    + ` WHEN ${base} = 'date' THEN CONVERT(nvarchar(10), CAST(${x} AS date), 23)`
    + ` WHEN ${base} IN ('datetime', 'datetime2', 'smalldatetime') THEN CONVERT(nvarchar(27), CAST(${x} AS datetime2(7)), 121)`
    + ` WHEN ${base} = 'datetimeoffset' THEN CONVERT(nvarchar(34), CAST(${x} AS datetimeoffset(7)), 121)`
    + ` WHEN ${base} = 'time' THEN CONVERT(nvarchar(16), CAST(${x} AS time(7)), 121)`
    + ` WHEN ${base} IN ('money', 'smallmoney') THEN CONVERT(nvarchar(32), CAST(${x} AS money), 2)`
    // Style 3: 17 significant digits, distinct for every distinct float (the default style keeps 6).
    + ` WHEN ${base} IN ('float', 'real') THEN CONVERT(nvarchar(32), CAST(${x} AS float), 3)`
    + ` WHEN ${base} IN ('binary', 'varbinary') THEN CONVERT(nvarchar(max), CAST(${x} AS varbinary(8000)), 1)`
    + ` ELSE CAST(${x} AS nvarchar(max)) END`;
}

/** SELECT of one chunk: every column read exactly (named after itself), a key range when the table is split. */
export function mssqlChunkSelect(t: CopyTable, c: Chunk): { sql: string; params: { lo: bigint; hi: bigint } | undefined } {
  const cols = t.columns.map((x) => `${mssqlReadExpr(x.source, x.sourceType)} AS ${bracket(x.source)}`).join(', ');
  const from = mssqlTableRef(t);
  if (c.lo === undefined || c.hi === undefined || !t.splitKey) return { sql: `SELECT ${cols} FROM ${from}`, params: undefined };
  return { sql: `SELECT ${cols} FROM ${from} WHERE ${bracket(t.splitKey)} BETWEEN @lo AND @hi`, params: { lo: c.lo, hi: c.hi } };
}

export function mssqlTableRef(t: CopyTable): string {
  return t.source.schema ? `${bracket(t.source.schema)}.${bracket(t.source.name)}` : bracket(t.source.name);
}

/** The part of an mssql Request that a row stream drives (the fake in the tests has the same shape). */
export interface RowRequest {
  stream: boolean | null;
  arrayRowMode: boolean | null;
  on(event: 'row', f: (row: unknown[]) => void): unknown;
  on(event: 'error', f: (err: unknown) => void): unknown;
  on(event: 'done', f: () => void): unknown;
  pause(): boolean;
  resume(): boolean;
  cancel(): boolean;
  query(command: string, callback: (err?: unknown) => void): unknown;
}

/**
 * A request's rows as a Readable of arrays, with backpressure: when the consumer's buffer is full the request
 * pauses (tedious stops reading the socket) and read() resumes it. The first error ends the stream; a stream
 * destroyed early cancels its request, so the connection goes back to the pool instead of staying paused.
 */
export function requestRows(req: RowRequest, command: string, describe: (err: unknown) => Error, highWaterMark = HIGH_WATER_MARK): Readable {
  let settled = false;
  req.stream = true;
  req.arrayRowMode = true;
  const out = new Readable({
    objectMode: true,
    highWaterMark,
    read() {
      req.resume();
    },
    destroy(err, callback) {
      if (!settled) {
        settled = true;
        req.cancel();
        req.resume();
      }
      callback(err);
    },
  });
  req.on('row', (row) => {
    if (settled) return;
    if (!out.push(row)) req.pause();
  });
  req.on('error', (err) => {
    if (settled) return;
    settled = true;
    out.destroy(describe(err));
  });
  req.on('done', () => {
    if (settled) return;
    settled = true;
    out.push(null);
  });
  // In stream mode the driver reports through the events above; the callback only closes the request.
  req.query(command, () => undefined);
  return out;
}

/** A connection (a pool of one) that reads values exactly; errors name the server, never the password. */
export async function openMssqlSource(url: string): Promise<SourceConnection> {
  const target = parseMssqlUrl(url);
  // No request timeout: a chunk stream may stay paused as long as PostgreSQL needs.
  const pool = new sql.ConnectionPool({ ...poolConfig(target), requestTimeout: 0 });
  pool.on('error', () => undefined);
  try {
    await pool.connect();
  } catch (err) {
    throw new Error(connectionErrorMessage(err, target));
  }
  return mssqlConnection(pool, target);
}

function mssqlConnection(pool: sql.ConnectionPool, target: MssqlTarget): SourceConnection {
  const describe = (err: unknown): Error => new Error(connectionErrorMessage(err, target));
  return {
    async query(text, params = []) {
      const req = pool.request();
      params.forEach((p, i) => req.input(`p${i + 1}`, p));
      try {
        return (await req.query<Record<string, unknown>>(text)).recordset ?? [];
      } catch (err) {
        throw describe(err);
      }
    },
    streamChunk(t, c) {
      const { sql: text, params } = mssqlChunkSelect(t, c);
      const req = pool.request();
      if (params) {
        // Parameters of the key's own type, so the range is an index seek without conversions.
        const type = keyParamType(t);
        req.input('lo', type, params.lo).input('hi', type, params.hi);
      }
      return requestRows(req as unknown as RowRequest, text, describe);
    },
    close: () => pool.close().then(() => undefined, () => undefined),
  };
}

function keyParamType(t: CopyTable): sql.ISqlTypeFactoryWithNoParams {
  const name = t.columns.find((c) => c.source === t.splitKey)?.sourceType.name.toLowerCase();
  if (name === 'tinyint') return sql.TinyInt;
  if (name === 'smallint') return sql.SmallInt;
  if (name === 'int' || name === 'integer') return sql.Int;
  return sql.BigInt;
}

/** Row estimate (sys.partitions: heap or clustered index, no scan) and the key's MIN/MAX, for chunking and ETAs. */
export async function mssqlTableExtent(conn: SourceConnection, t: CopyTable): Promise<{ rows: number; min?: bigint; max?: bigint }> {
  const est = await conn.query(MSSQL_ROW_ESTIMATE, [t.source.schema ?? 'dbo', t.source.name]);
  const rows = Number(est[0]?.n ?? 0);
  if (!t.splitKey) return { rows };
  const k = bracket(t.splitKey);
  const r = await conn.query(`SELECT CAST(MIN(${k}) AS varchar(20)) AS lo, CAST(MAX(${k}) AS varchar(20)) AS hi FROM ${mssqlTableRef(t)}`);
  const lo = r[0]?.lo;
  const hi = r[0]?.hi;
  return lo === null || lo === undefined || hi === null || hi === undefined ? { rows } : { rows, min: BigInt(String(lo)), max: BigInt(String(hi)) };
}

/** index_id 0 is the heap, 1 the clustered index: exactly one of them holds each row (sys.partitions needs no extra permission). */
export const MSSQL_ROW_ESTIMATE = 'SELECT CAST(COALESCE(SUM(p.rows), 0) AS varchar(20)) AS n FROM sys.partitions p'
  + ' JOIN sys.tables t ON t.object_id = p.object_id JOIN sys.schemas s ON s.schema_id = t.schema_id'
  + ' WHERE s.name = @p1 AND t.name = @p2 AND p.index_id IN (0, 1)';
