import type { QName } from '../model/catalog.js';
import { walkExpr, type Call, type Expr } from '../model/expr.js';
import type { FromItem, JoinSource, PivotSource, Query, Select, SelectItem, SetOperation, UnpivotSource } from '../model/query.js';
import { dataType } from '../model/types.js';
import type { SourceSpan } from '../model/source.js';
import type { TranspileContext } from './context.js';
import { asCondition, translateExpr, type ExprEnv, type ExprProblem } from './expr.js';
import { xmlPathConcat } from './xml-path.js';
import { orderItems } from './aggregates.js';
import { inferType, isNumericClass, typeClass } from './infer.js';
import { emptyScope, findRelation, resolveSource, type QueryScope, type RelColumn, type ScopeRelation } from './query-scope.js';

/** A problem inside a query, with where it is (file:line:col of the failing part). */
export type QueryProblem = ExprProblem & { span?: SourceSpan };

/** A table or view of the input as queries see it: its target name, columns and primary key (target names). */
export interface KnownRelation {
  target: QName;
  kind: 'table' | 'view';
  columns: RelColumn[];
  primaryKey?: string[];
}

export interface QueryEnv {
  ctx: TranspileContext;
  /** Source schema of the object holding the query: unqualified names resolve there first. */
  defaultSchema: string;
  /** Tables and the views converted so far, by source name. */
  lookup: (q: QName) => KnownRelation | undefined;
  /** Filled with the target names of the relations the query reads. */
  deps: QName[];
  /** True for a relation the output should hold but does not (a table of the input that was not converted). */
  expected?: (target: QName) => boolean;
}

export interface TranslatedQuery {
  query: Query;
  columns: RelColumn[];
}

/** Aggregates of both sources and of PostgreSQL (a translated call is checked too). */
const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'string_agg', 'group_concat', 'array_agg', 'bool_and', 'bool_or',
  'any_value', 'stddev', 'stddev_pop', 'stddev_samp', 'var_pop', 'var_samp', 'variance', 'bit_and', 'bit_or', 'bit_xor', 'json_agg', 'jsonb_agg',
  'count_big', 'stdev', 'stdevp', 'var', 'varp', 'checksum_agg', 'grouping', 'json_arrayagg', 'json_objectagg', 'json_object_agg',
  'jsonb_object_agg', 'std', 'every', 'percentile_cont', 'percentile_disc', 'mode', 'approx_count_distinct', 'xmlagg']);

/** Source query → PostgreSQL query (names through the identifier policy, dialect clauses rewritten), with its output columns. */
export function translateQuery(q: Query, env: QueryEnv, out: QueryProblem[], parent?: QueryScope): TranslatedQuery {
  return q.kind === 'select' ? translateSelect(q, env, out, parent) : translateSetOp(q, env, out, parent);
}

function exprEnv(env: QueryEnv, scope: QueryScope, out: QueryProblem[]): ExprEnv {
  return {
    ctx: env.ctx, scope,
    subquery: (sq, inner) => translateQuery(sq, env, out, inner.scope).query,
  };
}

/** Translate one expression in a scope; its problems get the span of the innermost node that has one. */
function expr(e: Expr, env: QueryEnv, scope: QueryScope, out: QueryProblem[]): Expr {
  const r = translateExpr(e, exprEnv(env, scope, out));
  const where = r.problems.length ? failingSpan(e) : undefined;
  out.push(...r.problems.map((p) => ({ ...p, span: (p as QueryProblem).span ?? where })));
  return r.expr;
}

/** The span of the first node that cannot be translated as is (opaque, variable), else the expression's own. */
function failingSpan(e: Expr): SourceSpan | undefined {
  let found: SourceSpan | undefined;
  walkExpr(e, (x) => {
    if (!found && (x.kind === 'opaque' || x.kind === 'variable') && x.span) found = x.span;
  });
  return found ?? e.span;
}

