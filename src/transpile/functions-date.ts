import type { Expr } from '../model/expr.js';
import {
  asDateTime, asTimestamp, bigint, bin, caseWhen, cast, changed, dateClass, fn, int, interval, literalInt, literalString, noEquivalent,
  nul, num, paren, str, wordArg, type Handler,
} from './functions-ast.js';
import { asDatetimeoffset, type ExprEnv } from './expr.js';

/** T-SQL datepart names and abbreviations → one canonical name. */
export const TSQL_PARTS: Record<string, string> = {
  year: 'year', yy: 'year', yyyy: 'year', quarter: 'quarter', qq: 'quarter', q: 'quarter', month: 'month', mm: 'month', m: 'month',
  dayofyear: 'dayofyear', dy: 'dayofyear', y: 'dayofyear', day: 'day', dd: 'day', d: 'day', week: 'week', wk: 'week', ww: 'week',
  weekday: 'weekday', dw: 'weekday', w: 'weekday', hour: 'hour', hh: 'hour', minute: 'minute', mi: 'minute', n: 'minute',
  second: 'second', ss: 'second', s: 'second', millisecond: 'millisecond', ms: 'millisecond', microsecond: 'microsecond', mcs: 'microsecond',
  nanosecond: 'nanosecond', ns: 'nanosecond', iso_week: 'iso_week', isowk: 'iso_week', isoww: 'iso_week', tzoffset: 'tzoffset', tz: 'tzoffset',
};

const part = (e: Expr | undefined): string | undefined => TSQL_PARTS[wordArg(e) ?? ''];
const dp = (field: string, x: Expr): Expr => fn('date_part', str(field), x);
const ip = (field: string, x: Expr): Expr => int(dp(field, x));
/** Units that keep a date a date when added (T-SQL DATEADD on date, MySQL DATE_ADD on DATE). */
const DATE_UNITS = new Set(['year', 'quarter', 'month', 'week', 'day', 'year_month']);

/** n units as an interval; quarters are three months, nanoseconds are rounded to microseconds. */
function unitInterval(n: Expr, unit: string): Expr {
  if (unit === 'quarter') return interval(literalInt(n) !== undefined ? num(literalInt(n)! * 3) : bin('*', n, num(3)), 'month');
  if (unit === 'nanosecond') return interval(bin('/', n, num('1000.0')), 'microsecond');
  return interval(n, unit);
}

/** d + interval, typed back to date where the source keeps a date. */
function addTo(d: Expr, iv: Expr, unit: string, env: ExprEnv, op: '+' | '-' = '+'): Expr {
  const sum = bin(op, d, iv);
  return dateClass(d, env) === 'date' && DATE_UNITS.has(unit) ? cast(paren(sum), 'date') : sum;
}

/** DATEADD(part, n, d): interval arithmetic, which clamps to the month end as SQL Server does (Jan 31 + 1 month = Feb 29). */
const dateadd: Handler = ([p, n, d], env) => {
  const u = part(p);
  if (!u || !n || !d || u === 'iso_week' || u === 'tzoffset') return undefined;
  const unit = u === 'dayofyear' || u === 'weekday' ? 'day' : u;
  const base = d.kind === 'string' ? asTimestamp(d, env) : asDateTime(d, env);
  return addTo(base, unitInterval(n, unit), unit, env);
};

/** Whole seconds between the truncated values, so a difference counts boundaries crossed. */
const epochDiff = (field: string, a: Expr, b: Expr): Expr => {
  const e = (x: Expr): Expr => dp('epoch', fn('date_trunc', str(field), x));
  return paren(bin('-', e(b), e(a)));
};

/** Days since the Sunday that starts x's week (SQL Server's DATEDIFF weeks always start on Sunday). */
const sundayOf = (x: Expr): Expr => paren(bin('-', cast(x, 'date'), ip('dow', x)));

