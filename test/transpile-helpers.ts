import type { Catalog, Check, Column, ForeignKey, Index, Key, Schema, Table } from '../src/model/catalog.js';
import type { Expr } from '../src/model/expr.js';
import type { SourceSpan } from '../src/model/source.js';
import { dataType, type DataType } from '../src/model/types.js';
import { transpile, type ConvertOptions } from '../src/transpile/index.js';

export const span: SourceSpan = { file: 'in.sql', line: 1, col: 1, endLine: 1, endCol: 10 };

export function ty(name: string, args: (number | 'max')[] = [], extra: Partial<DataType> = {}): DataType {
  return dataType(name, args, extra);
}

export function col(name: string, type: DataType, extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, span, ...extra };
}

export function table(schema: string, name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { name: { schema, name }, columns, uniques: [], checks: [], foreignKeys: [], indexes: [], options: {}, span, ...extra };
}

export function key(columns: string[], extra: Partial<Key> = {}): Key {
  return { columns: columns.map((column) => ({ column })), span, ...extra };
}

export function index(columns: string[], extra: Partial<Index> = {}): Index {
  return { unique: false, kind: 'plain', columns: columns.map((column) => ({ column })), include: [], span, ...extra };
}

export function check(expr: Expr, raw: string, extra: Partial<Check> = {}): Check {
  return { expr, raw, span, ...extra };
}

export function fk(columns: string[], refSchema: string, refName: string, refColumns: string[], extra: Partial<ForeignKey> = {}): ForeignKey {
  return { columns, ref: { schema: refSchema, name: refName }, refColumns, span, ...extra };
}

export function schema(name: string, tables: Table[], extra: Partial<Schema> = {}): Schema {
  return { name, tables, views: [], routines: [], triggers: [], sequences: [], types: [], data: [], ...extra };
}

export function catalog(dialect: 'tsql' | 'mysql', schemas: Schema[]): Catalog {
  return { dialect, schemas, diagnostics: [] };
}

// Expression constructors
export const n = (value: string | number): Expr => ({ kind: 'number', value: String(value) });
export const s = (value: string): Expr => ({ kind: 'string', value });
export const c = (...parts: string[]): Expr => ({ kind: 'column', parts });
export const fn = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name: name.split('.'), args });
export const niladic = (name: string): Expr => ({ kind: 'call', name: [name], args: [], niladic: true });
export const bin = (op: string, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
export const paren = (expr: Expr): Expr => ({ kind: 'paren', expr });

export const opts = (o: Partial<ConvertOptions> = {}): ConvertOptions => ({ identifiers: 'lower', schemaMap: {}, targetVersion: 15, ...o });

/** Convert one table and return the converted table plus the whole result. */
export function one(dialect: 'tsql' | 'mysql', t: Table, o: Partial<ConvertOptions> = {}) {
  const out = transpile(catalog(dialect, [schema(t.name.schema, [t])]), opts(o));
  const tbl = out.schemas.flatMap((x) => x.tables)[0]!;
  return { out, table: tbl, codes: out.diagnostics.map((d) => d.code) };
}

/** Map a single column of the given type; returns the PostgreSQL type text and the column. */
export function mapOne(dialect: 'tsql' | 'mysql', type: DataType, extra: Partial<Column> = {}, o: Partial<ConvertOptions> = {}) {
  const r = one(dialect, table(dialect === 'tsql' ? 'dbo' : '', 't', [col('c', type, extra)]), { caseInsensitive: 'ignore', ...o });
  const column = r.table.columns[0]!;
  return { ...r, column, type: column.type.raw };
}
