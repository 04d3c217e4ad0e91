import type { Catalog, Column, QName, Table } from '../../model/catalog.js';
import { diag, type Diagnostic, type DiagnosticCode } from '../../model/diagnostics.js';
import type { Expr } from '../../model/expr.js';
import type { SourceSpan } from '../../model/source.js';
import type { MssqlCatalogRows, SysType } from './catalog-rows.js';
import { parseTsqlExpr } from './expr-parser.js';

/** A table being built, with its columns by column_id (catalog rows refer to columns by id). */
export interface TableEntry {
  table: Table;
  columns: Map<number, Column>;
  file: string;
}

/** What every builder step shares: the rows, the catalog being filled and id → name lookups. */
export interface BuildContext {
  rows: MssqlCatalogRows;
  catalog: Catalog;
  /** e.g. mssql://host:1433/Shop; object files are `${source}/${schema}.${name}`. */
  source: string;
  schemaNames: Map<number, string>;
  /** Schema ids whose objects go into the catalog (all user schemas unless options.schemas narrows them). */
  included: Set<number>;
  types: Map<number, SysType>;
  /** Included tables by object_id. */
  tables: Map<number, TableEntry>;
  /** Every user table's name by object_id, also outside the included schemas (FK targets, history tables). */
  tableNames: Map<number, QName>;
  /** Column names of every user table by object_id and column_id. */
  columnNames: Map<number, Map<number, string>>;
  /** A column collation equal to this is left implicit; undefined keeps every collation. */
  implicitCollation?: string;
}

export function schemaNameOf(ctx: BuildContext, id: number): string {
  return ctx.schemaNames.get(id) ?? `schema#${id}`;
}

/** Live objects have no text position: the span names the object, line 0 (as the MySQL introspector does). */
export function liveSpan(file: string): SourceSpan {
  return { file, line: 0, col: 0, endLine: 0, endCol: 0 };
}

export function objectFile(ctx: BuildContext, q: QName): string {
  return `${ctx.source}/${q.schema}.${q.name}`;
}

export function report(ctx: BuildContext, code: DiagnosticCode, message: string, extra: Partial<Omit<Diagnostic, 'code' | 'message'>> = {}): void {
  ctx.catalog.diagnostics.push(diag(code, message, extra));
}

/** Parse catalog expression text (default, check, computed, filter) with the script parser's expression parser. */
export function catalogExpr(ctx: BuildContext, text: string, file: string, object: string): Expr {
  const { expr, diagnostics } = parseTsqlExpr(text, file);
  for (const d of diagnostics) ctx.catalog.diagnostics.push({ ...d, object });
  return expr;
}

/** Name order that does not depend on the server's collation: case-insensitive, then exact. */
export function byName(a: string, b: string): number {
  const x = a.toLowerCase(), y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