/** DATEDIFF(part, a, b): the number of part boundaries crossed from a to b, not the elapsed time (unlike age()). */
function datediffOf(u: string, a: Expr, b: Expr, wrap: (e: Expr) => Expr): Expr | undefined {
  const y = (x: Expr): Expr => ip('year', x);
  switch (u) {
    case 'year': return paren(bin('-', y(b), y(a)));
    case 'quarter': return paren(bin('-', bin('+', bin('*', y(b), num(4)), ip('quarter', b)), bin('+', bin('*', y(a), num(4)), ip('quarter', a))));
    case 'month': return paren(bin('-', bin('+', bin('*', y(b), num(12)), ip('month', b)), bin('+', bin('*', y(a), num(12)), ip('month', a))));
    case 'week': return paren(bin('/', paren(bin('-', sundayOf(b), sundayOf(a))), num(7)));
    case 'day': case 'dayofyear': case 'weekday': return paren(bin('-', cast(b, 'date'), cast(a, 'date')));
    case 'hour': return wrap(bin('/', epochDiff('hour', a, b), num(3600)));
    case 'minute': return wrap(bin('/', epochDiff('minute', a, b), num(60)));
    case 'second': return wrap(epochDiff('second', a, b));
    case 'millisecond': return wrap(bin('*', epochDiff('milliseconds', a, b), num(1000)));
    case 'microsecond': return wrap(bin('*', epochDiff('microseconds', a, b), num(1000000)));
    case 'nanosecond': return wrap(bin('*', epochDiff('microseconds', a, b), num(1000000000)));
    default: return undefined;
  }
}

const datediff = (big: boolean): Handler => ([p, a, b], env) => {
  const u = part(p);
  if (!u || !a || !b) return undefined;
  // Whole days and longer compare dates; shorter units need timestamps (T-SQL reads string arguments as datetime).
  const coarse = ['year', 'quarter', 'month', 'week', 'day', 'dayofyear', 'weekday'].includes(u);
  const to = (x: Expr): Expr => (coarse ? asDateTime(x, env) : asTimestamp(x, env));
  return datediffOf(u, to(a), to(b), big ? bigint : int);
};

/** T-SQL week number with DATEFIRST 7: week 1 holds January 1st, weeks start on Sunday. */
/** date_trunc of a date as a timestamp: PostgreSQL would read the date as timestamptz, whose date_trunc is only stable. */
const truncDate = (unit: string, x: Expr, env: ExprEnv): Expr => fn('date_trunc', str(unit), dateClass(x, env) === 'date' ? cast(x, 'timestamp') : x);
const tsqlWeek = (x: Expr, env: ExprEnv): Expr => paren(bin('/', bin('+', bin('+', ip('doy', x), ip('dow', truncDate('year', x, env))), num(6)), num(7)));

function datepartOf(u: string, x: Expr, env: ExprEnv): Expr | undefined {
  switch (u) {
    case 'year': case 'quarter': case 'month': case 'day': case 'hour': case 'minute': return ip(u, x);
    case 'dayofyear': return ip('doy', x);
    case 'weekday': return paren(bin('+', ip('dow', x), num(1)));
    case 'week': return tsqlWeek(x, env);
    case 'iso_week': return ip('week', x);
    case 'second': return int(fn('floor', dp('second', x)));
    case 'millisecond': return bin('%', int(fn('floor', dp('milliseconds', x))), num(1000));
    case 'microsecond': return bin('%', int(dp('microseconds', x)), num(1000000));
    case 'nanosecond': return bin('*', paren(bin('%', int(dp('microseconds', x)), num(1000000))), num(1000));
    case 'tzoffset': return int(bin('/', dp('timezone', x), num(60)));
    default: return undefined;
  }
}

const datepart: Handler = ([p, x], env, out, call) => {
  const u = part(p);
  if (!u || !x) return undefined;
  if (u === 'weekday' || u === 'week') out.push({ code: 'PGS3003', severity: 'info', message: `${call.name[0]}(${wordArg(p)}, ...) is translated for SET DATEFIRST 7 (the us_english default)` });
  // timestamptz keeps the instant only: its 'timezone' field is the session's offset, not the one the value was written with
  if (u === 'tzoffset') out.push({ code: 'PGS3003', message: `${call.name[0]}(${wordArg(p)}, ...) gives the session time zone's offset; a datetimeoffset's own offset is not stored in timestamptz` });
  return datepartOf(u, asDateTime(x, env), env);
};

