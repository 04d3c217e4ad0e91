import mysql from 'mysql2/promise';
import pg from 'pg';
import { connectionMessage, parseMysqlUrl } from '../sources/mysql/introspect.js';
import type { Dialect } from './validate-canonical.js';

export type Row = Record<string, unknown>;

/** One side of a validation: a small pool that runs read-only queries; errors never carry the password. */
export interface ValidateDb {
  dialect: Dialect;
  query(sql: string): Promise<Row[]>;
  close(): Promise<void>;
}

/** Parallel chunk queries per side: checksums are CPU-bound in the server, a few overlap well. */
export const POOL_SIZE = 4;

export async function openMysqlDb(url: string): Promise<ValidateDb> {
  const src = parseMysqlUrl(url);
  const pool = mysql.createPool({
    host: src.host, port: src.port, user: src.user, password: src.password ?? '', database: src.database,
    connectionLimit: POOL_SIZE, connectTimeout: 10_000, charset: 'utf8mb4',
    dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, jsonStrings: true,
  });
  // TIMESTAMP canonical text is UTC on both sides, as the copy reads it.
  pool.pool.on('connection', (c) => c.query("SET SESSION time_zone = '+00:00'"));
  const query = async (sql: string): Promise<Row[]> => {
    try {
      const [rows] = await pool.query(sql);
      return rows as Row[];
    } catch (e) {
      throw new Error(connectionMessage(e, src));
    }
  };
  await query('SELECT 1');
  return { dialect: 'mysql', query, close: () => pool.end() };
}

export async function openPgDb(url: string): Promise<ValidateDb> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('--target is not a valid URL; expected postgres://user[:password]@host[:port]/database');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error(`--target URL scheme ${u.protocol}// is not postgres://`);
  const where = `${u.protocol}//${u.host}${u.pathname}`;
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  const scrub = (m: string): string => (password ? m.split(password).join('***') : m);
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: 10_000 });
  pool.on('connect', (c) => void c.query("SET TimeZone = 'UTC'").catch(() => undefined));
  pool.on('error', () => undefined);
  const query = async (sql: string): Promise<Row[]> => {
    try {
      return (await pool.query(sql)).rows as Row[];
    } catch (e) {
      const err = e as Error & { code?: string };
      const why = err.code === 'ECONNREFUSED' ? 'connection refused (is the server running?)' : err.code === '3D000' ? 'database does not exist' : err.message;
      throw new Error(`PostgreSQL at ${where}: ${scrub(why)}`);
    }
  };
  await query('SELECT 1');
  return { dialect: 'postgres', query, close: () => pool.end() };
}
