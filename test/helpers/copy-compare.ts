import mysql from 'mysql2/promise';
import pg from 'pg';

/**
 * Reads a table on both sides into canonical row texts, independently of the copy's own encoders:
 * each side's native output is normalised to one spelling (booleans 0/1, binary hex, arrays comma-joined,
 * JSON with sorted keys, decimals without trailing zeros, zero dates NULL, UTC offsets dropped).
 */
export async function canonicalRows(my: mysql.Connection, db: string, table: string, target: pg.Client, pgTable: string): Promise<{ source: string[]; target: string[] }> {
  const [cols] = await my.query<mysql.RowDataPacket[]>(
    "SELECT COLUMN_NAME AS c, DATA_TYPE AS t, COLUMN_TYPE AS ct FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COALESCE(GENERATION_EXPRESSION, '') = '' ORDER BY ORDINAL_POSITION",
    [db, table],
  );
  const names = cols.map((c) => String(c.c));
  const [rows] = await my.query<mysql.RowDataPacket[]>({ sql: `SELECT ${names.map((n) => `\`${n}\``).join(', ')} FROM \`${db}\`.\`${table}\``, rowsAsArray: true });
  const source = (rows as unknown as unknown[][]).map((r) => r.map((v, i) => mysqlCanonical(v, String(cols[i]!.t), String(cols[i]!.ct))).join('|')).sort();
  const pgCols = names.map((n) => `"${n.toLowerCase()}"::text`).join(', ');
  const res = await target.query({ text: `SELECT ${pgCols} FROM ${pgTable}`, rowMode: 'array' });
  const types = cols.map((c) => String(c.t));
  const out = (res.rows as (string | null)[][]).map((r) => r.map((v, i) => pgCanonical(v, types[i]!)).join('|')).sort();
  return { source, target: out };
}

const num = (s: string): string => (s.includes('.') && !/e/i.test(s) ? s.replace(/0+$/, '').replace(/\.$/, '') : s).replace(/^-0$/, '0');
const frac = (s: string): string => s.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');

function sortedJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedJson);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedJson((v as Record<string, unknown>)[k])]));
  return v;
}

export function mysqlCanonical(v: unknown, type: string, columnType: string): string {
  if (v === null || v === undefined) return 'NULL';
  if (type === 'bit') {
    const width = Number(/\((\d+)\)/.exec(columnType)?.[1] ?? 1);
    const bits = [...(v as Buffer)].map((b) => b.toString(2).padStart(8, '0')).join('').slice(-width).padStart(width, '0');
    return width === 1 ? bits : bits;
  }
  if (type === 'tinyint' && /^tinyint\(1\)/.test(columnType)) return Number(v) !== 0 ? '1' : '0';
  if (Buffer.isBuffer(v)) return type.endsWith('text') || type === 'json' || type.includes('char') ? v.toString('utf8') : v.toString('hex');
  if (type === 'date' || type === 'datetime' || type === 'timestamp') {
    const s = String(v);
    return /^0000|^\d{4}-00|^\d{4}-\d\d-00/.test(s) ? 'NULL' : frac(s);
  }
  if (type === 'json' || (type === 'longtext' && /^\s*[[{"]/.test(String(v)) && columnType === 'longtext' && false)) return JSON.stringify(sortedJson(JSON.parse(String(v))));
  if (type === 'set') return String(v);
  if (type === 'decimal' || type === 'float' || type === 'double') return num(String(v));
  return String(v);
}

export function pgCanonical(v: string | null, type: string): string {
  if (v === null) return 'NULL';
  if (v === 't' || v === 'f') return type === 'bit' ? (v === 't' ? '1' : '0') : v === 't' ? '1' : '0';
  if (v.startsWith('\\x')) return v.slice(2);
  if (type === 'set') return v === '{}' ? '' : v.slice(1, -1).split(',').map((m) => m.replace(/^"|"$/g, '')).join(',');
  if (type === 'timestamp') return frac(v.replace(/\+00$/, ''));
  if (type === 'datetime') return frac(v);
  if (type === 'json') return JSON.stringify(sortedJson(JSON.parse(v)));
  if (type === 'decimal' || type === 'float' || type === 'double') return num(v);
  return v;
}

/** All base tables of a MySQL database. */
export async function sourceTables(my: mysql.Connection, db: string): Promise<string[]> {
  const [r] = await my.query<mysql.RowDataPacket[]>("SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", [db]);
  return r.map((x) => String(x.t));
}