/** DATENAME: month and weekday names in English; every other part is DATEPART as text. */
const datename: Handler = ([p, x], env) => {
  const u = part(p);
  if (!u || !x) return undefined;
  const d = asDateTime(x, env);
  if (u === 'month') return fn('to_char', d, str('FMMonth'));
  if (u === 'weekday') return fn('to_char', d, str('FMDay'));
  const v = datepartOf(u, d, env);
  return v && cast(v, 'text');
};

const field = (name: string): Handler => ([x], env) => (x ? ip(name, asDateTime(x, env)) : undefined);

const second: Handler = ([x], env) => (x ? int(fn('floor', dp('second', asDateTime(x, env)))) : undefined);

/** EOMONTH(d [, months]): last day of the month, as a date. */
const eomonth: Handler = ([d, n], env) => {
  if (!d) return undefined;
  const base = n ? bin('+', asDateTime(d, env), interval(n, 'month')) : asDateTime(d, env);
  return lastDayOf(base, env);
};
const lastDayOf = (x: Expr, env: ExprEnv): Expr => cast(paren(bin('-', bin('+', truncDate('month', x, env), interval(num(1), 'month')), interval(num(1), 'day'))), 'date');

/** Seconds plus a fraction with `precision` digits: the seconds argument of make_time/make_timestamp. */
const secondsWith = (s: Expr, frac: Expr, precision: Expr): Expr => {
  const p = literalInt(precision);
  return bin('+', s, bin('/', frac, p !== undefined ? num(`1${'0'.repeat(p)}.0`) : fn('power', num(10), precision)));
};

const datetimeFromParts: Handler = ([y, m, d, h, mi, s, ms]) => (y && m && d && h && mi && s && ms
  ? fn('make_timestamp', y, m, d, h, mi, bin('+', s, bin('/', ms, num('1000.0')))) : undefined);
const datetime2FromParts: Handler = ([y, m, d, h, mi, s, f, p]) => (y && m && d && h && mi && s && f && p
  ? fn('make_timestamp', y, m, d, h, mi, secondsWith(s, f, p)) : undefined);
const timeFromParts: Handler = ([h, mi, s, f, p]) => (h && mi && s && f && p ? fn('make_time', h, mi, secondsWith(s, f, p)) : undefined);

/** An offset string '+05:30' as an interval: PostgreSQL reads a numeric zone name the POSIX way (sign inverted). */
function zoneArg(z: Expr, env: ExprEnv): Expr {
  const v = literalString(z);
  if (v !== undefined && /^[+-]\d{1,2}:\d\d$/.test(v.trim())) return cast(z, 'interval');
  if (v !== undefined) return z;
  return dateClass(z, env) === 'integer' ? interval(z, 'minute') : z;
}

const datetimeoffsetFromParts: Handler = ([y, m, d, h, mi, s, f, oh, om, p], env) => {
  if (!y || !m || !d || !h || !mi || !s || !f || !oh || !om || !p) return undefined;
  const offset = bin('+', interval(oh, 'hour'), interval(om, 'minute'));
  return fn('timezone', zoneArg(offset, env), fn('make_timestamp', y, m, d, h, mi, secondsWith(s, f, p)));
};

/** TODATETIMEOFFSET(dt, '+05:00'): dt read as local time at that offset. */
const todatetimeoffset: Handler = ([d, z], env) => (d && z ? fn('timezone', zoneArg(z, env), asTimestamp(d, env)) : undefined);

/**
 * SWITCHOFFSET: the same instant; a timestamptz keeps no offset to switch, so only the display offset is lost. A datetime2
 * argument is converted to datetimeoffset first (as UTC).
 */
