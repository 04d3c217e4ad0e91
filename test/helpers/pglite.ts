import type { PGlite } from '@electric-sql/pglite';
import { freshPglite } from '../../src/target/postgres/verify.js';

let shared: PGlite | undefined;

/** One embedded PostgreSQL per test worker: startup costs seconds, a schema reset costs milliseconds. */
export async function sharedPglite(): Promise<PGlite> {
  shared ??= await freshPglite();
  return shared;
}

/** Drop everything a test created so the next one starts from an empty database. */
export async function resetPglite(db: PGlite): Promise<void> {
  const { rows } = await db.query<{ nspname: string }>(
    `SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema')`,
  );
  for (const { nspname } of rows) await db.exec(`DROP SCHEMA "${nspname.replace(/"/g, '""')}" CASCADE`);
  await db.exec('CREATE SCHEMA public; DROP EXTENSION IF EXISTS citext, fuzzystrmatch, pgcrypto CASCADE;');
  const colls = await db.query<{ n: string }>(`SELECT quote_ident(collname) AS n FROM pg_collation c JOIN pg_namespace s ON s.oid = c.collnamespace WHERE s.nspname = 'public'`);
  for (const { n } of colls.rows) await db.exec(`DROP COLLATION ${n}`);
}

/** User objects left in the database (tables, views, types, functions, sequences, collations, extensions). */
export async function leftoverObjects(db: PGlite): Promise<string[]> {
  const { rows } = await db.query<{ o: string }>(`
    SELECT 'relation ' || n.nspname || '.' || c.relname AS o FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog','information_schema','pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast%'
    UNION ALL SELECT 'type ' || n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname NOT IN ('pg_catalog','information_schema') AND t.typtype IN ('e','d')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
    UNION ALL SELECT 'function ' || n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname NOT IN ('pg_catalog','information_schema')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('public','information_schema')
    ORDER BY 1`);
  return rows.map((r) => r.o);
}
