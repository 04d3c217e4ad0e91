import type { Catalog, Table } from '../../src/model/catalog.js';

export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface TableFacts {
  columns: string[];
  defaults: string[];
  identity: string[];
  primaryKey: string[];
  uniques: number;
  checks: number;
  foreignKeys: number;
  indexes: number;
}

/** What PostgreSQL's catalog says a table has. */
export async function tableFactsFromPg(query: Query, schema: string, table: string): Promise<TableFacts> {
  const rel = `${quote(schema)}.${quote(table)}`;
  const cols = await query(
    `SELECT attname, atthasdef, attidentity FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [rel],
  );
  const cons = await query(
    `SELECT contype, (SELECT array_agg(a.attname ORDER BY k.i) FROM unnest(conkey) WITH ORDINALITY k(n, i)
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols
     FROM pg_constraint c WHERE conrelid = $1::regclass`,
    [rel],
  );
  const idx = await query(
    `SELECT count(*)::int AS n FROM pg_index i WHERE i.indrelid = $1::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)`,
    [rel],
  );
  const pk = cons.find((c) => c.contype === 'p');
  return {
    columns: cols.map((c) => String(c.attname)),
    defaults: cols.filter((c) => c.atthasdef).map((c) => String(c.attname)),
    identity: cols.filter((c) => c.attidentity === 'd' || c.attidentity === 'a').map((c) => String(c.attname)),
    primaryKey: pk ? pgArray(pk.cols) : [],
    uniques: cons.filter((c) => c.contype === 'u').length,
    checks: cons.filter((c) => c.contype === 'c').length,
    foreignKeys: cons.filter((c) => c.contype === 'f').length,
    indexes: Number(idx[0]?.n ?? 0),
  };
}

/** What the PostgreSQL IR says the same table has. */
export function tableFactsFromIr(t: Table): TableFacts {
  return {
    columns: t.columns.map((c) => c.name),
    defaults: t.columns.filter((c) => c.default || c.generated).map((c) => c.name),
    identity: t.columns.filter((c) => c.identity).map((c) => c.name),
    primaryKey: t.primaryKey?.columns.map((k) => k.column) ?? [],
    uniques: t.uniques.length,
    checks: t.checks.length,
    foreignKeys: t.foreignKeys.length,
    indexes: t.indexes.length,
  };
}

export function irTables(c: Catalog): { schema: string; table: Table }[] {
  return c.schemas.flatMap((s) => s.tables.map((table) => ({ schema: s.name, table })));
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** node-postgres parses name[] into arrays; PGlite may too — accept both shapes. */
function pgArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((x) => x.replace(/^"|"$/g, ''));
  return [];
}
