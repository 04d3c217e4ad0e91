import type { Call, Expr } from '../model/expr.js';
import { dataType, type DataType } from '../model/types.js';
import { isStringTyped, type ExprEnv, type ExprProblem } from './expr.js';
import { fillTemplate, parseTemplate, templateArity } from './template.js';

/**
 * Function calls: mappings/<dialect>.functions.yaml holds templates; the handlers here hold what needs logic.
 * A handler returns undefined when it cannot translate this form, which reports PGS3001 like an unknown function.
 */
type Handler = (args: Expr[], env: ExprEnv, out: ExprProblem[], call: Call) => Expr | undefined;

const num = (v: number | string): Expr => ({ kind: 'number', value: String(v) });
const str = (v: string): Expr => ({ kind: 'string', value: v });
const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name: [name], args });
const cast = (e: Expr, t: DataType): Expr => ({ kind: 'cast', expr: e, type: t, form: 'cast' });
const bin = (op: string, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
const paren = (e: Expr): Expr => ({ kind: 'paren', expr: e });
const int = dataType('integer');
const datePart = (field: string, x: Expr): Expr => cast(call('date_part', str(field), x), int);

/** A T-SQL datepart argument is written as a bare word (parsed as a column) or a string. */
function partName(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'column' && e.parts.length === 1) return e.parts[0]!.toLowerCase();
  if (e.kind === 'string') return e.value.toLowerCase();
  return undefined;
}

const TSQL_PARTS: Record<string, string> = {
  year: 'year', yy: 'year', yyyy: 'year', quarter: 'quarter', qq: 'quarter', q: 'quarter', month: 'month', mm: 'month', m: 'month',
  dayofyear: 'doy', dy: 'doy', y: 'doy', day: 'day', dd: 'day', d: 'day', week: 'week', wk: 'week', ww: 'week',
  weekday: 'dow', dw: 'dow', w: 'dow', hour: 'hour', hh: 'hour', minute: 'minute', mi: 'minute', n: 'minute',
  second: 'second', ss: 'second', s: 'second', millisecond: 'milliseconds', ms: 'milliseconds', microsecond: 'microseconds', mcs: 'microseconds',
};

/** Interval unit for DATEADD: doy and dow add days in T-SQL. */
const ADD_UNITS: Record<string, string> = {
  year: 'year', quarter: 'quarter', month: 'month', doy: 'day', day: 'day', dow: 'day', week: 'week', hour: 'hour',
  minute: 'minute', second: 'second', milliseconds: 'millisecond', microseconds: 'microsecond',
};

function addInterval(op: '+' | '-', d: Expr, n: Expr, unit: string): Expr {
  // PostgreSQL has no quarter interval unit: three months.
  const [value, u] = unit === 'quarter' ? [bin('*', n, num(3)), 'month'] : [n, unit];
  return bin(op, d, { kind: 'interval', value, unit: u });
}

/** A string-typed expression as it is, anything else cast to text (MySQL converts implicitly). */
const asText = (e: Expr, env: ExprEnv): Expr => (isStringTyped(e, env) || e.kind === 'null' ? e : cast(e, dataType('text')));

const HANDLERS: Record<string, Handler> = {
  // MySQL CONCAT is NULL when any argument is; || keeps that and, unlike concat(), is immutable (generated columns).
  mysql_concat: (args, env) => (args.length ? args.map((a) => asText(a, env)).reduce((l, r) => bin('||', l, r)) : undefined),
  text_md5: ([x], env) => x && call('md5', asText(x, env)),
  iif: ([c, a, b]) => (c && a && b ? { kind: 'case', whens: [{ when: c, then: a }], else: b } : undefined),
  charindex: ([needle, hay, start]) => {
    if (!needle || !hay || !start) return undefined;
    const found = call('strpos', call('substr', hay, start), needle);
    return { kind: 'case', whens: [{ when: bin('=', found, num(0)), then: num(0) }], else: bin('-', bin('+', found, start), num(1)) };
  },
  dateadd: ([part, n, d], _env, out) => {
    const p = TSQL_PARTS[partName(part) ?? ''];
    const unit = p && ADD_UNITS[p];
    if (!unit || !n || !d) return undefined;
    if (p === 'doy' || p === 'dow') out.push({ code: 'PGS3003', message: `DATEADD(${partName(part)}, ...) adds days` , severity: 'info' });
    return addInterval('+', d, n, unit);
  },
  datediff: ([part, a, b]) => {
    const p = TSQL_PARTS[partName(part) ?? ''];
    if (!a || !b) return undefined;
    // DATEDIFF counts boundaries crossed, which is what differences of truncated values give.
    switch (p) {
      case 'day': case 'doy': return paren(bin('-', cast(b, dataType('date')), cast(a, dataType('date'))));
      case 'year': return cast(bin('-', call('date_part', str('year'), b), call('date_part', str('year'), a)), int);
      case 'month': return cast(bin('+', bin('*', paren(bin('-', call('date_part', str('year'), b), call('date_part', str('year'), a))), num(12)),
        paren(bin('-', call('date_part', str('month'), b), call('date_part', str('month'), a)))), int);
      case 'hour': case 'minute': case 'second': {
        const secs = { hour: 3600, minute: 60, second: 1 }[p];
        const epoch = (x: Expr): Expr => call('date_part', str('epoch'), call('date_trunc', str(p), x));
        return cast(bin('/', paren(bin('-', epoch(b), epoch(a))), num(secs)), int);
      }
      default: return undefined;
    }
  },
  datepart: ([part, x], _env, out) => {
    const p = TSQL_PARTS[partName(part) ?? ''];
    if (!p || !x) return undefined;
    if (p === 'dow' || p === 'week') out.push({ code: 'PGS3003', message: `DATEPART(${partName(part)}, ...) depends on SET DATEFIRST in SQL Server; PostgreSQL counts ${p === 'dow' ? 'Sunday = 0' : 'weeks from January 1st'}` });
    return p === 'dow' ? cast(bin('+', call('date_part', str('dow'), x), num(1)), int) : datePart(p, x);
  },
  year: ([x]) => x && datePart('year', x),
  month: ([x]) => x && datePart('month', x),
  day: ([x]) => x && datePart('day', x),
  hour: ([x]) => x && datePart('hour', x),
  minute: ([x]) => x && datePart('minute', x),
  second: ([x]) => x && cast(call('floor', call('date_part', str('second'), x)), int),
  date_add: ([d, i]) => (d && i ? (i.kind === 'interval' ? bin('+', d, i) : addInterval('+', d, i, 'day')) : undefined),
  date_sub: ([d, i]) => (d && i ? (i.kind === 'interval' ? bin('-', d, i) : addInterval('-', d, i, 'day')) : undefined),
  mysql_datediff: ([a, b]) => (a && b ? paren(bin('-', cast(a, dataType('date')), cast(b, dataType('date')))) : undefined),
};