const switchoffset: Handler = ([d, z], env, out, call) => {
  if (!d || !z) return undefined;
  changed(out, call, 'timestamptz stores the instant only; the result shows the session time zone, not the given offset');
  return asDatetimeoffset(asDateTime(d, env), env);
};

/** DATETRUNC(part, d): weeks start on Sunday in SQL Server (DATEFIRST 7), on Monday in date_trunc. */
const datetrunc: Handler = ([p, d], env) => {
  const u = part(p);
  if (!u || !d) return undefined;
  const x = asDateTime(d, env);
  if (u === 'week') return sundayOf(x);
  const unit = u === 'dayofyear' ? 'day' : u === 'millisecond' ? 'milliseconds' : u === 'microsecond' ? 'microseconds' : u;
  if (!['year', 'quarter', 'month', 'day', 'hour', 'minute', 'second', 'milliseconds', 'microseconds'].includes(unit)) return undefined;
  return dateClass(x, env) === 'date' ? cast(truncDate(unit, x, env), 'date') : fn('date_trunc', str(unit), x);
};

/** DATE_BUCKET(part, n, d [, origin]) → date_bin (fixed-width units only; origin defaults to 1900-01-01 as in SQL Server). */
const dateBucket: Handler = ([p, n, d, origin], env, out, call) => {
  const u = part(p);
  if (!u || !n || !d) return undefined;
  const unit = u === 'dayofyear' || u === 'weekday' ? 'day' : u;
  if (['year', 'quarter', 'month'].includes(unit)) return noEquivalent(out, call, [p!, n, d], 'date_bin() takes fixed-width intervals, not months or years', "date_trunc('month', d) for 1-month buckets");
  const o = origin ? asTimestamp(origin, env) : cast(str('1900-01-01'), 'timestamp');
  const r = fn('date_bin', unitInterval(n, unit), asTimestamp(d, env), o);
  return dateClass(asDateTime(d, env), env) === 'date' ? cast(r, 'date') : r;
};

// ---- MySQL ------------------------------------------------------------------------------------

/** MySQL compound interval units: PostgreSQL's qualifier, and how many numbers the value has. */
const COMPOUND: Record<string, { pg: string; parts: number; join: (p: string[]) => string }> = {
  year_month: { pg: 'year_month', parts: 2, join: ([y, m]) => `${y}-${m}` },
  day_hour: { pg: 'day_hour', parts: 2, join: ([d, h]) => `${d} ${h}` },
  day_minute: { pg: 'day_minute', parts: 3, join: ([d, h, m]) => `${d} ${h}:${m}` },
  day_second: { pg: 'day_second', parts: 4, join: ([d, h, m, s]) => `${d} ${h}:${m}:${s}` },
  day_microsecond: { pg: 'day_second', parts: 5, join: ([d, h, m, s, f]) => `${d} ${h}:${m}:${s}.${f}` },
  hour_minute: { pg: 'hour_minute', parts: 2, join: ([h, m]) => `${h}:${m}` },
  hour_second: { pg: 'hour_second', parts: 3, join: ([h, m, s]) => `${h}:${m}:${s}` },
  hour_microsecond: { pg: 'hour_second', parts: 4, join: ([h, m, s, f]) => `${h}:${m}:${s}.${f}` },
  minute_second: { pg: 'minute_second', parts: 2, join: ([m, s]) => `${m}:${s}` },
  minute_microsecond: { pg: 'minute_second', parts: 3, join: ([m, s, f]) => `${m}:${s}.${f}` },
  second_microsecond: { pg: 'second', parts: 2, join: ([s, f]) => `${s}.${f}` },
};

