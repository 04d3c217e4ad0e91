import type { Call, Expr } from '../model/expr.js';
import type { OrderItem, WindowSpec } from '../model/query.js';
import { dataType } from '../model/types.js';
import type { ExprEnv, ExprProblem } from './expr.js';
import { translateCall } from './functions.js';

/** Aggregates and window functions both sources spell as PostgreSQL does (used when no mapping rule names them). */
const SAME_AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'row_number', 'rank', 'dense_rank', 'ntile', 'lag', 'lead',
  'first_value', 'last_value', 'nth_value', 'percent_rank', 'cume_dist', 'bit_and', 'bit_or', 'stddev', 'stddev_pop', 'stddev_samp',
  'var_pop', 'var_samp', 'variance']);

/** Ordered-set aggregates: their ORDER BY is PostgreSQL's WITHIN GROUP, and none is a window function there. */
const ORDERED_SET = new Set(['percentile_cont', 'percentile_disc', 'approx_percentile_cont', 'approx_percentile_disc', 'mode']);

/** Source spellings of aggregates with a different PostgreSQL name. */
const RENAMED: Record<string, string> = { stdev: 'stddev_samp', stdevp: 'stddev_pop', var: 'var_samp', varp: 'var_pop', count_big: 'count', std: 'stddev_pop' };

/**
 * MySQL and SQL Server sort NULLs first ascending, PostgreSQL last: spell the source order out so results agree.
 * Items that already say NULLS FIRST/LAST keep it.
 */
export function orderItems(items: OrderItem[], sub: (e: Expr) => Expr): OrderItem[] {
  return items.map((o) => ({ expr: sub(o.expr), ...(o.desc ? { desc: true } : {}), nulls: o.nulls ?? (o.desc ? 'last' : 'first') }));
}

export function translateWindow(w: WindowSpec, sub: (e: Expr) => Expr): WindowSpec {
  return { ...(w.name ? { name: w.name } : {}), partitionBy: w.partitionBy.map(sub), orderBy: orderItems(w.orderBy, sub), ...(w.frame ? { frame: w.frame } : {}) };
}

/**
 * Calls that carry aggregate or window parts (OVER, ORDER BY inside, FILTER, DISTINCT, *), and aggregates with no mapping rule:
 * the name goes through the rules when one exists, the parts are carried over translated. Undefined: not such a call.
 */
export function translateWindowedCall(c: Call, env: ExprEnv, out: ExprProblem[], sub: (e: Expr) => Expr): Expr | undefined {
  if (c.name.length !== 1) return undefined;
  const name = c.name[0]!.toLowerCase();
  const hasParts = !!(c.window || c.over || c.orderBy?.length || c.filter || c.distinct || c.star);
  const rule = env.ctx.functionRules.get(name.toUpperCase());
  const special = name === 'group_concat' || name === 'string_agg';
  if (!hasParts && (rule || (!SAME_AGGREGATES.has(name) && !RENAMED[name] && !special))) return undefined;
  const args = c.args.map(sub);
  const parts: Partial<Call> = {
    ...(c.distinct ? { distinct: true } : {}),
    ...(c.star ? { star: true } : {}),
    ...(c.window ? { window: translateWindow(c.window, sub) } : {}),
    ...(!c.window && c.over ? { over: c.over } : {}),
    ...(c.orderBy?.length ? { orderBy: orderItems(c.orderBy, sub) } : {}),
    ...(c.filter ? { filter: sub(c.filter) } : {}),
  };
  if (!c.window && c.over) out.push({ code: 'PGS3003', message: `window clause of ${c.name[0]}() kept as written: ${c.over}` });
  if (ORDERED_SET.has(name) && (c.window || c.over)) {
    out.push({ code: 'PGS3001', message: `${c.name[0]}() WITHIN GROUP ... OVER (...): PostgreSQL has no ordered-set aggregate as a window function (compute it per group in a subquery and join it)` });
  }
  if (!rule && special) return distinctOrder({ kind: 'call', name: ['string_agg'], args: stringAggArgs(name, args), ...parts, span: c.span }, out);
  if (!rule) return distinctOrder({ kind: 'call', name: [RENAMED[name] ?? name], args, ...parts, span: c.span }, out);
  const translated = translateCall({ ...c, window: undefined, over: undefined, orderBy: undefined, filter: undefined }, args, env, out);
  if (translated.kind !== 'call') return translated;
  const withinGroup = ORDERED_SET.has(translated.name.join('.').toLowerCase()) && !!parts.orderBy;
  return distinctOrder({ ...translated, ...parts, ...(withinGroup ? { withinGroup } : {}) }, out);
}

/** PostgreSQL: with DISTINCT, an aggregate's ORDER BY may only name the aggregated value; order by that value instead. */
function distinctOrder(call: Call, out: ExprProblem[]): Call {
  const value = call.args[0];
  if (!call.distinct || !call.orderBy?.length || !value || call.orderBy.every((o) => sameExpr(o.expr, value))) return call;
  const first = call.orderBy[0]!;
  out.push({ code: 'PGS3003', message: `${call.name.join('.')}(DISTINCT ... ORDER BY ...) orders by the aggregated value (PostgreSQL allows no other order with DISTINCT)` });
  return { ...call, orderBy: [{ expr: value, ...(first.desc ? { desc: true } : {}), ...(first.nulls ? { nulls: first.nulls } : {}) }] };
}

const TEXT = dataType('text');

const sameExpr = (a: Expr, b: Expr): boolean => JSON.stringify(a, noSpan) === JSON.stringify(b, noSpan);
const noSpan = (k: string, v: unknown): unknown => (k === 'span' ? undefined : v);

/** GROUP_CONCAT(a, b, sep) (the parser puts the separator last) concatenates its values; STRING_AGG(x, sep) needs text. */
function stringAggArgs(name: string, args: Expr[]): Expr[] {
  const text = (e: Expr): Expr => (e.kind === 'string' ? e : { kind: 'cast', expr: e, type: TEXT, form: 'cast', span: e.span });
  if (name === 'string_agg' || args.length < 2) return [text(args[0]!), ...args.slice(1)];
  const value = args.slice(0, -1).map(text).reduce((l, r) => ({ kind: 'binary', op: '||', left: l, right: r }));
  return [value, args[args.length - 1]!];
}