/** T-SQL CONVERT styles for date/time → string, as to_char formats. */
const CONVERT_STYLES: Record<string, string> = {
  '1': 'MM/DD/YY', '101': 'MM/DD/YYYY', '3': 'DD/MM/YY', '103': 'DD/MM/YYYY', '4': 'DD.MM.YY', '104': 'DD.MM.YYYY',
  '23': 'YYYY-MM-DD', '112': 'YYYYMMDD', '8': 'HH24:MI:SS', '108': 'HH24:MI:SS', '20': 'YYYY-MM-DD HH24:MI:SS', '120': 'YYYY-MM-DD HH24:MI:SS',
  '21': 'YYYY-MM-DD HH24:MI:SS.MS', '121': 'YYYY-MM-DD HH24:MI:SS.MS', '126': 'YYYY-MM-DD"T"HH24:MI:SS.MS', '127': 'YYYY-MM-DD"T"HH24:MI:SS.MS',
};

/** CONVERT(type, x, style): to_char for the date-to-string styles, a plain cast otherwise. */
export function convertWithStyle(inner: Expr, type: DataType, style: Expr, out: ExprProblem[], src: Expr): Expr {
  const s = style.kind === 'number' ? style.value : undefined;
  const fmt = s !== undefined ? CONVERT_STYLES[s] : undefined;
  if (fmt && ['varchar', 'char', 'text'].includes(type.name)) return call('to_char', inner, str(fmt));
  if (s !== undefined && !['0', '100', '120', '121', '126', '127', '23', '20', '21', '112'].includes(s)) {
    out.push({ code: 'PGS3003', message: `CONVERT style ${s} is not carried; a plain CAST uses PostgreSQL's input and output formats` });
  }
  return { kind: 'cast', expr: inner, type, form: 'cast', span: src.span };
}

/** Translate a call whose arguments are already translated. */
export function translateCall(c: Call, args: Expr[], env: ExprEnv, out: ExprProblem[]): Expr {
  const { ctx } = env;
  const shown = c.name.join('.');
  const unknown = (why = ''): Expr => {
    out.push({ code: 'PGS3001', message: `function ${shown}() has no PostgreSQL mapping${why}` });
    return { ...c, args };
  };
  // Schema-qualified calls are user functions, which this stage does not convert.
  if (c.name.length > 1) return unknown(' (user-defined functions are converted with routines)');
  const rule = ctx.functionRules.get(c.name[0]!.toUpperCase());
  if (!rule) return unknown();
  for (const alt of rule.alternatives) {
    if (alt.arity !== undefined && alt.arity !== args.length) continue;
    let result: Expr | undefined;
    if (alt.to.startsWith('handler:')) {
      const h = HANDLERS[alt.to.slice('handler:'.length)];
      if (!h) return unknown(` (handler ${alt.to} is not defined)`);
      result = h(args, env, out, c);
      if (!result) continue;
    } else {
      const need = templateArity(alt.to);
      if (need > args.length) continue;
      result = fillTemplate(parseTemplate(alt.to), args);
    }
    if (alt.note) out.push({ code: 'PGS3003', message: `${shown}(): ${alt.note}`, rule: rule.id });
    return c.span ? { ...result, span: c.span } : result;
  }
  return unknown(` with ${args.length} argument(s)`);
}
