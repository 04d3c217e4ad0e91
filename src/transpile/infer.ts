import type { Expr } from '../model/expr.js';
import { dataType, type DataType } from '../model/types.js';
import type { QueryScope } from './query-scope.js';
import { resolveTarget } from './query-scope.js';
import { PG_STRING_TYPES } from './types.js';

/** What type inference reads: a table's column types (by target name) or a query scope. */
export interface TypeEnv {
  columnTypes?: Map<string, DataType>;
  scope?: QueryScope;
}

export type TypeClass = 'string' | 'integer' | 'exact' | 'float' | 'boolean' | 'datetime' | 'date' | 'time' | 'other';

const INTEGER = new Set(['smallint', 'integer', 'bigint', 'int', 'int2', 'int4', 'int8']);
const FLOAT = new Set(['real', 'double precision', 'float4', 'float8']);
const DATETIME = new Set(['timestamp', 'timestamptz', 'timestamp with time zone', 'timestamp without time zone']);

/** Coarse class of a PostgreSQL type, which is what operator translation needs. */
export function typeClass(t: DataType | undefined): TypeClass | undefined {
  if (!t) return undefined;
  if (t.array) return 'other';
  if (t.schema) return t.base ? typeClass(t.base) : t.values ? 'string' : 'other';
  if (PG_STRING_TYPES.has(t.name) || t.name === 'bpchar') return 'string';
  if (INTEGER.has(t.name)) return 'integer';
  if (t.name === 'numeric' || t.name === 'decimal' || t.name === 'money') return 'exact';
  if (FLOAT.has(t.name)) return 'float';
  if (t.name === 'boolean') return 'boolean';
  if (DATETIME.has(t.name)) return 'datetime';
  if (t.name === 'date') return 'date';
  if (t.name === 'time' || t.name === 'timetz') return 'time';
  return 'other';
}

export const isDateLike = (k: TypeClass | undefined): boolean => k === 'datetime' || k === 'date';

export const isNumericClass = (k: TypeClass | undefined): boolean => k === 'integer' || k === 'exact' || k === 'float';

const T = {
  text: dataType('text'), int: dataType('integer'), bigint: dataType('bigint'), numeric: dataType('numeric'),
  double: dataType('double precision'), bool: dataType('boolean'), ts: dataType('timestamp'), tstz: dataType('timestamptz'),
  date: dataType('date'), time: dataType('time'), interval: dataType('interval'), uuid: dataType('uuid'), bytea: dataType('bytea'),
  jsonb: dataType('jsonb'),
};

/** Return types of PostgreSQL functions the translations produce; 'arg' = the first argument's type, 'unify' = all arguments'. */
const RETURNS: Record<string, DataType | 'arg' | 'unify' | 'sum' | 'avg'> = {
  concat: T.text, concat_ws: T.text, upper: T.text, lower: T.text, ltrim: T.text, rtrim: T.text, btrim: T.text, trim: T.text,
  substring: T.text, substr: T.text, replace: T.text, left: T.text, right: T.text, reverse: T.text, repeat: T.text, lpad: T.text,
  rpad: T.text, chr: T.text, md5: T.text, to_char: T.text, string_agg: T.text, format: T.text, initcap: T.text, translate: T.text,
  split_part: T.text, quote_ident: T.text, quote_literal: T.text, encode: T.text, regexp_replace: T.text, current_user: T.text,
  session_user: T.text, user: T.text, current_database: T.text, current_schema: T.text, version: T.text, array_to_string: T.text,
  soundex: T.text, regexp_substr: T.text, regexp_instr: T.int, regexp_count: T.int, difference: T.int, levenshtein: T.int,
  regexp_like: T.bool,
  length: T.int, char_length: T.int, octet_length: T.int, bit_length: T.int, strpos: T.int, position: T.int, ascii: T.int,
  count: T.bigint, row_number: T.bigint, rank: T.bigint, dense_rank: T.bigint, ntile: T.int,
  percent_rank: T.double, cume_dist: T.double, date_part: T.double, random: T.double, extract: T.numeric,
  sum: 'sum', avg: 'avg', min: 'arg', max: 'arg', abs: 'arg', round: 'arg', trunc: 'arg', floor: 'arg', ceil: 'arg', ceiling: 'arg',
  sign: 'arg', lag: 'arg', lead: 'arg', first_value: 'arg', last_value: 'arg', nth_value: 'arg', any_value: 'arg', mod: 'arg',
  coalesce: 'unify', nullif: 'arg', greatest: 'unify', least: 'unify', power: T.double, sqrt: T.double, exp: T.double, ln: T.double,
  log: T.double, pi: T.double, div: T.numeric,
  now: T.tstz, current_timestamp: T.tstz, clock_timestamp: T.tstz, statement_timestamp: T.tstz, transaction_timestamp: T.tstz,
  localtimestamp: T.ts, current_date: T.date, current_time: dataType('timetz'), localtime: T.time, date_trunc: 'arg', timezone: T.ts,
  make_date: T.date, make_timestamp: T.ts, make_time: T.time, to_date: T.date, to_timestamp: T.tstz, age: T.interval, make_interval: T.interval,
  gen_random_uuid: T.uuid, decode: T.bytea, convert_to: T.bytea, convert_from: T.text, int2send: T.bytea, int4send: T.bytea,
  int8send: T.bytea, bool_and: T.bool, bool_or: T.bool, every: T.bool,
  jsonb_extract_path: T.jsonb, jsonb_extract_path_text: T.text, to_jsonb: T.jsonb, jsonb_set: T.jsonb, jsonb_build_object: T.jsonb,
  jsonb_build_array: T.jsonb, jsonb_strip_nulls: T.jsonb, jsonb_typeof: T.text,
};

