import { asText, type Handler } from './functions-ast.js';

/**
 * String aggregation. DISTINCT, ORDER BY and OVER are carried by the caller (aggregates.ts) onto the call returned here.
 * GROUP_CONCAT(a, b [SEPARATOR s]) arrives as args [a, b, s] (parser shape: the separator is always last).
 */
const groupConcat: Handler = (args, env) => {
  if (args.length < 2) return undefined;
  const sep = args[args.length - 1]!;
  const values = args.slice(0, -1).map((a) => asText(a, env));
  // a row where any value is NULL is skipped by GROUP_CONCAT; || is NULL then, which string_agg skips too
  const value = values.reduce((l, r) => ({ kind: 'binary', op: '||', left: l, right: r }));
  return { kind: 'call', name: ['string_agg'], args: [value, sep.kind === 'string' ? sep : asText(sep, env)] };
};

/** STRING_AGG(x, sep) [WITHIN GROUP (ORDER BY ...)]: string_agg needs text arguments. */
const stringAgg: Handler = ([x, sep], env) => (x && sep ? { kind: 'call', name: ['string_agg'], args: [asText(x, env), sep.kind === 'string' ? sep : asText(sep, env)] } : undefined);

/** APPROX_COUNT_DISTINCT: exact count(DISTINCT) gives the same answer, slower. */
const approxCountDistinct: Handler = ([x]) => (x ? { kind: 'call', name: ['count'], args: [x], distinct: true } : undefined);

export const AGGREGATE_HANDLERS: Record<string, Handler> = {
  group_concat: groupConcat, string_agg: stringAgg, approx_count_distinct: approxCountDistinct,
};

