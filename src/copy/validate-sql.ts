import { quoteIdent, quoteQName } from '../target/postgres/quote.js';
import { canonicalExpr, quoteMysqlIdent, rowHash, type Dialect } from './validate-canonical.js';
import type { ValidateColumn, ValidateTable } from './validate-plan.js';

/** A slice of a table: an integer key range [lo, hi), a set of hash buckets, listed keys, or all rows. */
export type Slice =
  | { kind: 'all' }
  | { kind: 'range'; lo: bigint; hi: bigint }
  | { kind: 'buckets'; of: number; buckets: number[] }
  | { kind: 'keys'; keys: string[][] };

export function tableRef(t: ValidateTable, d: Dialect): string {
  return d === 'mysql' ? `${quoteMysqlIdent(t.source.schema!)}.${quoteMysqlIdent(t.source.name)}` : quoteQName(t.target);
}

export function columnRef(c: ValidateColumn, d: Dialect): string {
  return d === 'mysql' ? quoteMysqlIdent(c.source) : quoteIdent(c.target);
}

/** Columns the row hash covers: JSON is compared in the client (MariaDB and jsonb spell the same document differently). */
export const hashedColumns = (t: ValidateTable): ValidateColumn[] => t.columns.filter((c) => c.kind !== 'json');
export const jsonColumns = (t: ValidateTable): ValidateColumn[] => t.columns.filter((c) => c.kind === 'json');

function sqlString(s: string, d: Dialect): string {
  const body = s.replaceAll("'", "''");
  return d === 'mysql' ? `'${body.replaceAll('\\', '\\\\')}'` : `'${body}'`;
}

/** Bucket of a row: the first 32 bits of the MD5 of its canonical key text, modulo the bucket count. */
export function bucketExpr(t: ValidateTable, of: number, d: Dialect): string {
  const keyText = keyTextExpr(t, d);
  return d === 'mysql'
    ? `(CAST(CONV(SUBSTRING(MD5(${keyText}), 1, 8), 16, 10) AS UNSIGNED) % ${of})`
    : `((('x' || substr(md5(${keyText}), 1, 8))::bit(32)::bigint) % ${of})`;
}

function keyTextExpr(t: ValidateTable, d: Dialect): string {
  const parts = t.key.map((c) => canonicalExpr(c, d));
  return d === 'mysql' ? `CONCAT_WS(CHAR(31 USING utf8mb4), ${parts.join(', ')})` : `concat_ws(chr(31), ${parts.join(', ')})`;
}

export function whereClause(t: ValidateTable, s: Slice, d: Dialect): string {
  switch (s.kind) {
    case 'all': return '';
    case 'range': {
      const k = columnRef(t.key[0]!, d);
      return ` WHERE ${k} >= ${s.lo} AND ${k} < ${s.hi}`;
    }
    case 'buckets': return ` WHERE ${bucketExpr(t, s.of, d)} IN (${s.buckets.join(', ')})`;
    case 'keys': {
      if (!s.keys.length) return ' WHERE 1 = 0';
      // An integer key is looked up through its index; other keys by their canonical text.
      if (t.mode === 'range') return ` WHERE ${columnRef(t.key[0]!, d)} IN (${s.keys.map((k) => (/^-?\d+$/.test(k[0]!) ? k[0] : 'NULL')).join(', ')})`;
      const exprs = t.key.map((c) => canonicalExpr(c, d));
      return ` WHERE ${s.keys.map((k) => `(${exprs.map((e, i) => `${e} = ${sqlString(k[i]!, d)}`).join(' AND ')})`).join(' OR ')}`;
    }
    default: return assertNever(s);
  }
}

