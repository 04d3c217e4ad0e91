import type { Expr } from '../../src/model/expr.js';
import type { DataType } from '../../src/model/types.js';
import { parseMysqlExpr } from '../../src/sources/mysql/expr-parser.js';
import { parseTsqlExpr } from '../../src/sources/tsql/expr-parser.js';
import { printExpr } from '../../src/target/postgres/print-expr.js';
import { DEFAULT_OPTIONS, type ConvertOptions, type TranspileContext } from '../../src/transpile/context.js';
import { translateExpr, type ExprProblem } from '../../src/transpile/expr.js';
import { buildRules } from '../../src/transpile/mappings.js';
import { makeNameMap } from '../../src/transpile/names.js';

export type Dialect = 'tsql' | 'mysql';

/** A transpile context with no objects: enough to translate one free-standing expression. */
export function exprContext(dialect: Dialect, options: Partial<ConvertOptions> = {}): TranspileContext {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const source = { dialect, schemas: [], diagnostics: [] };
  const rules = buildRules(dialect);
  const diagnostics: TranspileContext['diagnostics'] = [];
  return {
    dialect, options: opts, ciPolicy: 'ignore', source, typeRules: rules.types, functionRules: rules.functions,
    names: makeNameMap(source, opts, diagnostics), diagnostics, manual: [], extensions: new Set(),
  };
}

export function parseSource(dialect: Dialect, text: string): Expr {
  const r = dialect === 'tsql' ? parseTsqlExpr(text) : parseMysqlExpr(text);
  if (r.diagnostics.length) throw new Error(`${text}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.expr;
}

/** Source expression text → PostgreSQL text, its problems and the extensions it needs. */
export function translateSource(dialect: Dialect, text: string, opts: { columns?: Record<string, DataType>; options?: Partial<ConvertOptions> } = {}):
  { sql: string; problems: ExprProblem[]; extensions: string[] } {
  const ctx = exprContext(dialect, opts.options);
  const columnTypes = new Map(Object.entries(opts.columns ?? {}));
  const r = translateExpr(parseSource(dialect, text), { ctx, columnTypes });
  let sql: string;
  try {
    sql = printExpr(r.expr);
  } catch (e) {
    sql = `<print failure: ${(e as Error).message}>`;
  }
  return { sql, problems: r.problems, extensions: [...ctx.extensions] };
}
