import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sql from 'mssql';
import type { Catalog } from '../../model/catalog.js';
import { diag } from '../../model/diagnostics.js';
import { packageRoot } from '../../paths.js';
import { catalogFromRows } from './catalog-build.js';
import { CATALOG_QUERIES, type MssqlCatalogRows, OPTIONAL_CATALOG_QUERIES, type SysDatabase } from './catalog-rows.js';
import { type MssqlTarget, connectionErrorMessage, parseMssqlUrl } from './mssql-url.js';

export { catalogFromRows } from './catalog-build.js';
export type { MssqlCatalogRows } from './catalog-rows.js';
export { parseMssqlUrl } from './mssql-url.js';

/** The catalog query text of ./catalog/<name>.sql (read from the package, so it works from src and dist). */
export function catalogQuery(name: string): string {
  return readFileSync(join(packageRoot(), 'src', 'sources', 'tsql', 'catalog', `${name}.sql`), 'utf8');
}

/**
 * Read a live SQL Server database (2016 or later, Azure SQL) into the same IR the T-SQL script parser builds.
 * One query per catalog view for the whole database. Throws an Error with a clear message, without the password,
 * when the server cannot be reached, the login fails or the database does not exist.
 */
export async function introspectMssql(url: string, options: { schemas?: string[] } = {}): Promise<Catalog> {
  const target = parseMssqlUrl(url);
  const pool = new sql.ConnectionPool(poolConfig(target));
  try {
    await pool.connect();
  } catch (err) {
    throw new Error(connectionErrorMessage(err, target));
  }
  try {
    const rows = await readCatalogRows(pool, target);
    if (options.schemas) {
      const known = new Set(rows.schemas.map((s) => s.name.toLowerCase()));
      const missing = options.schemas.filter((s) => !known.has(s.toLowerCase()));
      if (missing.length) throw new Error(`schema ${missing.join(', ')} not found in ${target.label}`);
    }
    const catalog = catalogFromRows(rows, target.label, options);
    if (!rows.fulltextIndexes) {
      catalog.diagnostics.push(diag('PGS1012', 'full-text indexes not read (sys.fulltext_indexes not readable on this server); none converted', { object: target.label }));
    }
    return catalog;
  } finally {
    await pool.close().catch(() => undefined);
  }
}

export function poolConfig(t: MssqlTarget): sql.config {
  const config: sql.config = {
    server: t.host, user: t.user, password: t.password, database: t.database,
    connectionTimeout: 15_000, requestTimeout: 300_000,
    // One connection: the queries run one after another (a catalog read is small; no load on the server).
    pool: { max: 1, min: 0 },
    options: { encrypt: t.encrypt, trustServerCertificate: t.trustServerCertificate, appName: 'pgshift' },
  };
  if (t.instanceName) config.options!.instanceName = t.instanceName;
  else config.port = t.port;
  return config;
}

async function readCatalogRows(pool: sql.ConnectionPool, target: MssqlTarget): Promise<MssqlCatalogRows> {
  const run = async <T>(name: string): Promise<T[]> => {
    try {
      return (await pool.request().query<T>(catalogQuery(name))).recordset;
    } catch (err) {
      throw new Error(`reading the catalog (${name}.sql) failed: ${connectionErrorMessage(err, target)}`);
    }
  };
  const database = (await run<SysDatabase>('database'))[0] ?? { name: target.database, collation_name: null };
  const out: Record<string, unknown> = { database };
  for (const [field, file] of Object.entries(CATALOG_QUERIES)) out[field] = await run(file);
  for (const [field, file] of Object.entries(OPTIONAL_CATALOG_QUERIES)) {
    // Full-text views may be unreadable (no full-text feature, no permission): the rest of the catalog still converts.
    try {
      out[field] = (await pool.request().query(catalogQuery(file))).recordset;
    } catch {
      out[field] = undefined;
    }
  }
  return out as unknown as MssqlCatalogRows;
}