function translateSetOp(q: SetOperation, env: QueryEnv, out: QueryProblem[], parent?: QueryScope): TranslatedQuery {
  const left = translateQuery(q.left, env, out, parent);
  const right = translateQuery(q.right, env, out, parent);
  // ORDER BY of a set operation names its output columns.
  const scope = emptyScope(parent);
  scope.relations.push({ refs: [], exposed: '', columns: left.columns });
  const paging = translatePaging(q, env, scope, out);
  const query: SetOperation = {
    kind: 'setop', op: q.op, ...(q.all ? { all: true } : {}), left: left.query, right: right.query,
    orderBy: orderItems(q.orderBy, (e) => expr(e, env, scope, out)), ...paging, ...(q.span ? { span: q.span } : {}),
  };
  return { query, columns: left.columns };
}

function translatePaging(q: Pick<Select, 'limit' | 'offset' | 'fetch'>, env: QueryEnv, scope: QueryScope, out: QueryProblem[]): Pick<Select, 'limit' | 'offset' | 'fetch'> {
  const x = (e: Expr): Expr => expr(e, env, scope, out);
  return {
    ...(q.limit ? { limit: x(q.limit) } : {}),
    ...(q.offset ? { offset: x(q.offset) } : {}),
    ...(q.fetch ? { fetch: { count: x(q.fetch.count), ...(q.fetch.withTies ? { withTies: true } : {}) } } : {}),
  };
}

function translateSelect(q: Select, env: QueryEnv, out: QueryProblem[], parent?: QueryScope): TranslatedQuery {
  const { ctx } = env;
  const scope = emptyScope(parent);
  const at = q.span ? { span: q.span } : {};
  let withClause: Select['with'];
  if (q.with) {
    const ctes = q.with.ctes.map((cte) => {
      const name = ctx.names.fold(cte.name);
      const declared = cte.columns?.map((c) => ({ source: c, name: ctx.names.fold(c) }));
      // A recursive CTE sees itself: its declared columns, or its anchor's.
      if (q.with!.recursive) {
        const anchor = declared ?? (cte.query.kind === 'setop' ? translateQuery(cte.query.left, env, [], scope).columns : []);
        scope.ctes.set(cte.name.toLowerCase(), { columns: anchor });
      }
      const t = translateQuery(cte.query, env, out, scope);
      scope.ctes.set(cte.name.toLowerCase(), { columns: declared ?? t.columns });
      return { name, ...(cte.columns ? { columns: declared!.map((c) => c.name) } : {}), query: t.query };
    });
    withClause = { ...(q.with.recursive ? { recursive: true } : {}), ctes };
  }
  const from = q.from.map((f) => translateFrom(f, env, scope, out, parent));
  const x = (e: Expr): Expr => expr(e, env, scope, out);
  const columns: SelectItem[] = [];
  const shape: RelColumn[] = [];
  for (const item of q.columns) {
    const t = translateItem(item, env, scope, out);
    columns.push(t.item);
    shape.push(...t.columns);
  }
  const where = q.where && asCondition(x(q.where), exprEnv(env, scope, out));
  const groupBy = q.groupBy.map(x);
  const havingExpr = q.having && (ctx.dialect === 'mysql' ? outputAliasesIn(x(q.having), q.columns, columns, scope) : x(q.having));
  const having = havingExpr && asCondition(havingExpr, exprEnv(env, scope, out));
  const orderBy = orderItems(q.orderBy, (e) => expr(e, env, withOutputs(scope, shape), out));
  const select: Select = {
    kind: 'select', ...(withClause ? { with: withClause } : {}), ...(q.distinct ? { distinct: true } : {}),
    columns, from, ...(where ? { where } : {}), groupBy, ...(q.grouping ? { grouping: q.grouping } : {}),
    ...(having ? { having } : {}), orderBy, ...translatePaging(q, env, scope, out), ...at,
  };
  if (q.top) applyTop(select, q, env, scope, out);
  for (const u of q.unsupported ?? []) {
    if (xmlPathConcat(u, q, select, exprEnv(env, scope, out), out)) continue;
    const xmlJson = /^\s*FOR\s+(XML|JSON)/i.test(u);
    out.push({
      code: xmlJson ? 'PGS3001' : 'PGS3002', ...at,
      message: xmlJson ? `${u.trim()} has no PostgreSQL equivalent (build the document with xmlagg/json_agg)` : `${u.trim()} cannot be part of a view query`,
    });
  }
  if (ctx.dialect === 'mysql' && (groupBy.length || hasAggregate(columns))) implicitGrouping(select, env, scope, out);
  return { query: select, columns: shape };
}

