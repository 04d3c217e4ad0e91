import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { Catalog } from '../../model/catalog.js';
import { packageRoot } from '../../paths.js';
import { catalogFromRows, type CatalogRows, type Row } from './catalog-rows.js';

export interface MysqlIntrospectOptions {
  /** Databases to read; default: the database named in the URL. */
  schemas?: string[];
}

interface SourceUrl {
  host: string;
  port: number;
  user: string;
  password?: string;
  database?: string;
  /** mysql://host:port — names the server in spans and messages, without credentials. */
  origin: string;
}

/** mysql://user[:password]@host[:port]/db (or mariadb://); the password may also come from PGSHIFT_SOURCE_PASSWORD. */
export function parseMysqlUrl(url: string): SourceUrl {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('source URL is not a valid URL; expected mysql://user[:password]@host[:port]/database');
  }
  if (u.protocol !== 'mysql:' && u.protocol !== 'mariadb:') throw new Error(`source URL scheme ${u.protocol}// is not mysql:// or mariadb://`);
  const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = u.port ? Number(u.port) : 3306;
  const password = u.password ? decodeURIComponent(u.password) : process.env.PGSHIFT_SOURCE_PASSWORD;
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined;
  const out: SourceUrl = { host, port, user: decodeURIComponent(u.username) || 'root', origin: `mysql://${host}:${port}` };
  if (password !== undefined && password !== '') out.password = password;
  if (database) out.database = database;
  return out;
}

const QUERIES = [
  'tables', 'columns', 'statistics', 'key-column-usage', 'referential-constraints', 'table-constraints', 'check-constraints',
  'views', 'routines', 'triggers', 'partitions', 'events',
] as const;
type QueryName = (typeof QUERIES)[number];

let sqlCache: Map<QueryName, string> | undefined;

/** The catalog queries, read once from src/sources/mysql/catalog/*.sql (shipped with the package). */
function catalogSql(): Map<QueryName, string> {
  if (sqlCache) return sqlCache;
  const dir = join(packageRoot(), 'src', 'sources', 'mysql', 'catalog');
  return (sqlCache = new Map(QUERIES.map((q) => [q, readFileSync(join(dir, `${q}.sql`), 'utf8')])));
}

/** Parallel reads: each catalog view is one query for all tables, so a few connections overlap the slow ones. */
const POOL_SIZE = 4;

