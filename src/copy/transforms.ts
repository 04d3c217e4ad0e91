import type { DataType } from '../model/types.js';
import { COPY_NULL, escapeCopyText } from './copy-text.js';
import { fitFractionDigits } from '../transpile/datetime-literal.js';

/** Counters of values the copy changed on the way (reported as warnings in the summary). */
export interface ValueWarnings {
  /** Zero or partial-zero dates (0000-00-00, 2020-00-10) loaded as NULL. */
  zeroDates: number;
  /** Strings holding U+FFFD: bytes that were not valid in the column's character set, replaced on decode. */
  invalidText: number;
  /** NUL characters removed (PostgreSQL text cannot hold them). */
  nulChars: number;
  /** Integers other than 0 and 1 (a tinyint(1) holding 2 or -1) loaded into a boolean as true. */
  otherIntsAsTrue?: number;
}

export function emptyWarnings(): ValueWarnings {
  return { zeroDates: 0, invalidText: 0, nulChars: 0 };
}

/** One column's value → COPY text field (escaped, or \N). */
export type FieldEncoder = (value: unknown, w: ValueWarnings) => string;

/** What the encoder needs to know about a column on both sides. */
export interface ColumnTypes {
  source: DataType;
  target: DataType;
  /** The named value transform of the type rule that fired (Column.copy). */
  copy?: string;
}

const DATE_TYPES = new Set(['date', 'datetime', 'timestamp']);
const TZ_TARGETS = new Set(['timestamptz', 'timestamp with time zone']);
const BYTEA_TARGETS = new Set(['bytea']);
/** PostgreSQL types that keep six fraction digits of a second (SQL Server's datetime2, datetimeoffset and time keep seven). */
const MICROSECOND_TARGETS = new Set(['timestamp', 'timestamptz', 'time', 'timetz', 'timestamp with time zone', 'timestamp without time zone', 'time with time zone', 'time without time zone']);

/** Picks the encoder for a column from its named copy transform, then from its source and target types. */
export function fieldEncoder(c: ColumnTypes): FieldEncoder {
  const named = c.copy ? namedEncoder(c) : undefined;
  if (named) return nullable(named);
  const src = c.source.name.toLowerCase();
  const tgt = c.target.name.toLowerCase();
  // Before dates: T-SQL timestamp is rowversion (8 bytes), and it becomes bytea.
  if (BYTEA_TARGETS.has(tgt)) return nullable(byteaField);
  if (DATE_TYPES.has(src)) return nullable(dateEncoder(TZ_TARGETS.has(tgt)));
  if (src === 'bit' && tgt === 'boolean') return nullable(bitToBool);
  if (MICROSECOND_TARGETS.has(tgt)) return nullable(microsecondField);
  return nullable(plainField);
}

/**
 * What an encoder does, as data: a source that reads raw wire bytes (the MySQL text protocol) applies the same
 * transform to bytes; an encoder without an entry is applied to decoded values.
 */
export type FieldTransform =
  | { kind: 'text' }
  | { kind: 'date'; withZone: boolean }
  | { kind: 'bytea' }
  | { kind: 'bool' }
  | { kind: 'varbit'; width: number }
  | { kind: 'set-array' }
  | { kind: 'wkb' };

const TRANSFORMS = new WeakMap<FieldEncoder, FieldTransform>();

/** The transform an encoder of fieldEncoder applies (undefined for any other function). */
export function fieldTransform(e: FieldEncoder): FieldTransform | undefined {
  return TRANSFORMS.get(e);
}

function described(f: FieldEncoder, t: FieldTransform): FieldEncoder {
  TRANSFORMS.set(f, t);
  return f;
}

function nullable(f: FieldEncoder): FieldEncoder {
  const g: FieldEncoder = (v, w) => (v === null || v === undefined ? COPY_NULL : f(v, w));
  const t = TRANSFORMS.get(f);
  return t ? described(g, t) : g;
}

function namedEncoder(c: ColumnTypes): FieldEncoder | undefined {
  const tz = TZ_TARGETS.has(c.target.name.toLowerCase());
  switch (c.copy) {
    case 'int-to-bool': return intToBool;
    case 'bit-to-bool': return bitToBool;
    case 'bit-to-varbit': return bitToVarbit(typeof c.source.args[0] === 'number' ? c.source.args[0] : 1);
    case 'zero-dates-to-null': return dateEncoder(tz);
    case 'set-to-array': return setToArray;
    case 'spatial-to-wkb': return spatialToWkb;
    case 'hierarchyid-to-text': case 'variant-to-text': return plainField;
    case 'trim-padding': return trimPadding;
    default: return undefined;
  }
}

/** char(n) padding dropped (a citext column would compare it); other values as plainField. */
function trimPadding(v: unknown, w: ValueWarnings): string {
  return plainField(typeof v === 'string' ? v.replace(/ +$/, '') : v, w);
}