/**
 * MySQL's HAVING may name a select-list alias (HAVING n > 0), PostgreSQL's may not: a bare name that is no FROM
 * column but an alias is replaced by the aliased (translated) expression.
 */
function outputAliasesIn(having: Expr, items: SelectItem[], translated: SelectItem[], scope: QueryScope): Expr {
  const byAlias = new Map<string, Expr>();
  items.forEach((item, i) => {
    const t = translated[i];
    if (item.alias === undefined || !t?.alias || byAlias.has(t.alias) || resolveSource(scope, [item.alias])) return;
    byAlias.set(t.alias, t.expr);
  });
  if (!byAlias.size) return having;
  const swap = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(swap);
    if (!node || typeof node !== 'object') return node;
    const e = node as Expr;
    if (e.kind === 'column' && e.parts.length === 1 && byAlias.has(e.parts[0]!)) return { kind: 'paren', expr: byAlias.get(e.parts[0]!)!, ...(e.span ? { span: e.span } : {}) };
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'span' ? v : swap(v)]));
  };
  return swap(having) as Expr;
}

/** ORDER BY may name output aliases: they resolve after the FROM columns. */
function withOutputs(scope: QueryScope, shape: RelColumn[]): QueryScope {
  return { ...scope, relations: [...scope.relations, { refs: [], exposed: '', columns: shape }] };
}

function translateItem(item: SelectItem, env: QueryEnv, scope: QueryScope, out: QueryProblem[]): { item: SelectItem; columns: RelColumn[] } {
  const { names } = env.ctx;
  const e = item.expr;
  if (e.kind === 'star') {
    const present = (cols: RelColumn[]): RelColumn[] => cols.filter((c) => !c.missing);
    if (!e.table) return { item: { expr: e }, columns: present(scope.relations.flatMap((r) => r.columns)) };
    const rel = findRelation(scope, e.table);
    return { item: { expr: { ...e, table: rel ? [rel.exposed] : e.table.map(names.fold) } }, columns: present(rel?.columns ?? []) };
  }
  const translated = expr(e, env, scope, out);
  const type = inferType(translated, { scope });
  if (item.alias !== undefined) {
    const alias = names.fold(item.alias);
    return { item: { expr: translated, alias }, columns: [{ source: item.alias, name: alias, ...(type ? { type } : {}) }] };
  }
  const name = translated.kind === 'column' ? translated.parts[translated.parts.length - 1]! : '?column?';
  const source = e.kind === 'column' ? e.parts[e.parts.length - 1]! : name;
  return { item: { expr: translated }, columns: [{ source, name, ...(type ? { type } : {}) }] };
}

/** TOP n → LIMIT n; TOP n PERCENT → a LIMIT over the row count; WITH TIES → FETCH FIRST n ROWS WITH TIES. */
function applyTop(select: Select, q: Select, env: QueryEnv, scope: QueryScope, out: QueryProblem[]): void {
  const top = q.top!;
  const at = q.span ? { span: q.span } : {};
  const count = expr(top.count, env, scope, out);
  if (top.percent) {
    // TOP 100 PERCENT is the idiom that lets SQL Server accept ORDER BY in a view: no limit at all.
    if (count.kind === 'number' && Number(count.value) >= 100) return;
    if (select.groupBy.length || select.distinct || top.withTies) {
      out.push({ code: 'PGS3001', message: 'TOP ... PERCENT over a grouped or DISTINCT query has no PostgreSQL form', ...at });
      return;
    }
    out.push({ code: 'PGS3003', message: 'TOP n PERCENT becomes LIMIT over a row count subquery', severity: 'info', ...at });
    const total: Expr = { kind: 'call', name: ['count'], args: [], star: true };
    const rows: Expr = { kind: 'call', name: ['ceil'], args: [{ kind: 'binary', op: '/', left: { kind: 'binary', op: '*', left: total, right: count }, right: { kind: 'number', value: '100.0' } }] };
    const counter: Select = { kind: 'select', columns: [{ expr: rows }], from: select.from, groupBy: [], orderBy: [], ...(select.where ? { where: select.where } : {}) };
    select.limit = { kind: 'subquery', query: '', select: counter };
    return;
  }
  if (top.withTies) {
    if (env.ctx.options.targetVersion < 13) out.push({ code: 'PGS3001', message: 'TOP ... WITH TIES needs FETCH FIRST ... WITH TIES (PostgreSQL 13+)', ...at });
    select.fetch = { count, withTies: true };
    return;
  }
  select.limit = count;
}

