import type pg from 'pg';
import { quoteQName } from '../target/postgres/quote.js';
import type { CopyTable } from './plan.js';

/** A target column's type as PostgreSQL stores it: what a binary COPY must send for it. */
export interface TargetType {
  /** pg_type.typname ('int4', 'numeric', 'citext', '_text', an enum's name, …). */
  name: string;
  /** pg_type.typtype: 'b' base, 'e' enum, 'd' domain, … */
  kind: string;
  /** The element type's name for an array type. */
  element?: string;
}

const cache = new WeakMap<pg.Client, Map<string, (TargetType | undefined)[]>>();

/** The target types of a table's copied columns, in copy order (read once per connection and table). */
export async function targetTypes(client: pg.Client, t: CopyTable): Promise<(TargetType | undefined)[]> {
  let byTable = cache.get(client);
  if (!byTable) cache.set(client, (byTable = new Map()));
  const known = byTable.get(t.name);
  if (known) return known;
  const r = await client.query<{ col: string; name: string; kind: string; element: string | null }>(
    `SELECT a.attname AS col, ty.typname AS name, ty.typtype AS kind, el.typname AS element
     FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid LEFT JOIN pg_type el ON el.oid = ty.typelem AND ty.typcategory = 'A'
     WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    [quoteQName(t.target)],
  );
  const byName = new Map(r.rows.map((x) => [x.col, { name: x.name, kind: x.kind, ...(x.element ? { element: x.element } : {}) }]));
  const types = t.columns.map((c) => byName.get(c.target));
  byTable.set(t.name, types);
  return types;
}
