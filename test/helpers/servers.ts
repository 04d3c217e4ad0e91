import pg from 'pg';

export const pgUrl = process.env.PGSHIFT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const mysqlUrl = process.env.PGSHIFT_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306/test';

/** True when the real PostgreSQL answers. Off CI a missing server skips loudly; under CI=true it is a failure. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL at PGSHIFT_TEST_PG does not answer (${(e as Error).message}); CI requires it`);
    console.warn(`\n!!! PostgreSQL at ${redact(pgUrl)} does not answer: integration tests SKIPPED (${(e as Error).message})\n`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** True when the real MariaDB/MySQL answers. Off CI a missing server skips loudly; under CI=true it is a failure. */
export async function mysqlAvailable(): Promise<boolean> {
  const mysql = (await import('mysql2/promise')).default;
  const u = new URL(mysqlUrl);
  try {
    const conn = await mysql.createConnection({
      host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username) || 'root',
      password: decodeURIComponent(u.password), connectTimeout: 3000,
    });
    await conn.query('SELECT 1');
    await conn.end();
    return true;
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`MariaDB at PGSHIFT_TEST_MYSQL does not answer (${(e as Error).message}); CI requires it`);
    console.warn(`\n!!! MariaDB at ${redact(mysqlUrl)} does not answer: MySQL integration tests SKIPPED (${(e as Error).message})\n`);
    return false;
  }
}