function translateFrom(f: FromItem, env: QueryEnv, scope: QueryScope, out: QueryProblem[], parent: QueryScope | undefined): FromItem {
  const { ctx } = env;
  const { names } = ctx;
  const at = f.span ? { span: f.span } : {};
  const alias = 'alias' in f && f.alias !== undefined ? names.fold(f.alias) : undefined;
  const named = (columns: RelColumn[], declared?: string[]): RelColumn[] =>
    declared ? declared.map((c, i) => ({ source: c, name: names.fold(c), ...(columns[i]?.type ? { type: columns[i]!.type } : {}) })) : columns;
  switch (f.kind) {
    case 'table': {
      const written = f.name[f.name.length - 1]!;
      for (const h of f.hints ?? []) out.push({ code: 'PGS3003', severity: 'info', message: `table hint ${h} dropped`, ...at });
      const cte = f.name.length === 1 ? scope.ctes.get(written.toLowerCase()) : undefined;
      if (cte) {
        scope.relations.push({ refs: [(f.alias ?? written).toLowerCase()], exposed: alias ?? names.fold(written), columns: cte.columns });
        return { kind: 'table', name: [names.fold(written)], ...(alias ? { alias } : {}), ...at };
      }
      const rel = resolveTable(f.name, env);
      if (rel.known) env.deps.push(rel.target);
      else if (env.expected?.(rel.target)) out.push({ code: 'PGS4007', message: `${f.name.join('.')} is not in the output (not defined in the input, or not converted)`, ...at });
      else out.push({ code: 'PGS3003', message: `${f.name.join('.')} is not defined in the input; its columns are not checked`, ...at });
      const refs = f.alias !== undefined ? [f.alias.toLowerCase()] : f.name.map((_, i) => f.name.slice(i).join('.').toLowerCase());
      const relation: ScopeRelation = { refs, exposed: alias ?? rel.target.name, columns: rel.known?.columns ?? [], target: rel.target, ...(rel.known ? {} : { open: true }) };
      scope.relations.push(relation);
      if (rel.known?.primaryKey) pkOf.set(relation, rel.known.primaryKey);
      return { kind: 'table', name: [rel.target.schema, rel.target.name], ...(alias ? { alias } : {}), ...at };
    }
    case 'derived': {
      const t = translateQuery(f.query, env, out, f.lateral ? scope : parent);
      scope.relations.push({ refs: f.alias ? [f.alias.toLowerCase()] : [], exposed: alias ?? '', columns: named(t.columns, f.columns) });
      return { kind: 'derived', query: t.query, ...(alias ? { alias } : {}), ...(f.columns ? { columns: f.columns.map(names.fold) } : {}), ...(f.lateral ? { lateral: true } : {}), ...at };
    }
    case 'function': {
      const call = expr(f.call, env, scope, out);
      scope.relations.push({ refs: f.alias ? [f.alias.toLowerCase()] : [], exposed: alias ?? '', columns: named([], f.columns), open: !f.columns });
      if (call.kind !== 'call') {
        out.push({ code: 'PGS3001', message: `table function ${f.call.name.join('.')} has no PostgreSQL form in FROM`, ...at });
        return f;
      }
      return { kind: 'function', call: call as Call, ...(alias ? { alias } : {}), ...(f.columns ? { columns: f.columns.map(names.fold) } : {}), ...at };
    }
    case 'values': {
      const rows = f.rows.map((r) => r.map((e) => expr(e, env, scope, out)));
      const cols = (f.columns ?? []).map((c, i) => ({ source: c, name: names.fold(c), ...(rows[0]?.[i] ? { type: inferType(rows[0][i]!, {}) } : {}) }));
      scope.relations.push({ refs: f.alias ? [f.alias.toLowerCase()] : [], exposed: alias ?? '', columns: cols as RelColumn[] });
      return { kind: 'values', rows, ...(alias ? { alias } : {}), ...(f.columns ? { columns: f.columns.map(names.fold) } : {}), ...at };
    }
    case 'join': return translateJoin(f, env, scope, out, parent);
    case 'pivot': return translatePivot(f, env, scope, out, parent);
    case 'unpivot': return translateUnpivot(f, env, scope, out, parent);
    default: {
      const never: never = f;
      return never;
    }
  }
}

