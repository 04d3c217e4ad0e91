import type { Expr } from '../model/expr.js';
import type { DataType } from '../model/types.js';
import { isDateLike, isNumericClass, typeClass } from './infer.js';
import type { ExprProblem } from './expr.js';
import {
  argClass, asDateTime, bin, cast, changed, concat, fn, int, literalString, noEquivalent, num, paren, str, type Handler,
} from './functions-ast.js';

/** A piece of a to_char format: pattern text, quoted literal text, or a value computed outside to_char. */
type Seg = { pg: string } | { lit: string } | { expr: (d: Expr) => Expr };

/** Literal text in a to_char pattern: punctuation and spaces pass through; letters and digits need double quotes. */
const quoteLit = (s: string): string => (/^[^A-Za-z0-9"\\]*$/.test(s) ? s : `"${s.replace(/[\\"]/g, '\\$&')}"`);

const ip = (f: string, d: Expr): Expr => int(fn('date_part', str(f), d));
const pad2 = (e: Expr): Expr => fn('lpad', cast(e, 'text'), num(2), str('0'));
const weekMode0 = (d: Expr): Expr => paren(bin('/', bin('+', bin('-', ip('doy', d), ip('dow', d)), num(6)), num(7)));
const weekMode1 = (d: Expr): Expr => paren(bin('/', bin('+', bin('-', ip('doy', d), ip('isodow', d)), num(10)), num(7)));
const sunday = (d: Expr): Expr => paren(bin('-', cast(d, 'date'), ip('dow', d)));

/** MySQL DATE_FORMAT specifiers → to_char patterns, or values computed beside it (week modes, %w). */
const MYSQL_SPECIFIERS: Record<string, Seg> = {
  a: { pg: 'Dy' }, b: { pg: 'Mon' }, c: { pg: 'FMMM' }, D: { pg: 'FMDDth' }, d: { pg: 'DD' }, e: { pg: 'FMDD' }, f: { pg: 'US' },
  H: { pg: 'HH24' }, h: { pg: 'HH12' }, I: { pg: 'HH12' }, i: { pg: 'MI' }, j: { pg: 'DDD' }, k: { pg: 'FMHH24' }, l: { pg: 'FMHH12' },
  M: { pg: 'FMMonth' }, m: { pg: 'MM' }, p: { pg: 'AM' }, r: { pg: 'HH12:MI:SS AM' }, S: { pg: 'SS' }, s: { pg: 'SS' },
  T: { pg: 'HH24:MI:SS' }, v: { pg: 'IW' }, x: { pg: 'IYYY' }, W: { pg: 'FMDay' }, Y: { pg: 'YYYY' }, y: { pg: 'YY' },
  U: { expr: (d) => pad2(weekMode0(d)) }, u: { expr: (d) => pad2(weekMode1(d)) },
  V: { expr: (d) => pad2(paren(bin('/', bin('+', ip('doy', sunday(d)), num(6)), num(7)))) },
  X: { expr: (d) => cast(ip('year', sunday(d)), 'text') }, w: { expr: (d) => cast(ip('dow', d), 'text') },
};

/** A MySQL format string as segments; undefined for an unknown specifier. */
export function mysqlFormatSegments(fmt: string): Seg[] | undefined {
  const segs: Seg[] = [];
  let lit = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch !== '%' || i === fmt.length - 1) { lit += ch; continue; }
    const spec = fmt[++i]!;
    const seg = MYSQL_SPECIFIERS[spec];
    if (!seg) {
      // MySQL prints an unknown specifier's letter, %% as %.
      if (/[A-Za-z]/.test(spec) && spec !== 'Z') return undefined;
      lit += spec;
      continue;
    }
    if (lit) { segs.push({ lit }); lit = ''; }
    segs.push(seg);
  }
  if (lit) segs.push({ lit });
  return segs;
}

/** Segments → to_char(d, 'pattern') pieces joined with ||. */
export function segmentsToChar(d: Expr, segs: Seg[]): Expr {
  const parts: Expr[] = [];
  let pattern = '';
  const flush = (): void => { if (pattern) parts.push(fn('to_char', d, str(pattern))); pattern = ''; };
  for (const s of segs) {
    if ('pg' in s) pattern += s.pg;
    else if ('lit' in s) pattern += quoteLit(s.lit);
    else { flush(); parts.push(s.expr(d)); }
  }
  flush();
  if (!parts.length) return str('');
  return parts.length === 1 ? parts[0]! : paren(concat(...parts));
}

/** DATE_FORMAT(d, fmt) / TIME_FORMAT(t, fmt) with a literal format. */
const dateFormat: Handler = ([d, f], env, out, call) => {
  if (!d || !f) return undefined;
  const fmt = literalString(f);
  const segs = fmt === undefined ? undefined : mysqlFormatSegments(fmt);
  if (!segs) return noEquivalent(out, call, [d, f], fmt === undefined ? 'the format is not a literal' : `format ${fmt} has a specifier with no to_char equivalent`, 'to_char() with a PostgreSQL pattern');
  return segmentsToChar(asDateTime(d, env), segs);
};

/** FROM_UNIXTIME(n [, fmt]): local time of an epoch (session time zone, as MySQL). */
const fromUnixtime: Handler = ([n, f], env, out, call) => {
  if (!n) return undefined;
  const ts = cast(fn('to_timestamp', n), 'timestamp');
  return f ? dateFormat([ts, f], env, out, call) : ts;
};

/** STR_TO_DATE(s, fmt): to_date for date-only formats, to_timestamp otherwise; PostgreSQL raises where MySQL gives NULL. */
const strToDate: Handler = ([s, f], _env, out, call) => {
  if (!s || !f) return undefined;
  const fmt = literalString(f);
  const segs = fmt === undefined ? undefined : mysqlFormatSegments(fmt);
  if (!segs || segs.some((x) => 'expr' in x)) return noEquivalent(out, call, [s, f], 'the format is not a literal of parseable specifiers', 'to_timestamp(s, pattern)');
  const pattern = segs.map((x) => ('pg' in x ? x.pg.replace(/^FM/, '').replace(/th$/, '') : 'lit' in x ? quoteLit(x.lit) : '')).join('');
  const hasTime = /HH|MI|SS|US|AM/.test(pattern.replace(/"[^"]*"/g, ''));
  const hasDate = /YY|MM|DD|Mon|Month|DDD|Dy|Day/.test(pattern.replace(/"[^"]*"/g, '').replace(/HH\d\d|MI/g, ''));
  changed(out, call, 'an input that does not match the format raises an error instead of giving NULL');
  if (!hasTime) return fn('to_date', s, str(pattern));
  const ts = fn('to_timestamp', s, str(pattern));
  return cast(ts, hasDate ? 'timestamp' : 'time');
};

// ---- T-SQL FORMAT and CONVERT styles -----------------------------------------------------------

/** .NET custom date/time format tokens, longest first. */
const NET_TOKENS: [string, string][] = [
  ['yyyy', 'YYYY'], ['yy', 'YY'], ['MMMM', 'FMMonth'], ['MMM', 'Mon'], ['MM', 'MM'], ['M', 'FMMM'], ['dddd', 'FMDay'], ['ddd', 'Dy'],
  ['dd', 'DD'], ['d', 'FMDD'], ['HH', 'HH24'], ['H', 'FMHH24'], ['hh', 'HH12'], ['h', 'FMHH12'], ['mm', 'MI'], ['m', 'FMMI'],
  ['ss', 'SS'], ['s', 'FMSS'], ['ffffff', 'US'], ['fff', 'MS'], ['tt', 'AM'],
];

/** A .NET custom date format → to_char pattern; undefined when a token has no equivalent. */
export function netDateFormat(fmt: string): string | undefined {
  let out = '';
  let lit = '';
  const flushLit = (): void => { if (lit) out += quoteLit(lit); lit = ''; };
  for (let i = 0; i < fmt.length;) {
    const ch = fmt[i]!;
    if (ch === "'" || ch === '"') {
      const end = fmt.indexOf(ch, i + 1);
      if (end < 0) return undefined;
      lit += fmt.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (ch === '\\' && i + 1 < fmt.length) { lit += fmt[i + 1]; i += 2; continue; }
    const tok = NET_TOKENS.find(([t]) => fmt.startsWith(t, i) && !(t.length < 4 && fmt[i + t.length] === t[0]));
    if (tok) { flushLit(); out += tok[1]; i += tok[0].length; continue; }
    if (/[A-Za-z]/.test(ch)) return undefined;
    lit += ch;
    i++;
  }
  flushLit();
  return out;
}

/** A .NET numeric format (N2, F0, D5, #,##0.00) → to_char pattern; undefined otherwise. */
export function netNumberFormat(fmt: string): string | undefined {
  const std = /^([NnFf])(\d{0,2})$/.exec(fmt);
  if (std) {
    const d = std[2] === '' ? 2 : Number(std[2]);
    const int = std[1]!.toUpperCase() === 'N' ? '999,999,999,999,999,990' : '999999999999999990';
    return `FM${int}${d ? `.${'0'.repeat(d)}` : ''}`;
  }
  const dpad = /^[Dd](\d{1,2})$/.exec(fmt);
  if (dpad) return `FM${'0'.repeat(Number(dpad[1]))}`;
  if (/^[#0,]*0?(\.[0#]+)?$/.test(fmt) && /[0#]/.test(fmt)) {
    const [i = '', f] = fmt.split('.');
    const grouped = i.includes(',');
    const digits = i.replace(/,/g, '');
    const intPart = (grouped ? '999,999,999,999,999,' : '999999999999999') + digits.replace(/#/g, '9').padStart(3, '9');
    return `FM${intPart}${f ? `.${f.replace(/#/g, '9')}` : ''}`;
  }
  return undefined;
}

/** FORMAT(value, fmt [, culture]): to_char for simple numeric and custom date patterns. */
const tsqlFormat: Handler = ([v, f, culture], env, out, call) => {
  if (!v || !f) return undefined;
  const fmt = literalString(f);
  if (fmt === undefined) return noEquivalent(out, call, [v, f], 'the format is not a literal', 'to_char() with a PostgreSQL pattern');
  const c = literalString(culture);
  if (culture && c?.toLowerCase() !== 'en-us' && c !== '') changed(out, call, `culture ${c ?? '(expression)'} is ignored; to_char uses the lc_numeric/lc_time of the server`);
  const k = argClass(v, env);
  const numeric = k === 'integer' || k === 'exact' || k === 'float' || v.kind === 'number';
  const n = numeric || /^[NnFfDd]\d{0,2}$/.test(fmt) ? netNumberFormat(fmt) : undefined;
  if (n) return fn('to_char', k === 'float' ? cast(v, 'numeric') : v, str(n));
  if (/^[NnFfDdCcPpXxEeGgRr]\d{0,2}$/.test(fmt)) {
    if (/^[Xx]$/.test(fmt)) return fmt === 'X' ? fn('upper', fn('to_hex', v)) : fn('to_hex', v);
    return noEquivalent(out, call, [v, f], `standard format "${fmt}" has no to_char equivalent`, 'a custom pattern such as yyyy-MM-dd or #,##0.00');
  }
  const d = netDateFormat(fmt);
  if (d) return fn('to_char', asDateTime(v, env), str(d));
  return noEquivalent(out, call, [v, f], `format "${fmt}" has no to_char equivalent`);
};

/** T-SQL CONVERT styles for date/time ↔ string, as to_char / to_date patterns. */
export const CONVERT_STYLES: Record<string, string> = {
  '1': 'MM/DD/YY', '101': 'MM/DD/YYYY', '2': 'YY.MM.DD', '102': 'YYYY.MM.DD', '3': 'DD/MM/YY', '103': 'DD/MM/YYYY',
  '4': 'DD.MM.YY', '104': 'DD.MM.YYYY', '5': 'DD-MM-YY', '105': 'DD-MM-YYYY', '6': 'DD Mon YY', '106': 'DD Mon YYYY',
  '7': 'Mon DD, YY', '107': 'Mon DD, YYYY', '8': 'HH24:MI:SS', '108': 'HH24:MI:SS', '24': 'HH24:MI:SS', '10': 'MM-DD-YY', '110': 'MM-DD-YYYY',
  '11': 'YY/MM/DD', '111': 'YYYY/MM/DD', '12': 'YYMMDD', '112': 'YYYYMMDD', '14': 'HH24:MI:SS:MS', '114': 'HH24:MI:SS:MS',
  '23': 'YYYY-MM-DD', '20': 'YYYY-MM-DD HH24:MI:SS', '120': 'YYYY-MM-DD HH24:MI:SS', '21': 'YYYY-MM-DD HH24:MI:SS.MS',
  '121': 'YYYY-MM-DD HH24:MI:SS.MS', '25': 'YYYY-MM-DD HH24:MI:SS.MS', '126': 'YYYY-MM-DD"T"HH24:MI:SS.MS', '127': 'YYYY-MM-DD"T"HH24:MI:SS.MS',
};

const ISO_STYLES = new Set(['20', '21', '23', '25', '120', '121', '126', '127']);
const STRING_TYPES = new Set(['varchar', 'char', 'text', 'character varying', 'character', 'citext']);
const DATE_TYPES = new Set(['date', 'timestamp', 'timestamptz', 'time']);

/**
 * CONVERT(type, x, style): to_char for date → string, to_date/to_timestamp for string → date, a plain cast otherwise.
 * from is x's PostgreSQL type when known: a style formats only a date or time (a string converts as it is, whatever the
 * style; a number's styles are not carried).
 */
export function convertWithStyle(inner: Expr, type: DataType, style: Expr, out: ExprProblem[], src: Expr, from?: DataType): Expr {
  const s = style.kind === 'number' ? style.value : undefined;
  const fmt = s !== undefined ? CONVERT_STYLES[s] : undefined;
  const plain: Expr = { kind: 'cast', expr: inner, type, form: 'cast', span: src.span };
  const fromClass = typeClass(from);
  if (fromClass === 'string' && STRING_TYPES.has(type.name)) return plain;
  if (isNumericClass(fromClass) && STRING_TYPES.has(type.name)) {
    if (s !== '0') out.push({ code: 'PGS3003', message: `CONVERT style ${s ?? style.kind} of a number is not carried (thousands separators, decimal places, scientific notation); a plain CAST uses PostgreSQL's output format` });
    return plain;
  }
  const dated = from === undefined || isDateLike(fromClass) || fromClass === 'time';
  if (fmt && dated && STRING_TYPES.has(type.name)) {
    const d = inner.kind === 'string' ? cast(inner, 'timestamp') : inner;
    const text = fn('to_char', d, str(fmt));
    // The styles are fixed-width; CONVERT(varchar(10), d, 120) keeps only what fits, as SQL Server does.
    const width = fmt.replace('HH24', 'HH').replace('"T"', 'T').length;
    const len = type.args[0];
    return typeof len === 'number' && len < width ? fn('left', text, { kind: 'number', value: String(len) }) : text;
  }
  // ISO 8601 styles: PostgreSQL reads them whatever DateStyle says, with any fraction digits and a UTC offset
  // (to_timestamp with the style's pattern would ignore the offset and insist on three fraction digits).
  if (s !== undefined && ISO_STYLES.has(s) && DATE_TYPES.has(type.name) && fromClass === 'string') return plain;
  if (fmt && DATE_TYPES.has(type.name) && (inner.kind === 'string' || inner.kind === 'column' || inner.kind === 'cast')) {
    if (type.name === 'date') return fn('to_date', inner, str(fmt));
    if (type.name !== 'time') return cast(fn('to_timestamp', inner, str(fmt.replace('"T"', 'T'))), type);
  }
  if (s !== undefined && !['0', '100', '1', '2', '120', '121', '126', '127', '23', '20', '21', '112', '25'].includes(s)) {
    out.push({ code: 'PGS3003', message: `CONVERT style ${s} is not carried; a plain CAST uses PostgreSQL's input and output formats` });
  }
  return plain;
}

export const FORMAT_HANDLERS: Record<string, Handler> = {
  date_format: dateFormat, time_format: dateFormat, from_unixtime: fromUnixtime, str_to_date: strToDate, tsql_format: tsqlFormat,
};
