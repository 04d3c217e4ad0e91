import type { Catalog, Schema, Table } from '../src/model/catalog.js';
import { parseTsql, type TsqlParseOptions } from '../src/sources/tsql/parser.js';

/** Drop spans so IR compares by value. */
export function bare<T>(e: T): T {
  if (Array.isArray(e)) return e.map(bare) as T;
  if (e && typeof e === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) if (k !== 'span') out[k] = bare(v);
    return out as T;
  }
  return e;
}

export function parse(text: string, options?: TsqlParseOptions): Catalog {
  return parseTsql([{ file: 't.sql', text }], options);
}

export function schema(cat: Catalog, name = 'dbo'): Schema {
  const s = cat.schemas.find((x) => x.name === name);
  if (!s) throw new Error(`no schema ${name}`);
  return s;
}

export function table(cat: Catalog, name: string, schemaName = 'dbo'): Table {
  const t = schema(cat, schemaName).tables.find((x) => x.name.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

export const codes = (cat: Catalog): string[] => cat.diagnostics.map((d) => d.code);