/** The columns of a PIVOT or UNPIVOT source that pass through (all but `used`, source names lowercased), as target references. */
function otherColumns(inner: QueryScope, used: ReadonlySet<string | undefined>): { column: RelColumn; expr: Expr }[] {
  return inner.relations.flatMap((r) => r.columns
    .filter((c) => !c.missing && !used.has(c.source.toLowerCase()))
    .map((column): { column: RelColumn; expr: Expr } => ({ column, expr: { kind: 'column', parts: r.exposed ? [r.exposed, column.name] : [column.name] } })));
}

/**
 * T-SQL PIVOT as the grouped query it stands for: (SELECT <other columns>, agg(v) FILTER (WHERE col = 'v1') AS "v1", ...
 * FROM source GROUP BY <other columns>) AS alias, where the other columns are the source's columns but the pivot and
 * value columns (so the source's columns must be known).
 */
function translatePivot(f: PivotSource, env: QueryEnv, scope: QueryScope, out: QueryProblem[], parent: QueryScope | undefined): FromItem {
  const { names } = env.ctx;
  const at = f.span ? { span: f.span } : {};
  const inner = emptyScope(parent);
  const source = translateFrom(f.source, env, inner, out, parent);
  const x = (e: Expr): Expr => expr(e, env, inner, out);
  const nameOf = (e: Expr): string | undefined => (e.kind === 'column' ? e.parts[e.parts.length - 1]!.toLowerCase() : undefined);
  const used = new Set([nameOf(f.column), nameOf(f.aggregate.args[0]!)]);
  if (inner.relations.some((r) => r.open) || used.has(undefined)) {
    out.push({ code: 'PGS3001', message: 'PIVOT over a source whose columns are not known, or of an expression: write the grouped query by hand', ...at });
  }
  const others = otherColumns(inner, used);
  const grouped = others.map((o) => o.expr);
  const numeric = isNumericClass(typeClass(inferType(x(f.column), { scope: inner })));
  const cell = (v: string): SelectItem => {
    const match: Expr = { kind: 'binary', op: '=', left: f.column, right: numeric ? { kind: 'number', value: v } : { kind: 'string', value: v } };
    return { expr: x({ ...f.aggregate, filter: match }), alias: names.fold(v) };
  };
  const cells = f.values.map(cell);
  const query: Select = {
    kind: 'select', columns: [...grouped.map((e) => ({ expr: e })), ...cells], from: [source], groupBy: grouped, orderBy: [], ...at,
  };
  const alias = names.fold(f.alias);
  const columns: RelColumn[] = [
    ...others.map((o) => o.column),
    ...f.values.map((v, i) => {
      const type = inferType(cells[i]!.expr, { scope: inner });
      return { source: v, name: names.fold(v), ...(type ? { type } : {}) };
    }),
  ];
  scope.relations.push({ refs: [f.alias.toLowerCase()], exposed: alias, columns });
  return { kind: 'derived', query, alias, ...at };
}

/**
 * T-SQL UNPIVOT as a lateral list of (name, value) rows: (SELECT <other columns>, u.name, u.value FROM source CROSS
 * JOIN LATERAL (SELECT 'c1' AS name, c1 AS value UNION ALL ...) AS u WHERE u.value IS NOT NULL) AS alias.
 */