/** COUNT, XOR of the first 64 hash bits, SUM of the next 32 (the sum catches duplicate rows the XOR would cancel). */
export function checksumSql(t: ValidateTable, s: Slice, d: Dialect): string {
  const h = rowHash(hashedColumns(t), d);
  const agg = d === 'mysql'
    ? `COUNT(*) AS n, CAST(BIT_XOR(CAST(CONV(SUBSTRING(h, 1, 16), 16, 10) AS UNSIGNED)) AS CHAR) AS x, CAST(SUM(CAST(CONV(SUBSTRING(h, 17, 8), 16, 10) AS UNSIGNED)) AS CHAR) AS s`
    : `count(*)::text AS n, bit_xor(('x' || substr(h, 1, 16))::bit(64)::bigint)::text AS x, sum(('x' || substr(h, 17, 8))::bit(32)::bigint)::text AS s`;
  return `SELECT ${agg} FROM (SELECT ${h} AS h FROM ${tableRef(t, d)}${whereClause(t, s, d)}) r`;
}

/** Per-bucket checksums of the whole table in one scan. */
export function bucketChecksumSql(t: ValidateTable, of: number, d: Dialect): string {
  const h = rowHash(hashedColumns(t), d);
  const agg = d === 'mysql'
    ? `b, COUNT(*) AS n, CAST(BIT_XOR(CAST(CONV(SUBSTRING(h, 1, 16), 16, 10) AS UNSIGNED)) AS CHAR) AS x, CAST(SUM(CAST(CONV(SUBSTRING(h, 17, 8), 16, 10) AS UNSIGNED)) AS CHAR) AS s`
    : `b, count(*)::text AS n, bit_xor(('x' || substr(h, 1, 16))::bit(64)::bigint)::text AS x, sum(('x' || substr(h, 17, 8))::bit(32)::bigint)::text AS s`;
  return `SELECT ${agg} FROM (SELECT ${bucketExpr(t, of, d)} AS b, ${h} AS h FROM ${tableRef(t, d)}) r GROUP BY b`;
}

/** Per row of a slice: the canonical key fields (k0, k1, …), the row hash (h) and the raw JSON fields (j0, …). */
export function rowHashesSql(t: ValidateTable, s: Slice, d: Dialect): string {
  const keys = t.key.map((c, i) => `${canonicalExpr(c, d)} AS k${i}`);
  const json = jsonColumns(t).map((c, i) => `${canonicalExpr(c, d)} AS j${i}`);
  return `SELECT ${[...keys, `${rowHash(hashedColumns(t), d)} AS h`, ...json].join(', ')} FROM ${tableRef(t, d)}${whereClause(t, s, d)}`;
}

/** Per row: canonical key fields (k0, …) and every column's canonical text (c0, …), for a field-by-field comparison. */
export function rowFieldsSql(t: ValidateTable, s: Slice, d: Dialect): string {
  const keys = t.key.map((c, i) => `${canonicalExpr(c, d)} AS k${i}`);
  const cols = t.columns.map((c, i) => `${canonicalExpr(c, d)} AS c${i}`);
  return `SELECT ${[...keys, ...cols].join(', ')} FROM ${tableRef(t, d)}${whereClause(t, s, d)}`;
}

export function countSql(t: ValidateTable, d: Dialect): string {
  return `SELECT CAST(COUNT(*) AS CHAR) AS n FROM ${tableRef(t, d)}`.replace('AS CHAR', d === 'mysql' ? 'AS CHAR' : 'AS text');
}

export function extentSql(t: ValidateTable, d: Dialect): string {
  const k = columnRef(t.key[0]!, d);
  const text = d === 'mysql' ? 'CHAR' : 'text';
  return `SELECT CAST(MIN(${k}) AS ${text}) AS lo, CAST(MAX(${k}) AS ${text}) AS hi FROM ${tableRef(t, d)}`;
}

/** N random keys of the source (a full scan of the key index, fine for a sample). */
export function randomKeysSql(t: ValidateTable, n: number): string {
  const keys = t.key.map((c, i) => `${canonicalExpr(c, 'mysql')} AS k${i}`);
  return `SELECT ${keys.join(', ')} FROM ${tableRef(t, 'mysql')} ORDER BY RAND() LIMIT ${n}`;
}

function assertNever(x: never): never {
  throw new Error(`unhandled slice ${JSON.stringify(x)}`);
}