/** The PostgreSQL type of a translated expression, or undefined when it is not cheap to know. */
export function inferType(e: Expr, env: TypeEnv): DataType | undefined {
  switch (e.kind) {
    case 'string': return T.text;
    case 'number': return /^[-+]?\d+$/.test(e.value) ? (e.value.replace(/^[-+]/, '').length > 9 ? T.bigint : T.int) : T.numeric;
    case 'bool': return T.bool;
    case 'bytes': return T.bytea;
    case 'null': case 'star': case 'opaque': case 'variable': case 'exists': return e.kind === 'exists' ? T.bool : undefined;
    case 'column': {
      const last = e.parts[e.parts.length - 1]!;
      return env.scope ? resolveTarget(env.scope, e.parts)?.type : env.columnTypes?.get(last);
    }
    case 'cast': return e.type;
    case 'paren': return inferType(e.expr, env);
    case 'unary': return e.op === 'not' || e.op === '!' ? T.bool : inferType(e.operand, env);
    case 'in': case 'between': case 'like': case 'isnull': return T.bool;
    case 'interval': return T.interval;
    case 'subquery': return undefined;
    case 'case': return unify([...e.whens.map((w) => w.then), ...(e.else ? [e.else] : [])].map((x) => inferType(x, env)));
    case 'binary': return binaryType(e.op, e.left, e.right, env);
    case 'call': return callType(e, env);
    default: {
      const never: never = e;
      return never;
    }
  }
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', 'and', 'or', 'is', 'is not', 'is distinct from', 'is not distinct from', '~', '!~', '~*', '!~*']);

function binaryType(op: string, l: Expr, r: Expr, env: TypeEnv): DataType | undefined {
  if (COMPARISONS.has(op)) return T.bool;
  const a = inferType(l, env), b = inferType(r, env);
  if (op === '||') return a?.name === 'bytea' && b?.name === 'bytea' ? T.bytea : T.text;
  const ka = typeClass(a), kb = typeClass(b);
  if (op === '+' || op === '-') {
    if (isDateLike(ka) && isDateLike(kb)) return ka === 'date' && kb === 'date' ? T.int : T.interval;
    // date + interval is a timestamp; timestamp ± anything stays a timestamp.
    if (isDateLike(ka)) return ka === 'date' && b?.name === 'interval' ? T.ts : a;
    if (isDateLike(kb)) return kb === 'date' && a?.name === 'interval' ? T.ts : b;
    // time ± interval wraps around midnight and stays a time
    if (ka === 'time' && b?.name === 'interval') return a;
    if (kb === 'time' && a?.name === 'interval' && op === '+') return b;
  }
  if (['+', '-', '*', '/', '%'].includes(op)) return widen(a, b);
  return undefined;
}

function callType(e: Extract<Expr, { kind: 'call' }>, env: TypeEnv): DataType | undefined {
  if (e.name.length > 1) return undefined;
  const r = RETURNS[e.name[0]!.toLowerCase()];
  if (!r) return undefined;
  const first = e.args[0] && inferType(e.args[0], env);
  // timezone(z, timestamp) is the instant (timestamptz); timezone(z, timestamptz) the local time there (timestamp)
  if (e.name[0]!.toLowerCase() === 'timezone' && e.args[1]) return inferType(e.args[1], env)?.name === 'timestamp' ? T.tstz : T.ts;
  // date_trunc(unit, x) has x's type (a date is read as timestamptz)
  if (e.name[0]!.toLowerCase() === 'date_trunc' && e.args[1]) {
    const t = inferType(e.args[1], env);
    return t?.name === 'date' ? T.tstz : t;
  }
  // substring of bytes is bytes
  if (r === T.text && first?.name === 'bytea' && /^substr(ing)?$/i.test(e.name[0]!)) return T.bytea;
  if (typeof r !== 'string') return r;
  switch (r) {
    case 'arg': return first;
    case 'unify': return unify(e.args.map((x) => inferType(x, env)));
    case 'sum': return typeClass(first) === 'integer' ? (first?.name === 'bigint' ? T.numeric : T.bigint) : typeClass(first) === 'float' ? T.double : first && T.numeric;
    case 'avg': return typeClass(first) === 'float' ? T.double : T.numeric;
    default: return undefined;
  }
}

const NUMERIC_RANK = ['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'];

/** Arithmetic result: the wider operand; two different numerics give unconstrained numeric. */
export function widen(a: DataType | undefined, b: DataType | undefined): DataType | undefined {
  if (!a || !b) return a ?? b;
  const ra = NUMERIC_RANK.indexOf(a.name), rb = NUMERIC_RANK.indexOf(b.name);
  if (ra < 0 || rb < 0) return ra < 0 ? b : a;
  const wide = ra >= rb ? a : b;
  return wide.name === 'numeric' && (a.name !== b.name || a.raw !== b.raw) ? T.numeric : wide;
}

/** CASE / COALESCE result: strings unify to text when they differ, numbers widen, otherwise the first known type. */
export function unify(types: (DataType | undefined)[]): DataType | undefined {
  const known = types.filter((t): t is DataType => !!t);
  if (!known.length) return undefined;
  if (known.every((t) => typeClass(t) === 'string')) return known.every((t) => t.raw === known[0]!.raw) ? known[0] : T.text;
  if (known.every((t) => isNumericClass(typeClass(t)))) return known.reduce<DataType | undefined>((x, y) => widen(x, y), undefined);
  return known[0];
}