/** A MySQL INTERVAL value/unit as a PostgreSQL interval; undefined when a compound value is not a literal. */
export function mysqlInterval(value: Expr, unitRaw: string): Expr | undefined {
  const unit = unitRaw.toLowerCase().replace(/^sql_tsi_/, '');
  const c = COMPOUND[unit];
  if (!c) return unitInterval(value, unit);
  const lit = value.kind === 'string' ? value.value : value.kind === 'number' ? value.value : undefined;
  if (lit === undefined) return undefined;
  const negative = lit.trim().startsWith('-');
  // MySQL reads the numbers right-aligned: '1:30' DAY_SECOND is 1 minute 30 seconds; any punctuation separates them.
  const nums = lit.match(/\d+/g) ?? [];
  const parts = [...Array<string>(Math.max(0, c.parts - nums.length)).fill('0'), ...nums.slice(-c.parts)];
  if (unit.endsWith('microsecond')) parts[parts.length - 1] = parts[parts.length - 1]!.padStart(6, '0');
  const iv = interval(str(c.join(parts)), c.pg);
  return negative ? { kind: 'unary', op: '-', operand: iv } : iv;
}

/** DATE_ADD(d, INTERVAL n unit) / ADDDATE(d, n days); a DATE stays a DATE for day-or-longer units. */
const dateAdd = (op: '+' | '-'): Handler => ([d, i], env, out, call) => {
  if (!d || !i) return undefined;
  const base = asDateTime(d, env);
  const [value, unit] = i.kind === 'interval' ? [i.value, i.unit.toLowerCase().replace(/^sql_tsi_/, '')] : [i, 'day'];
  const iv = mysqlInterval(value, unit);
  if (!iv) return noEquivalent(out, call, [d, i], `an INTERVAL ... ${unit.toUpperCase()} value that is not a literal has no PostgreSQL form`, 'build it with make_interval()');
  return addTo(base, iv, unit, env, op);
};

const timestampAdd: Handler = ([u, n, d], env, out, call) => {
  const unit = wordArg(u);
  if (!unit || !n || !d) return undefined;
  return dateAdd('+')([d, interval(n, unit)], env, out, call);
};

const epoch = (x: Expr): Expr => dp('epoch', x);

/** TIMESTAMPDIFF(unit, a, b): whole units only, truncated toward zero; months count complete months like MySQL (age()). */
const timestampDiff: Handler = ([u, a0, b0], env) => {
  const unit = wordArg(u)?.replace(/^sql_tsi_/, '');
  if (!unit || !a0 || !b0) return undefined;
  const ts = (x: Expr): Expr => {
    const d = asDateTime(x, env);
    return dateClass(d, env) === 'date' ? cast(d, 'timestamp') : d;
  };
  const a = ts(a0), b = ts(b0);
  const secs = (per: number): Expr => bigint(fn('trunc', bin('/', paren(bin('-', epoch(b), epoch(a))), num(per))));
  const age = fn('age', b, a);
  const months = paren(bin('+', bin('*', ip('year', age), num(12)), ip('month', age)));
  switch (unit) {
    case 'microsecond': return bigint(fn('trunc', bin('*', paren(bin('-', epoch(b), epoch(a))), num(1000000))));
    case 'second': return secs(1);
    case 'minute': return secs(60);
    case 'hour': return secs(3600);
    case 'day': return secs(86400);
    case 'week': return secs(604800);
    case 'month': return months;
    case 'quarter': return paren(bin('/', months, num(3)));
    case 'year': return ip('year', age);
    default: return undefined;
  }
};

/** DATEDIFF(a, b): days between the date parts. */
const mysqlDatediff: Handler = ([a, b], env) => (a && b ? paren(bin('-', cast(asDateTime(a, env), 'date'), cast(asDateTime(b, env), 'date'))) : undefined);

/** WEEK(d, mode) for the modes with a closed form: 0 and 2 (Sunday first), 1 (Monday first, 4-day rule, 0-53), 3 (ISO). */
function weekOf(d: Expr, mode: number): Expr | undefined {
  switch (mode) {
    case 0: return paren(bin('/', bin('+', bin('-', ip('doy', d), ip('dow', d)), num(6)), num(7)));
    case 1: return paren(bin('/', bin('+', bin('-', ip('doy', d), ip('isodow', d)), num(10)), num(7)));
    case 2: { const sun = sundayOf(d); return paren(bin('/', bin('+', ip('doy', sun), num(6)), num(7))); }
    case 3: return ip('week', d);
    default: return undefined;
  }
}