function translateUnpivot(f: UnpivotSource, env: QueryEnv, scope: QueryScope, out: QueryProblem[], parent: QueryScope | undefined): FromItem {
  const { names } = env.ctx;
  const at = f.span ? { span: f.span } : {};
  const inner = emptyScope(parent);
  const source = translateFrom(f.source, env, inner, out, parent);
  if (inner.relations.some((r) => r.open)) out.push({ code: 'PGS3001', message: 'UNPIVOT over a source whose columns are not known: write the lateral VALUES by hand', ...at });
  const listed = new Set(f.columns.map((c) => c.toLowerCase()));
  const others = otherColumns(inner, listed);
  const [nameCol, valueCol, rowsAlias] = [names.fold(f.name), names.fold(f.value), names.fold(`${f.alias}_rows`)];
  const rows = f.columns.map((col): Query => ({
    kind: 'select', from: [], groupBy: [], orderBy: [],
    columns: [{ expr: { kind: 'string', value: col }, alias: nameCol }, { expr: expr({ kind: 'column', parts: [col] }, env, inner, out), alias: valueCol }],
  }));
  const union = rows.reduce((l, r): Query => ({ kind: 'setop', op: 'union', all: true, left: l, right: r, orderBy: [] }));
  const valueType = rows[0]?.kind === 'select' ? inferType(rows[0].columns[1]!.expr, { scope: inner }) : undefined;
  const pick = (c: string): Expr => ({ kind: 'column', parts: [rowsAlias, c] });
  const query: Select = {
    kind: 'select', groupBy: [], orderBy: [], ...at,
    columns: [...others.map((o) => ({ expr: o.expr })), { expr: pick(nameCol) }, { expr: pick(valueCol) }],
    from: [{ kind: 'join', type: 'cross', left: source, right: { kind: 'derived', query: union, alias: rowsAlias, lateral: true } }],
    where: { kind: 'isnull', expr: pick(valueCol), not: true },
  };
  const alias = names.fold(f.alias);
  const columns: RelColumn[] = [
    ...others.map((o) => o.column),
    { source: f.name, name: nameCol, type: dataType('text') },
    { source: f.value, name: valueCol, ...(valueType ? { type: valueType } : {}) },
  ];
  scope.relations.push({ refs: [f.alias.toLowerCase()], exposed: alias, columns });
  return { kind: 'derived', query, alias, ...at };
}

/** Primary keys of the tables in scope (for MySQL's functional dependency on a grouped key). */
const pkOf = new WeakMap<ScopeRelation, string[]>();

function translateJoin(f: JoinSource, env: QueryEnv, scope: QueryScope, out: QueryProblem[], parent: QueryScope | undefined): FromItem {
  const at = f.span ? { span: f.span } : {};
  const left = translateFrom(f.left, env, scope, out, parent);
  const apply = f.type === 'cross apply' || f.type === 'outer apply';
  // APPLY's right side sees the left side: LATERAL.
  const rightSrc = apply && f.right.kind === 'derived' ? { ...f.right, lateral: true } : f.right;
  const right = translateFrom(rightSrc, env, scope, out, apply ? scope : parent);
  const on = f.on && asCondition(expr(f.on, env, scope, out), exprEnv(env, scope, out));
  const base = { kind: 'join' as const, left, right, ...(f.natural ? { natural: true } : {}), ...at };
  const using = f.using ? { using: f.using.map(env.ctx.names.fold) } : {};
  switch (f.type) {
    case 'cross apply': return { ...base, type: 'cross' };
    case 'outer apply': return { ...base, type: 'left', on: { kind: 'bool', value: true } };
    case 'straight': return { ...base, type: 'inner', ...(on ? { on } : {}), ...using };
    case 'inner': case 'left': case 'right': case 'full': case 'cross':
      return { ...base, type: f.type, ...(on ? { on } : {}), ...using };
    default: {
      const never: never = f.type;
      return never;
    }
  }
}

/** A table name as written → the relation of the input it names (T-SQL drops the database part; MySQL db.t → schema db). */
function resolveTable(parts: string[], env: QueryEnv): { target: QName; known?: KnownRelation } {
  const { ctx } = env;
  const name = parts[parts.length - 1]!;
  const written = parts.length > 1 ? parts[parts.length - 2]! : undefined;
  const candidates = written !== undefined ? [written] : ctx.dialect === 'tsql' ? [env.defaultSchema, 'dbo'] : [env.defaultSchema];
  for (const schema of candidates) {
    const known = env.lookup({ schema, name });
    if (known) return { target: known.target, known };
  }
  const schema = written ?? (ctx.dialect === 'tsql' ? 'dbo' : env.defaultSchema);
  return { target: { schema: ctx.names.schema(schema), name: ctx.names.fold(name) } };
}

