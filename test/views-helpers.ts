import type { View } from '../src/model/catalog.js';
import type { Expr } from '../src/model/expr.js';
import type { FromItem, Query, Select } from '../src/model/query.js';
import { transpile, type ConvertOptions } from '../src/transpile/index.js';
import { catalog, col, opts, schema, span, table, ty } from './transpile-helpers.js';

/** Query AST constructors for hand-built view cases. */
export const sel = (columns: (Expr | [Expr, string])[], from: FromItem[], extra: Partial<Select> = {}): Select => ({
  kind: 'select', columns: columns.map((c) => (Array.isArray(c) ? { expr: c[0], alias: c[1] } : { expr: c })), from, groupBy: [], orderBy: [], ...extra,
});
export const tbl = (name: string, alias?: string, extra: Partial<Extract<FromItem, { kind: 'table' }>> = {}): FromItem => ({
  kind: 'table', name: name.split('.'), ...(alias ? { alias } : {}), ...extra,
});
export const join = (type: Extract<FromItem, { kind: 'join' }>['type'], left: FromItem, right: FromItem, on?: Expr): FromItem => ({
  kind: 'join', type, left, right, ...(on ? { on } : {}),
});
export const star: Expr = { kind: 'star' };

export function view(schemaName: string, name: string, select: Query, extra: Partial<View> = {}): View {
  return { name: { schema: schemaName, name }, text: `CREATE VIEW ${name} AS ...`, query: '...', select, options: {}, span, ...extra };
}

/** The tables every case reads (source types of each dialect). */
export function sourceTables(dialect: 'tsql' | 'mysql') {
  const s = dialect === 'tsql' ? 'dbo' : 'shop';
  const str = dialect === 'tsql' ? ty('nvarchar', [50]) : ty('varchar', [50]);
  const flag = dialect === 'tsql' ? ty('bit') : ty('tinyint', [1]);
  const when = dialect === 'tsql' ? ty('datetime') : ty('datetime');
  return [
    table(s, 'Orders', [col('OrderID', ty('int'), { nullable: false }), col('CustomerID', ty('int')), col('Code', str), col('Qty', ty('int')),
      col('Price', ty('decimal', [10, 2])), col('Active', flag), col('OrderDate', when), col('Note', str)], { primaryKey: { columns: [{ column: 'OrderID' }], span } }),
    table(s, 'Customers', [col('CustomerID', ty('int'), { nullable: false }), col('Name', str), col('City', str)], { primaryKey: { columns: [{ column: 'CustomerID' }], span } }),
  ];
}

/** Transpile the case tables plus the given views; returns the converted views and the result. */
export function convertViewsOf(dialect: 'tsql' | 'mysql', views: View[], o: Partial<ConvertOptions> = {}) {
  const s = dialect === 'tsql' ? 'dbo' : 'shop';
  const out = transpile(catalog(dialect, [schema(s, sourceTables(dialect), { views })]), opts({ caseInsensitive: 'ignore', ...o }));
  return { out, views: out.schemas.flatMap((x) => x.views), codes: out.diagnostics.map((d) => d.code) };
}

/** One view over the case tables → its CREATE VIEW text (or undefined when it went to manual). */
export function viewText(dialect: 'tsql' | 'mysql', select: Query, o: Partial<ConvertOptions> = {}, extra: Partial<View> = {}) {
  const r = convertViewsOf(dialect, [view(dialect === 'tsql' ? 'dbo' : 'shop', 'v', select, extra)], o);
  return { text: r.views[0]?.text, ...r };
}
