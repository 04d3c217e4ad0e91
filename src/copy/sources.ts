import { sourceUrlDialect } from '../sources/url-dialect.js';
import type { SourceConnection } from './mysql-source.js';
import type { CopyTable } from './plan.js';

/**
 * Why validate refuses SQL Server: its checksums need both databases to compute the same canonical row text and
 * hash, and for SQL Server that cannot be shown without a server (MD5 of UTF-8 text needs the UTF-8 collations
 * of SQL Server 2019+, T-SQL has no 64-bit XOR aggregate, float text is printed differently).
 */
export const MSSQL_VALIDATE_REFUSAL = 'pgshift validate does not read SQL Server sources: its checksums need SQL Server to compute the same'
  + ' canonical row text and MD5 as PostgreSQL, which has not been verified against a live SQL Server (MD5 of UTF-8 text needs SQL Server 2019'
  + ' UTF-8 collations; T-SQL has no 64-bit XOR aggregate; floats print differently); compare row counts by hand';

export interface TableExtent {
  rows: number;
  min?: bigint;
  max?: bigint;
}

/** What the copy needs from a source database, whatever its kind: connections and the size of each table. */
export interface SourceDriver {
  open(): Promise<SourceConnection>;
  extent(conn: SourceConnection, t: CopyTable): Promise<TableExtent>;
}

/** The driver for a --source URL; each database client loads only when its kind of source is asked for. */
export async function sourceDriver(url: string): Promise<SourceDriver> {
  const dialect = sourceUrlDialect(url);
  if (dialect === 'tsql') {
    const { openMssqlSource, mssqlTableExtent } = await import('./mssql-source.js');
    return { open: () => openMssqlSource(url), extent: mssqlTableExtent };
  }
  if (dialect === 'mysql') {
    const { openMysqlSource, tableExtent } = await import('./mysql-source.js');
    return { open: () => openMysqlSource(url), extent: tableExtent };
  }
  throw new Error('--source must be a mysql://, mariadb:// or mssql:// URL');
}