const week: Handler = ([d, m], env, out, call) => {
  if (!d) return undefined;
  const mode = m ? literalInt(m) : 0;
  const w = mode === undefined ? undefined : weekOf(asDateTime(d, env), mode);
  return w ?? noEquivalent(out, call, [d, ...(m ? [m] : [])], 'only literal week modes 0-3 are translated', "date_part('week', d) for ISO weeks");
};

/** YEARWEEK(d [, mode]): year and week of the week's first day (mode 0/2: Sunday) or ISO (1/3). */
const yearweek: Handler = ([d, m], env, out, call) => {
  if (!d) return undefined;
  const mode = m ? literalInt(m) : 0;
  const x = asDateTime(d, env);
  if (mode === 0 || mode === 2) {
    const sun = sundayOf(x);
    return bin('+', bin('*', ip('year', sun), num(100)), paren(bin('/', bin('+', ip('doy', sun), num(6)), num(7))));
  }
  if (mode === 1 || mode === 3) return bin('+', bin('*', ip('isoyear', x), num(100)), ip('week', x));
  return noEquivalent(out, call, [d, ...(m ? [m] : [])], 'only literal week modes 0-3 are translated');
};

/** EXTRACT('unit', x) (parser shape): single fields as integers, compound units as MySQL's packed numbers. */
const extract: Handler = ([u, x], env, out, call) => {
  const unit = literalString(u);
  if (!unit || !x) return undefined;
  const d = asDateTime(x, env);
  const one: Record<string, () => Expr> = {
    year: () => ip('year', d), quarter: () => ip('quarter', d), month: () => ip('month', d), day: () => ip('day', d),
    hour: () => ip('hour', d), minute: () => ip('minute', d), second: () => int(fn('floor', dp('second', d))),
    microsecond: () => bin('%', int(dp('microseconds', d)), num(1000000)), week: () => weekOf(d, 0)!,
  };
  if (one[unit]) return one[unit]!();
  const pieces = unit.split('_');
  if (pieces.length === 2 && one[pieces[0]!] && COMPOUND[unit]) {
    const order = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'];
    const fields = order.slice(order.indexOf(pieces[0]!), order.indexOf(pieces[1]!) + 1);
    return paren(fields.map((f) => one[f]!()).reduce((acc, v, i) => (i === 0 ? v : bin('+', bin('*', acc, num(f100(fields[i]!))), v))));
  }
  return noEquivalent(out, call, [u!, x], `unit ${unit} is not translated`);
};
const f100 = (f: string): number => (f === 'microsecond' ? 1000000 : 100);

/** MAKEDATE(year, dayofyear): NULL for a day of year below 1, as MySQL. */
const makedate: Handler = ([y, n]) => (y && n ? caseWhen([[bin('<', n, num(1)), nul]], bin('+', fn('make_date', y, num(1), num(1)), paren(bin('-', n, num(1))))) : undefined);

const lastDay: Handler = ([d], env) => (d ? lastDayOf(asDateTime(d, env), env) : undefined);

/** UNIX_TIMESTAMP([d]): seconds since the epoch; a datetime is read in the session time zone as MySQL does. */
const unixTimestamp: Handler = ([d], env) => {
  if (!d) return bigint(fn('trunc', epoch({ kind: 'call', name: ['current_timestamp'], args: [], niladic: true })));
  return bigint(fn('trunc', epoch(cast(asDateTime(d, env), 'timestamptz'))));
};

/** CONVERT_TZ(dt, from, to): read dt in `from`, show it in `to`. */
const convertTz: Handler = ([d, from, to], env) => (d && from && to
  ? fn('timezone', zoneArg(to, env), fn('timezone', zoneArg(from, env), cast(asDateTime(d, env), 'timestamp'))) : undefined);

/** TIMEDIFF(a, b): an interval (MySQL TIME) between two times or two datetimes. */
const timediff: Handler = ([a, b], env) => (a && b ? paren(bin('-', asDateTime(a, env), asDateTime(b, env))) : undefined);

