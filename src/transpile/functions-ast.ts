import type { Call, Expr } from '../model/expr.js';
import { dataType, type DataType } from '../model/types.js';
import { pgTypeOf, type ExprEnv, type ExprProblem } from './expr.js';

/**
 * What every function handler shares: small AST builders, the argument-type seam and the problem helpers.
 * A handler gets translated arguments and returns a PostgreSQL tree, or undefined when this form has no translation.
 */
export type Handler = (args: Expr[], env: ExprEnv, out: ExprProblem[], call: Call) => Expr | undefined;

export const num = (v: number | string): Expr => ({ kind: 'number', value: String(v) });
export const str = (v: string): Expr => ({ kind: 'string', value: v });
export const nul: Expr = { kind: 'null' };
export const fn = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name: [name], args });
/** CAST(e AS t); a value already cast to exactly t is left as it is. */
export function cast(e: Expr, t: DataType | string): Expr {
  const type = typeof t === 'string' ? dataType(t) : t;
  if (e.kind === 'cast' && e.type.name === type.name && !type.args.length && !e.type.args.length && !e.type.array && !type.array) return e;
  return { kind: 'cast', expr: e, type, form: 'cast' };
}
export const bin = (op: string, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
export const paren = (e: Expr): Expr => (e.kind === 'paren' || e.kind === 'call' || e.kind === 'column' || e.kind === 'number' || e.kind === 'string' ? e : { kind: 'paren', expr: e });
export const interval = (value: Expr, unit: string): Expr => ({ kind: 'interval', value, unit });
export const isNull = (e: Expr): Expr => ({ kind: 'isnull', expr: e });
export const caseWhen = (whens: [Expr, Expr][], otherwise?: Expr, operand?: Expr): Expr => ({
  kind: 'case', ...(operand ? { operand } : {}), whens: whens.map(([when, then]) => ({ when, then })), ...(otherwise ? { else: otherwise } : {}),
});
export const concat = (...parts: Expr[]): Expr => parts.reduce((l, r) => bin('||', l, r));
export const int = (e: Expr): Expr => cast(e, 'integer');
export const bigint = (e: Expr): Expr => cast(e, 'bigint');

/** Value of a literal integer argument (also a negated one), else undefined. */
export function literalInt(e: Expr | undefined): number | undefined {
  if (!e) return undefined;
  if (e.kind === 'number' && /^[-+]?\d+$/.test(e.value)) return Number(e.value);
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number' && /^\d+$/.test(e.operand.value)) return -Number(e.operand.value);
  if (e.kind === 'paren') return literalInt(e.expr);
  return undefined;
}

export const literalString = (e: Expr | undefined): string | undefined => (e?.kind === 'string' ? e.value : undefined);

/** A T-SQL datepart / MySQL unit written as a bare word (parsed as a column) or a string. */
export function wordArg(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'column' && e.parts.length === 1) return e.parts[0]!.toLowerCase();
  if (e.kind === 'string') return e.value.toLowerCase();
  return undefined;
}

export type ArgClass = 'string' | 'integer' | 'exact' | 'float' | 'boolean' | 'datetime' | 'date' | 'time' | 'json' | 'other';

const CLASSES: Record<string, ArgClass> = {
  text: 'string', varchar: 'string', 'character varying': 'string', char: 'string', character: 'string', bpchar: 'string', citext: 'string', name: 'string',
  smallint: 'integer', integer: 'integer', bigint: 'integer', int: 'integer', int2: 'integer', int4: 'integer', int8: 'integer',
  numeric: 'exact', decimal: 'exact', money: 'exact', real: 'float', 'double precision': 'float', float4: 'float', float8: 'float',
  boolean: 'boolean', timestamp: 'datetime', timestamptz: 'datetime', 'timestamp with time zone': 'datetime', 'timestamp without time zone': 'datetime',
  date: 'date', time: 'time', timetz: 'time', jsonb: 'json', json: 'json',
};

/**
 * The one seam to type inference: the PostgreSQL type of a translated argument (pgTypeOf, which infer.ts fills in),
 * reduced to the class a handler decides on. Unknown stays undefined.
 */
export function argClass(e: Expr | undefined, env: ExprEnv): ArgClass | undefined {
  if (!e) return undefined;
  let t = pgTypeOf(e, env);
  if (!t) return undefined;
  while (t.base) t = t.base;
  if (t.array || t.schema) return t.values ? 'string' : 'other';
  return CLASSES[t.name] ?? 'other';
}

/** A MySQL SET value: the text[] its column became. As a string it is its members joined by commas, as in MySQL. */
export function isSetArray(e: Expr, env: ExprEnv): boolean {
  const t = pgTypeOf(e, env);
  return !!t?.array && (t.name === 'text' || t.name === 'citext');
}

