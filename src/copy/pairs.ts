import { type Catalog, type Column, type QName, type Table } from '../model/catalog.js';
import { DEFAULT_OPTIONS, type ConvertOptions } from '../transpile/context.js';
import { makeNameMap } from '../transpile/names.js';

/** A source table, the table it became, and its stored columns paired one to one. */
export interface TablePair {
  source: Table;
  target: Table;
  targetName: QName;
  columns: { source: Column; target: Column }[];
}

/**
 * Pairs every source table with its converted table, column by column, through the same name map the
 * transpiler used (copy and validate must agree on it). Generated columns are not data: they are left out.
 */
export function pairTables(source: Catalog, target: Catalog, options: Partial<ConvertOptions> = {}): TablePair[] {
  const names = makeNameMap(source, { ...DEFAULT_OPTIONS, ...options }, []);
  const out: TablePair[] = [];
  for (const s of source.schemas) {
    for (const t of s.tables) {
      const tq = names.relation(t.name);
      const tt = tq && findExact(target, tq);
      if (!tq || !tt) continue;
      const columns: TablePair['columns'] = [];
      for (const c of t.columns) {
        if (c.generated) continue;
        const tc = tt.columns.find((x) => x.name === names.column(t.name, c.name));
        if (tc && !tc.generated) columns.push({ source: c, target: tc });
      }
      if (columns.length) out.push({ source: t, target: tt, targetName: tq, columns });
    }
  }
  return out;
}

function findExact(c: Catalog, q: QName): Table | undefined {
  return c.schemas.find((s) => s.name === q.schema)?.tables.find((t) => t.name.name === q.name);
}