/** Text, numbers, decimals and bigints as strings, JSON text, enum labels. */
export function plainField(v: unknown, w: ValueWarnings): string {
  if (typeof v === 'string') return textField(v, w);
  if (Buffer.isBuffer(v)) return textField(v.toString('utf8'), w);
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  return textField(JSON.stringify(v), w);
}

/**
 * A date/time value for a PostgreSQL type of six fraction digits: a seventh is cut, as SQL Server values are in
 * defaults and CASTs (PostgreSQL would round '9999-12-31 23:59:59.9999999' to year 10000, '23:59:59.9999999' to 24:00).
 * Described as text: MySQL, whose wire bytes the text transform writes as they are, never sends more than six.
 */
function microsecondField(v: unknown, w: ValueWarnings): string {
  return plainField(typeof v === 'string' ? fitFractionDigits(v) : v, w);
}

function textField(s: string, w: ValueWarnings): string {
  let t = s;
  if (t.includes('\u0000')) {
    w.nulChars++;
    t = t.replaceAll('\u0000', '');
  }
  if (t.includes('\uFFFD')) w.invalidText++;
  return escapeCopyText(t);
}

/** bytea hex input, with the backslash doubled for COPY text: \\x0a1b. */
export function byteaField(v: unknown): string {
  if (Buffer.isBuffer(v)) return '\\\\x' + v.toString('hex');
  // A string (a dump's literal for a BLOB) carries the bytes as its characters: their UTF-8 bytes, NULs, tabs and
  // backslashes included, never its COPY-escaped text.
  const text = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return '\\\\x' + Buffer.from(text, 'utf8').toString('hex');
}

function intToBool(v: unknown, w: ValueWarnings): string {
  if (Buffer.isBuffer(v)) return v.some((b) => b !== 0) ? 't' : 'f';
  const n = Number(v);
  if (n !== 0 && n !== 1) w.otherIntsAsTrue = (w.otherIntsAsTrue ?? 0) + 1;
  return n !== 0 ? 't' : 'f';
}

function bitToBool(v: unknown): string {
  if (Buffer.isBuffer(v)) return v.some((b) => b !== 0) ? 't' : 'f';
  return Number(v) !== 0 ? 't' : 'f';
}

/** BIT(n) arrives as big-endian bytes; PostgreSQL varbit wants the n low bits as 0/1 text. */
function bitToVarbit(width: number): FieldEncoder {
  return described((v) => {
    let bits = '';
    if (!Buffer.isBuffer(v) && /^\d+$/.test(String(v))) bits = BigInt(String(v)).toString(2);
    else {
      // A dump script writes BIT values as raw bytes inside a string literal ('\x03').
      const bytes = Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'latin1');
      for (const b of bytes) bits += b.toString(2).padStart(8, '0');
    }
    return bits.length >= width ? bits.slice(bits.length - width) : bits.padStart(width, '0');
  }, { kind: 'varbit', width });
}

/** MySQL keeps zero dates (0000-00-00, 2020-00-10) PostgreSQL cannot hold: they become NULL. */
function dateEncoder(withZone: boolean): FieldEncoder {
  return described((v, w) => {
    const s = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : String(v);
    if (isZeroDate(s)) {
      w.zeroDates++;
      return COPY_NULL;
    }
    // The session reads TIMESTAMP in UTC (time_zone '+00:00'), so the offset is explicit for timestamptz.
    return withZone && s.length > 10 ? `${s}+00` : s;
  }, { kind: 'date', withZone });
}

export function isZeroDate(s: string): boolean {
  return s.startsWith('0000') || /^\d{4}-00-|^\d{4}-\d{2}-00/.test(s);
}

/** SET 'a,b' → array literal {"a","b"} (members quoted, so commas and braces inside stay literal). */
function setToArray(v: unknown, w: ValueWarnings): string {
  const s = typeof v === 'string' ? v : String(v);
  if (s === '') return '{}';
  const members = s.split(',').map((m) => `"${m.replace(/["\\]/g, (c) => `\\${c}`)}"`);
  return textField(`{${members.join(',')}}`, w);
}

/** MySQL geometry values are a 4-byte SRID then WKB; the bytea keeps the WKB. */
function spatialToWkb(v: unknown): string {
  if (Buffer.isBuffer(v) && v.length > 4) return byteaField(v.subarray(4));
  return byteaField(v);
}

described(plainField, { kind: 'text' });
described(microsecondField, { kind: 'text' });
described(byteaField, { kind: 'bytea' });
described(intToBool, { kind: 'bool' });
described(bitToBool, { kind: 'bool' });
described(setToArray, { kind: 'set-array' });
described(spatialToWkb, { kind: 'wkb' });