export const setAsText = (e: Expr): Expr => fn('array_to_string', e, str(','));

/** A MySQL ENUM value: its column became an enum type, a string to MySQL but one no text parameter takes implicitly. */
export function isEnumValue(e: Expr, env: ExprEnv): boolean {
  let t = pgTypeOf(e, env);
  while (t?.base) t = t.base;
  return !!t?.schema && !!t.values && !t.array;
}

/** MySQL and T-SQL convert implicitly to strings: a non-string argument (or an enum value) is cast to text. */
export const asText = (e: Expr, env: ExprEnv): Expr => {
  if (isSetArray(e, env)) return setAsText(e);
  if (isEnumValue(e, env)) return cast(e, 'text');
  return argClass(e, env) === 'string' || e.kind === 'null' ? e : cast(e, 'text');
};

/**
 * An argument the source reads as a string: cast to text when its type is known and is not a string (a number, a
 * date, a uuid); binary values and values of unknown type are left as they are.
 */
export function asKnownText(e: Expr, env: ExprEnv): Expr {
  const k = argClass(e, env);
  if (isEnumValue(e, env)) return cast(e, 'text');
  if (k === undefined || k === 'string' || e.kind === 'null') return e;
  if (isSetArray(e, env)) return setAsText(e);
  return pgTypeOf(e, env)?.name === 'bytea' ? e : cast(e, 'text');
}

/** A date/time argument: a string literal gets the type its text says (both sources convert implicitly; PostgreSQL needs it typed). */
export function asDateTime(e: Expr, env: ExprEnv): Expr {
  if (env.ctx.dialect === 'tsql' && e.kind !== 'string') {
    const k = argClass(e, env);
    if (k === 'integer' || k === 'exact' || k === 'float') return tsqlDayNumber(e);
  }
  if (e.kind !== 'string') return argClass(e, env) === 'string' ? cast(e, 'timestamp') : e;
  const v = e.value.trim();
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(v) || /^\d{8}$/.test(v)) return cast(e, 'date');
  if (/^\d{1,3}:\d\d(:\d\d(\.\d+)?)?$/.test(v)) return cast(e, 'time');
  if (/[+-]\d\d:\d\d$/.test(v)) return cast(e, 'timestamptz');
  return cast(e, 'timestamp');
}

/**
 * T-SQL reads a number where a datetime is expected as days since 1900-01-01, a fraction as the time of day:
 * DATEADD(day, DATEDIFF(day, 0, GETDATE()), 0) is today at midnight. A whole literal is that date's literal.
 */
export function tsqlDayNumber(n: Expr): Expr {
  if (n.kind === 'number' && /^[-+]?\d+$/.test(n.value)) {
    const d = new Date(Date.UTC(1900, 0, 1) + Number(n.value) * 86400000).toISOString().slice(0, 10);
    return cast(str(`${d} 00:00:00`), 'timestamp');
  }
  return bin('+', cast(str('1900-01-01 00:00:00'), 'timestamp'), interval(n, 'day'));
}

/** T-SQL datetime as a number: days since 1900-01-01 with the time of day as the fraction (CAST(GETDATE() AS float)). */
export function tsqlDaysSince1900(d: Expr): Expr {
  const elapsed = bin('-', cast(d, 'timestamp'), cast(str('1900-01-01 00:00:00'), 'timestamp'));
  return bin('/', fn('date_part', str('epoch'), paren(elapsed)), num(86400));
}

/** As asDateTime, but a date-only literal becomes a timestamp (T-SQL gives datetime for string arguments). */
export function asTimestamp(e: Expr, env: ExprEnv): Expr {
  const d = asDateTime(e, env);
  return d.kind === 'cast' && d.expr === e && d.type.name === 'date' ? cast(e, 'timestamp') : d;
}

/** The class of a date/time argument after asDateTime. */
export function dateClass(e: Expr, env: ExprEnv): ArgClass | undefined {
  if (e.kind === 'cast') {
    const k = CLASSES[e.type.name];
    if (k) return k;
  }
  return argClass(e, env);
}

/** Report that a form has no PostgreSQL equivalent (PGS3001) and keep the call as written; `why` says why, `suggestion` what to do. */
export function noEquivalent(out: ExprProblem[], call: Call, args: Expr[], why: string, suggestion?: string): Expr {
  out.push({ code: 'PGS3001', message: `${call.name.join('.')}(): ${why}${suggestion ? `; suggestion: ${suggestion}` : ''}` });
  return { ...call, args };
}

/** A PGS3003 warning that names the difference in meaning. */
export function changed(out: ExprProblem[], call: Call, difference: string): void {
  out.push({ code: 'PGS3003', message: `${call.name.join('.')}(): ${difference}` });
}