/** TIME_TO_SEC(t): seconds of a time (or interval-like literal '838:59:59'), the time part of a datetime. */
const timeToSec: Handler = ([t], env) => {
  if (!t) return undefined;
  const x = t.kind === 'string' && /^-?\d+:\d\d(:\d\d(\.\d+)?)?$/.test(t.value.trim()) ? cast(t, 'interval') : asDateTime(t, env);
  const k = dateClass(x, env);
  return bigint(fn('trunc', epoch(k === 'datetime' || k === 'date' ? cast(x, 'time') : x)));
};

const secToTime: Handler = ([n]) => (n ? interval(n, 'second') : undefined);

/** TO_DAYS(d): days since year 0 (proleptic Gregorian, 0000-01-01 is day 1). */
const toDays: Handler = ([d], env) => (d ? bin('+', paren(bin('-', cast(asDateTime(d, env), 'date'), cast(str('0001-01-01'), 'date'))), num(366)) : undefined);
const fromDays: Handler = ([n]) => (n ? bin('+', cast(str('0001-01-01'), 'date'), paren(bin('-', n, num(366)))) : undefined);

/** TO_SECONDS(d): seconds since year 0, TO_DAYS * 86400 plus the time of day. */
const toSeconds: Handler = (args, env, out, call) => {
  const [d] = args;
  const days = toDays(args, env, out, call);
  if (!d || !days) return undefined;
  return bin('+', bin('*', bigint(days), num(86400)), bigint(fn('trunc', epoch(cast(asDateTime(d, env), 'time')))));
};

const mysqlTimestamp: Handler = ([d, t], env) => {
  if (!d) return undefined;
  const ts = cast(asDateTime(d, env), 'timestamp');
  return t ? bin('+', ts, cast(t, 'interval')) : ts;
};

const toDate: Handler = ([d], env) => (d ? cast(asDateTime(d, env), 'date') : undefined);
const toTime: Handler = ([d], env) => (d ? cast(asDateTime(d, env), 'time') : undefined);
const dayname: Handler = ([d], env) => (d ? fn('to_char', asDateTime(d, env), str('FMDay')) : undefined);
const monthname: Handler = ([d], env) => (d ? fn('to_char', asDateTime(d, env), str('FMMonth')) : undefined);
const dayofweek: Handler = ([d], env) => (d ? paren(bin('+', ip('dow', asDateTime(d, env)), num(1))) : undefined);
const weekdayMon0: Handler = ([d], env) => (d ? paren(bin('-', ip('isodow', asDateTime(d, env)), num(1))) : undefined);
const microsecond: Handler = ([d], env) => (d ? bin('%', int(dp('microseconds', asDateTime(d, env))), num(1000000)) : undefined);

export const DATE_HANDLERS: Record<string, Handler> = {
  dateadd, datediff: datediff(false), datediff_big: datediff(true), datepart, datename, eomonth,
  year: field('year'), month: field('month'), day: field('day'), hour: field('hour'), minute: field('minute'), second,
  quarter: field('quarter'), dayofyear: field('doy'), isoweek: field('week'),
  datetimefromparts: datetimeFromParts, datetime2fromparts: datetime2FromParts, timefromparts: timeFromParts,
  datetimeoffsetfromparts: datetimeoffsetFromParts, todatetimeoffset, switchoffset, datetrunc, date_bucket: dateBucket,
  date_add: dateAdd('+'), date_sub: dateAdd('-'), timestampadd: timestampAdd, timestampdiff: timestampDiff, mysql_datediff: mysqlDatediff,
  week, yearweek, extract, makedate, last_day: lastDay, unix_timestamp: unixTimestamp, convert_tz: convertTz, timediff,
  time_to_sec: timeToSec, sec_to_time: secToTime, to_days: toDays, from_days: fromDays, to_seconds: toSeconds, mysql_timestamp: mysqlTimestamp,
  to_date: toDate, to_time: toTime, dayname, monthname, dayofweek, weekday_mon0: weekdayMon0, microsecond,
};