/** Reads a live MySQL 8 / MariaDB database into the same IR the script parser builds. Throws a clear Error without the password. */
export async function introspectMysql(url: string, options: MysqlIntrospectOptions = {}): Promise<Catalog> {
  const src = parseMysqlUrl(url);
  const schemas = options.schemas?.length ? options.schemas : src.database ? [src.database] : [];
  if (!schemas.length) throw new Error(`no database to read: name one in the source URL (${src.origin}/<database>)`);
  const pool = mysql.createPool({
    host: src.host, port: src.port, user: src.user, password: src.password ?? '', database: src.database,
    connectionLimit: POOL_SIZE, connectTimeout: 10_000, charset: 'utf8mb4', dateStrings: true, supportBigNumbers: true,
    bigNumberStrings: true,
  });
  try {
    const version = await run(pool, src, 'SELECT VERSION() AS v');
    const flavor = /mariadb/i.test(String(version[0]?.v ?? '')) ? 'mariadb' : 'mysql';
    const found = new Set((await run(pool, src, 'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?)', [schemas])).map((r) => String(r.SCHEMA_NAME)));
    const missing = schemas.filter((s) => !found.has(s));
    if (missing.length) throw new Error(`unknown database ${missing.map((m) => `'${m}'`).join(', ')} on ${src.origin}`);

    const sql = catalogSql();
    const results = await Promise.all(QUERIES.map((q) => run(pool, src, sql.get(q)!, [schemas])));
    const r = Object.fromEntries(QUERIES.map((q, i) => [q, results[i]!])) as Record<QueryName, Row[]>;
    const rows: CatalogRows = {
      flavor, origin: src.origin, schemas,
      tables: r.tables, columns: r.columns, statistics: r.statistics, keyColumnUsage: r['key-column-usage'],
      referentialConstraints: r['referential-constraints'], tableConstraints: r['table-constraints'],
      checkConstraints: r['check-constraints'], views: r.views, routines: r.routines, triggers: r.triggers,
      partitions: r.partitions, events: r.events, createText: await createTexts(pool, src, r),
    };
    return catalogFromRows(rows);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** SHOW CREATE for every object whose body the catalog views do not hold whole. */
async function createTexts(pool: mysql.Pool, src: SourceUrl, r: Record<QueryName, Row[]>): Promise<Map<string, string>> {
  const jobs: { id: string; sql: string; column: string }[] = [];
  const q = (s: unknown, n: unknown) => `${quoteId(String(s))}.${quoteId(String(n))}`;
  const add = (kind: string, s: unknown, n: unknown, stmt: string, column: string) =>
    jobs.push({ id: `${kind} ${String(s)}.${String(n)}`, sql: `SHOW CREATE ${stmt} ${q(s, n)}`, column });
  for (const t of r.tables) if (t.TABLE_TYPE === 'SEQUENCE') add('sequence', t.TABLE_SCHEMA, t.TABLE_NAME, 'SEQUENCE', 'Create Table');
  for (const v of r.views) add('view', v.TABLE_SCHEMA, v.TABLE_NAME, 'VIEW', 'Create View');
  for (const x of r.routines) {
    const kind = String(x.ROUTINE_TYPE) === 'FUNCTION' ? 'function' : 'procedure';
    add(kind, x.ROUTINE_SCHEMA, x.ROUTINE_NAME, kind.toUpperCase(), kind === 'function' ? 'Create Function' : 'Create Procedure');
  }
  const triggers = new Set<string>();
  for (const x of r.triggers) {
    const id = `${String(x.TRIGGER_SCHEMA)}.${String(x.TRIGGER_NAME)}`;
    if (!triggers.has(id)) add('trigger', x.TRIGGER_SCHEMA, x.TRIGGER_NAME, 'TRIGGER', 'SQL Original Statement');
    triggers.add(id);
  }
  for (const x of r.events) add('event', x.EVENT_SCHEMA, x.EVENT_NAME, 'EVENT', 'Create Event');
  const texts = await Promise.all(jobs.map(async (j) => (await run(pool, src, j.sql))[0]?.[j.column]));
  const out = new Map<string, string>();
  jobs.forEach((j, i) => {
    const text = texts[i];
    if (typeof text === 'string') out.set(j.id, text);
  });
  return out;
}

function quoteId(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

async function run(pool: mysql.Pool, src: SourceUrl, sql: string, params: unknown[] = []): Promise<Row[]> {
  try {
    const [rows] = await pool.query(sql, params);
    return rows as Row[];
  } catch (e) {
    throw new Error(connectionMessage(e, src));
  }
}

/** A message that says what went wrong and where, and never contains the password. */
export function connectionMessage(e: unknown, src: SourceUrl): string {
  const err = e as { code?: string; message?: string };
  const where = `${src.origin}`;
  let message: string;
  switch (err.code) {
    case 'ECONNREFUSED': message = `cannot connect to MySQL/MariaDB at ${where}: connection refused (is the server running?)`; break;
    case 'ENOTFOUND': case 'EAI_AGAIN': message = `cannot connect to MySQL/MariaDB at ${where}: unknown host ${src.host}`; break;
    case 'ETIMEDOUT': message = `cannot connect to MySQL/MariaDB at ${where}: connection timed out`; break;
    case 'ER_ACCESS_DENIED_ERROR': case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
      message = `access denied for user '${src.user}' at ${where} (check the password: URL or PGSHIFT_SOURCE_PASSWORD)`;
      break;
    case 'ER_BAD_DB_ERROR': message = `unknown database '${src.database ?? ''}' on ${where}`; break;
    case 'ER_DBACCESS_DENIED_ERROR': message = `user '${src.user}' may not read database '${src.database ?? ''}' on ${where}`; break;
    default: message = `MySQL/MariaDB at ${where}: ${err.message ?? String(e)}`;
  }
  return src.password ? message.split(src.password).join('***') : message;
}