function hasAggregate(items: SelectItem[]): boolean {
  return items.some((i) => containsAggregate(i.expr));
}

function containsAggregate(e: Expr): boolean {
  let found = false;
  walkExpr(e, (x) => {
    if (x.kind === 'call' && !x.window && !x.over && AGGREGATES.has(x.name[x.name.length - 1]!.toLowerCase())) found = true;
    return !found;
  });
  return found;
}

const exprKey = (e: Expr): string => JSON.stringify(e, (k, v: unknown) => (k === 'span' ? undefined : v));

/**
 * MySQL without ONLY_FULL_GROUP_BY accepts columns that are neither grouped nor aggregated and picks any row's value.
 * PostgreSQL accepts them only when the grouped columns include their table's primary key; others are wrapped in an
 * aggregate that picks one value, and reported.
 */
function implicitGrouping(select: Select, env: QueryEnv, scope: QueryScope, out: QueryProblem[]): void {
  const grouped = new Set(select.groupBy.map(exprKey));
  const groupedCols = new Set(select.groupBy.filter((g) => g.kind === 'column').map((g) => (g as { parts: string[] }).parts.join('.')));
  const dependent = (parts: string[]): boolean => {
    const rel = parts.length > 1 ? scope.relations.find((r) => r.exposed === parts[0]) : scope.relations.find((r) => r.columns.some((c) => c.name === parts[0]));
    const pk = rel && pkOf.get(rel);
    if (!rel || !pk?.length) return false;
    return pk.every((k) => groupedCols.has(`${rel.exposed}.${k}`) || (groupedCols.has(k) && scope.relations.filter((r) => r.columns.some((c) => c.name === k)).length === 1));
  };
  const v16 = env.ctx.options.targetVersion >= 16;
  const pick = (e: Expr): Expr | undefined => {
    if (e.kind === 'star' || grouped.has(exprKey(e)) || containsAggregate(e) || isConstant(e)) return undefined;
    const loose = looseColumns(e, grouped).filter((p) => !dependent(p));
    if (!loose.length) return undefined;
    const isBool = inferType(e, { scope })?.name === 'boolean';
    const fn = v16 ? 'any_value' : isBool ? 'bool_or' : 'min';
    out.push({
      // MySQL may return any row's value here, and the aggregate returns one of them: no result MySQL could give changes.
      code: 'PGS3003', severity: 'info', ...(e.span ? { span: e.span } : {}),
      message: `column ${loose.map((p) => p.join('.')).join(', ')} is neither grouped nor aggregated (MySQL returns any row's value); wrapped in ${fn}(), which returns one of them`,
    });
    return { kind: 'call', name: [fn], args: [e] };
  };
  select.columns = select.columns.map((item) => {
    const picked = pick(item.expr);
    if (!picked) return item;
    const alias = item.alias ?? (item.expr.kind === 'column' ? item.expr.parts[item.expr.parts.length - 1]! : undefined);
    return { expr: picked, ...(alias ? { alias } : {}) };
  });
  // ORDER BY an output alias is fine; a loose FROM column is not.
  const outputs = new Set(select.columns.map((c) => c.alias).filter((a) => a !== undefined));
  select.orderBy = select.orderBy.map((o) => {
    if (o.expr.kind === 'column' && o.expr.parts.length === 1 && outputs.has(o.expr.parts[0]!)) return o;
    const picked = pick(o.expr);
    return picked ? { ...o, expr: picked } : o;
  });
}

function isConstant(e: Expr): boolean {
  let columns = false;
  walkExpr(e, (x) => {
    if (x.kind === 'column' || x.kind === 'subquery' || x.kind === 'exists') columns = true;
  });
  return !columns;
}

/** Column references of an expression outside any grouped sub-expression or aggregate. */
function looseColumns(e: Expr, grouped: Set<string>): string[][] {
  const found: string[][] = [];
  walkExpr(e, (x) => {
    if (grouped.has(exprKey(x))) return false;
    if (x.kind === 'call' && AGGREGATES.has(x.name[x.name.length - 1]!.toLowerCase())) return false;
    if (x.kind === 'column') found.push(x.parts);
    return true;
  });
  return found;
}
