import { isUtf8 } from 'node:buffer';
import { PIECE_BYTES, TYPE, W, digitsOtherThanOne, lenencExtra, lenencValue, wireWriter, zeroDate, type RowWriter, type WireField } from './mysql-copy-text.js';
import type { TargetType } from './target-types.js';
import type { FieldEncoder, ValueWarnings } from './transforms.js';

// COPY ... WITH (FORMAT binary) straight from MySQL text-protocol bytes. PostgreSQL then calls each type's
// receive function instead of parsing text (measured on the bench's tables: some 30 % less server CPU per row).
// A column is sent in binary only when its bytes map to exactly the datum PostgreSQL's text input would make of
// the COPY text field (the receive functions apply the same typmod rounding and checks); a table with any other
// column stays in text format. A value the binary form cannot carry exactly (a NUL or invalid UTF-8 in text, a
// date PostgreSQL would refuse, an integer out of range, …) stops the chunk with BinaryUnfit: the copy redoes
// that chunk in text format, where such values take their usual path (removed, replaced, or rejected).

/** Thrown when a value has no exact binary form: the chunk is redone in text format. */
export class BinaryUnfit extends Error {
  constructor(what: string) {
    super(`no exact binary COPY form for ${what}; the chunk is copied as text`);
    this.name = 'BinaryUnfit';
  }
}

/** What one column's bytes become in binary COPY. */
const B = {
  TEXT: 0, JSONB: 1, INT2: 2, INT4: 3, INT8: 4, NUMERIC: 5, FLOAT4: 6, FLOAT8: 7, BOOL_DIGITS: 8, BOOL_BYTES: 9,
  DATE: 10, TIMESTAMP: 11, TIMESTAMPTZ: 12, TIME: 13, BYTEA: 14, WKB: 15, VARBIT: 16, TEXT_ARRAY: 17,
} as const;

const TEXT_TARGETS = new Set(['text', 'varchar', 'bpchar', 'citext', 'json']);
const INT_TARGETS: Record<string, number> = { int2: B.INT2, int4: B.INT4, int8: B.INT8, numeric: B.NUMERIC };
const INT_WIRE = new Set<number>([TYPE.TINY, TYPE.SHORT, TYPE.LONG, TYPE.INT24, TYPE.YEAR, TYPE.LONGLONG]);
const DECIMAL_WIRE = new Set<number>([TYPE.DECIMAL, TYPE.NEWDECIMAL]);
const FLOAT_WIRE = new Set<number>([TYPE.FLOAT, TYPE.DOUBLE]);

/** The binary form of a column, or undefined when only text COPY carries it exactly. */
export function binaryCode(encode: FieldEncoder, f: WireField, target: TargetType | undefined): number | undefined {
  if (!target) return undefined;
  const { code } = wireWriter(encode, f);
  const to = target.kind === 'e' ? 'enum' : target.kind === 'b' ? target.name : undefined;
  if (to === undefined) return undefined;
  const type = f.columnType;
  const json = f.extendedFormat === 'json' || type === TYPE.JSON;
  switch (code) {
    case W.TEXT:
      if (to === 'jsonb') return B.JSONB;
      return TEXT_TARGETS.has(to) || to === 'enum' ? B.TEXT : undefined;
    case W.INT:
      return INT_TARGETS[to];
    case W.RAW:
      if (json) return undefined;
      if (INT_WIRE.has(type) || DECIMAL_WIRE.has(type)) return to === 'numeric' || (INT_WIRE.has(type) && to in INT_TARGETS) ? INT_TARGETS[to] : undefined;
      if (FLOAT_WIRE.has(type)) return to === 'float8' ? B.FLOAT8 : to === 'float4' ? B.FLOAT4 : undefined;
      if (type === TYPE.TIME) return to === 'time' ? B.TIME : undefined;
      return undefined;
    case W.DATE:
      return to === 'date' ? B.DATE : to === 'timestamp' ? B.TIMESTAMP : undefined;
    case W.DATE_TZ:
      return to === 'timestamptz' ? B.TIMESTAMPTZ : undefined;
    case W.BYTEA:
      return to === 'bytea' ? B.BYTEA : undefined;
    case W.WKB:
      return to === 'bytea' ? B.WKB : undefined;
    case W.BOOL_DIGITS:
      return to === 'bool' ? B.BOOL_DIGITS : undefined;
    case W.BOOL_BYTES:
      return to === 'bool' ? B.BOOL_BYTES : undefined;
    case W.VARBIT:
      return to === 'varbit' ? B.VARBIT : undefined;
    case W.SET_ARRAY:
      return to === '_text' && target.element === 'text' ? B.TEXT_ARRAY : undefined;
    default:
      return undefined;
  }
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TEXT_OID = 25;
const EPOCH_2000_DAYS = 10957;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** Big-endian stores by hand: Buffer's write methods cost more than the value they write. */
function put32(out: Buffer, o: number, v: number): void {
  out[o] = v >>> 24;
  out[o + 1] = v >>> 16;
  out[o + 2] = v >>> 8;
  out[o + 3] = v;
}

function put16(out: Buffer, o: number, v: number): void {
  out[o] = v >>> 8;
  out[o + 1] = v;
}

/** Bytes src[a..b) to out[o..]: a loop for the short values most are, Buffer.copy for long ones. */
function copyBytes(src: Buffer, a: number, b: number, out: Buffer, o: number): number {
  if (b - a > 64) return o + src.copy(out, o, a, b);
  for (let i = a; i < b; i++) out[o++] = src[i]!;
  return o;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The digit at src[i] as 0-9, or -1 for any other byte (one test per digit in the loops that parse dates). */
const digitAt = (src: Buffer, i: number): number => {
  const d = src[i]! - 48;
  return d >= 0 && d <= 9 ? d : -1;
};

/** Two digits at src[i..i+2) as 0-99, or -1. */
function twoDigits(src: Buffer, i: number): number {
  const h = digitAt(src, i);
  const l = digitAt(src, i + 1);
  return h < 0 || l < 0 ? -1 : h * 10 + l;
}

/** 'YYYY-MM-DD' at src[a..]: days since 2000-01-01, or undefined when PostgreSQL would not read it as that date. */
function dateDays(src: Buffer, a: number): number | undefined {
  const yh = twoDigits(src, a);
  const yl = twoDigits(src, a + 2);
  const m = twoDigits(src, a + 5);
  const d = twoDigits(src, a + 8);
  if (yh < 0 || yl < 0 || m < 1 || d < 1 || src[a + 4] !== 0x2d || src[a + 7] !== 0x2d) return undefined;
  const y = yh * 100 + yl;
  if (y < 1 || m > 12 || d > (m === 2 && leap(y) ? 29 : DAYS_IN_MONTH[m]!)) return undefined;
  return daysFromCivil(y, m, d) - EPOCH_2000_DAYS;
}

/** 'HH:MM:SS[.f…]' at src[a..b): microseconds, or undefined outside 00:00:00 … 23:59:59.999999. */
function timeMicros(src: Buffer, a: number, b: number): number | undefined {
  if (b - a < 8 || src[a + 2] !== 0x3a || src[a + 5] !== 0x3a) return undefined;
  const h = twoDigits(src, a);
  const m = twoDigits(src, a + 3);
  const s = twoDigits(src, a + 6);
  if (h < 0 || m < 0 || s < 0 || h > 23 || m > 59 || s > 59) return undefined;
  let frac = 0;
  if (b > a + 8) {
    const k = b - a - 9;
    if (src[a + 8] !== 0x2e || k < 1 || k > 6) return undefined;
    for (let i = a + 9; i < b; i++) {
      const x = digitAt(src, i);
      if (x < 0) return undefined;
      frac = frac * 10 + x;
    }
    frac *= POW10[6 - k]!;
  }
  return ((h * 60 + m) * 60 + s) * 1e6 + frac;
}

/** A signed 64-bit integer from a safe Number (hi word signed, lo word unsigned). */
function putInt64(out: Buffer, o: number, v: number): void {
  const hi = Math.floor(v / 4294967296);
  put32(out, o, hi);
  put32(out, o + 4, v - hi * 4294967296);
}

/** Microseconds since 2000-01-01 00:00:00 as int64 (BigInt beyond ±285 years, where a Number is not exact). */
function putTimestamp(out: Buffer, o: number, days: number, micros: number): void {
  const v = days * 86_400_000_000 + micros;
  if (Number.isSafeInteger(v)) putInt64(out, o, v);
  else out.writeBigInt64BE(BigInt(days) * 86_400_000_000n + BigInt(micros), o);
}

/** Digits src[a..b) as a number, or -1 when there are none or one is not a digit. */
function digitsOnly(src: Buffer, a: number, b: number): number {
  if (a >= b) return -1;
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = src[i]! - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Integer text ('-'? digits) as int2/int4/int8; -1 when it is not one or does not fit (PostgreSQL refuses it). */
function putInt(code: number, src: Buffer, a: number, b: number, out: Buffer, o: number): number {
  const neg = src[a] === 0x2d;
  const d = neg ? a + 1 : a;
  if (code === B.INT8) {
    if (b - d <= 15) {
      const v = digitsOnly(src, d, b);
      if (v < 0) return -1;
      putInt64(out, o + 4, neg ? -v : v);
    } else {
      if (digitsOnly(src, d, b) < 0) return -1;
      const v = BigInt(src.toString('latin1', a, b));
      if (v < -9223372036854775808n || v > 9223372036854775807n) return -1;
      out.writeBigInt64BE(v, o + 4);
    }
    put32(out, o, 8);
    return o + 12;
  }
  if (b - d > 10) return -1;
  const abs = digitsOnly(src, d, b);
  if (abs < 0) return -1;
  if (code === B.INT2) {
    if (abs > (neg ? 32768 : 32767)) return -1;
    put32(out, o, 2);
    put16(out, o + 4, neg ? -abs : abs);
    return o + 6;
  }
  if (abs > (neg ? 2147483648 : 2147483647)) return -1;
  put32(out, o, 4);
  put32(out, o + 4, neg ? -abs : abs);
  return o + 8;
}

/** Decimal text ('-'? digits ['.' digits]) as numeric: base-10000 digits, weight, sign and the text's scale. */
function putNumeric(src: Buffer, a: number, b: number, out: Buffer, o: number): number {
  const neg = src[a] === 0x2d;
  let i = neg ? a + 1 : a;
  let intEnd = i;
  while (intEnd < b && isDigit(src[intEnd])) intEnd++;
  let fracStart = intEnd;
  let fracEnd = intEnd;
  if (intEnd < b) {
    if (src[intEnd] !== 0x2e) return -1;
    fracStart = intEnd + 1;
    fracEnd = fracStart;
    while (fracEnd < b && isDigit(src[fracEnd])) fracEnd++;
    if (fracEnd !== b || fracEnd === fracStart) return -1;
  }
  if (intEnd === i && fracEnd === fracStart) return -1;
  while (i < intEnd && src[i] === 0x30) i++;
  const intLen = intEnd - i;
  const dscale = fracEnd - fracStart;
  const intGroups = (intLen + 3) >> 2;
  const groups = intGroups + ((dscale + 3) >> 2);
  // The groups are written first (from o + 12), then the zero groups at either end are left out.
  let p = o + 12;
  let k = i;
  for (let g = 0; g < intGroups; g++) {
    const take = g === 0 ? intLen - 4 * (intGroups - 1) : 4;
    let v = 0;
    for (const e = k + take; k < e; k++) v = v * 10 + src[k]! - 48;
    put16(out, p, v);
    p += 2;
  }
  for (let s = fracStart; s < fracEnd; s += 4) {
    let v = 0;
    for (let j = s; j < s + 4; j++) v = v * 10 + (j < fracEnd ? src[j]! - 48 : 0);
    put16(out, p, v);
    p += 2;
  }
  let first = 0;
  const at = (g: number): number => (out[o + 12 + 2 * g]! << 8) | out[o + 13 + 2 * g]!;
  while (first < groups && at(first) === 0) first++;
  let last = groups;
  while (last > first && at(last - 1) === 0) last--;
  const n = last - first;
  if (first > 0 && n > 0) out.copyWithin(o + 12, o + 12 + 2 * first, o + 12 + 2 * last);
  put32(out, o, 8 + 2 * n);
  put16(out, o + 4, n);
  put16(out, o + 6, n === 0 ? 0 : intGroups - 1 - first);
  put16(out, o + 8, neg && n > 0 ? 0x4000 : 0);
  put16(out, o + 10, dscale);
  return o + 12 + 2 * n;
}

const EXACT_POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The double nearest a float text. Up to 15 significant digits and 22 decimals, digits / 10^k is exact over
 * exact and so correctly rounded (Clinger's fast path); anything else goes through Number().
 */
function floatValue(src: Buffer, a: number, b: number): number {
  let i = a;
  const neg = src[i] === 0x2d;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let seen = 0;
  let scale = -1;
  for (; i < b; i++) {
    const c = src[i]!;
    if (c === 0x2e && scale < 0) scale = 0;
    else if (c >= 0x30 && c <= 0x39) {
      if (m > 0 || c !== 0x30) digits++;
      seen++;
      m = m * 10 + c - 48;
      if (scale >= 0) scale++;
    } else break;
  }
  if (i < b || digits > 15 || scale > 22 || seen === 0) return Number(src.toString('latin1', a, b));
  const v = scale > 0 ? m / EXACT_POW10[scale]! : m;
  return neg ? -v : v;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * Float text as float4/float8, as strtof/strtod read it (JavaScript's parse is correctly rounded to a double);
 * -1 for what PostgreSQL refuses (overflow, underflow to zero) and for the float4 a double rounding could miss.
 */
function putFloat(code: number, src: Buffer, a: number, b: number, out: Buffer, o: number): number {
  let nonzero = false;
  for (let i = a; i < b; i++) {
    const c = src[i]!;
    if (c === 0x65 || c === 0x45) break;
    if (c >= 0x31 && c <= 0x39) nonzero = true;
    else if (c !== 0x30 && c !== 0x2e && c !== 0x2d && c !== 0x2b) return -1;
  }
  const d = floatValue(src, a, b);
  if (b === a || !Number.isFinite(d) || (d === 0 && nonzero)) return -1;
  if (code === B.FLOAT8) {
    put32(out, o, 8);
    out.writeDoubleBE(d, o + 4);
    return o + 12;
  }
  const f = Math.fround(d);
  if (!Number.isFinite(f) || (f === 0 && nonzero)) return -1;
  if (f !== d) {
    // A double exactly halfway between two floats may be the rounding of a decimal just off the halfway point.
    f32[0] = f;
    u32[0] = u32[0]! + ((d > f) === (f > 0) ? 1 : -1);
    if ((f + f32[0]!) / 2 === d) return -1;
  }
  put32(out, o, 4);
  out.writeFloatBE(f, o + 4);
  return o + 8;
}

/** Text bytes as they are; -1 for a NUL or bytes that are not UTF-8 (the text path removes or replaces them). */
function putText(src: Buffer, a: number, b: number, out: Buffer, o: number, w: ValueWarnings, prefix = -1): number {
  let p = o + 4;
  if (prefix >= 0) out[p++] = prefix;
  let high = 0;
  for (let i = a; i < b; i++) {
    const c = src[i]!;
    if (c === 0) return -1;
    high |= c;
    out[p++] = c;
  }
  if (high & 0x80) {
    const text = src.subarray(a, b);
    if (!isUtf8(text)) return -1;
    if (text.includes(REPLACEMENT)) w.invalidText++;
  }
  put32(out, o, p - o - 4);
  return p;
}

const REPLACEMENT = Buffer.from('\uFFFD');

/** SET 'a,b' as a one-dimensional text[] of its members ('' is the empty array). */
function putTextArray(src: Buffer, a: number, b: number, out: Buffer, o: number, w: ValueWarnings): number {
  let p = o + 4;
  if (a === b) {
    put32(out, p, 0);
    put32(out, p + 4, 0);
    put32(out, p + 8, TEXT_OID);
    put32(out, o, 12);
    return p + 12;
  }
  let members = 1;
  for (let i = a; i < b; i++) if (src[i] === 0x2c) members++;
  put32(out, p, 1);
  put32(out, p + 4, 0);
  put32(out, p + 8, TEXT_OID);
  put32(out, p + 12, members);
  put32(out, p + 16, 1);
  p += 20;
  const seen = { zeroDates: 0, invalidText: 0, nulChars: 0 };
  let s = a;
  for (let i = a; i <= b; i++) {
    if (i < b && src[i] !== 0x2c) continue;
    p = putText(src, s, i, out, p, seen);
    if (p < 0) return -1;
    s = i + 1;
  }
  // The text path counts a field once, however many of its members held U+FFFD.
  if (seen.invalidText) w.invalidText++;
  put32(out, o, p - o - 4);
  return p;
}

/** BIT(n) bytes as varbit(n): the n low bits, most significant first. */
function putVarbit(src: Buffer, a: number, b: number, width: number, out: Buffer, o: number): number {
  const bits = (b - a) * 8;
  const bytes = Math.ceil(width / 8);
  put32(out, o, 4 + bytes);
  put32(out, o + 4, width);
  const p = o + 8;
  out.fill(0, p, p + bytes);
  for (let k = 0; k < width; k++) {
    const at = bits - width + k;
    const q = p + (k >> 3);
    if (at >= 0 && (src[a + (at >> 3)]! >> (7 - (at & 7))) & 1) out[q] = out[q]! | (0x80 >> (k & 7));
  }
  return p + bytes;
}

/**
 * Binary COPY writer for a result's columns, or undefined when a column has no exact binary form (the table then
 * goes as text). Values it counts (zero dates, U+FFFD) go to `w` only as the chunk ends (finish): a chunk redone
 * as text counts them once.
 */
export function binaryRowWriter(fields: WireField[], encoders: FieldEncoder[], targets: (TargetType | undefined)[], w: ValueWarnings): (RowWriter & { finish(): void }) | undefined {
  const n = fields.length;
  const codes = new Uint8Array(n);
  const widths = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const code = binaryCode(encoders[i]!, fields[i]!, targets[i]);
    if (code === undefined) return undefined;
    codes[i] = code;
    widths[i] = wireWriter(encoders[i]!, fields[i]!).width;
  }
  const padRoom = widths.reduce((s, x) => s + Math.ceil(x / 8) + 8, 0);
  const counted: ValueWarnings = { zeroDates: 0, invalidText: 0, nulChars: 0 };
  let out = Buffer.allocUnsafe(PIECE_BYTES + 64 * 1024);
  SIGNATURE.copy(out, 0);
  put32(out, SIGNATURE.length, 0);
  put32(out, SIGNATURE.length + 4, 0);
  let pos = SIGNATURE.length + 8;

  const room = (need: number): void => {
    if (pos + need <= out.length) return;
    const next = Buffer.allocUnsafe(Math.max(out.length * 2, pos + need));
    out.copy(next, 0, 0, pos);
    out = next;
  };
  const unfit = (i: number): never => {
    throw new BinaryUnfit(`a value of column ${i + 1}`);
  };

  return {
    row(src, start, end) {
      room((end - start) * 6 + n * 24 + padRoom + 16);
      const buf = out;
      let o = pos;
      put16(buf, o, n);
      o += 2;
      let p = start;
      for (let i = 0; i < n; i++) {
        let len = src[p++]!;
        if (len === 0xfb) {
          put32(buf, o, -1);
          o += 4;
          continue;
        }
        if (len >= 0xfc) {
          const first = len;
          len = lenencValue(src, first, p);
          p += lenencExtra(first);
        }
        const a = p;
        p += len;
        let next = -1;
        switch (codes[i]) {
          case B.TEXT:
            next = putText(src, a, p, buf, o, counted);
            break;
          case B.JSONB:
            next = putText(src, a, p, buf, o, counted, 1);
            break;
          case B.INT2:
          case B.INT4:
          case B.INT8:
            next = putInt(codes[i]!, src, a, p, buf, o);
            break;
          case B.NUMERIC:
            next = putNumeric(src, a, p, buf, o);
            break;
          case B.FLOAT4:
          case B.FLOAT8:
            next = putFloat(codes[i]!, src, a, p, buf, o);
            break;
          case B.BOOL_DIGITS:
          case B.BOOL_BYTES: {
            let on = false;
            if (codes[i] === B.BOOL_DIGITS) {
              for (let k = a; k < p && !on; k++) on = src[k]! >= 0x31 && src[k]! <= 0x39;
              if (on && digitsOtherThanOne(src, a, p)) counted.otherIntsAsTrue = (counted.otherIntsAsTrue ?? 0) + 1;
            } else for (let k = a; k < p && !on; k++) on = src[k] !== 0;
            put32(buf, o, 1);
            buf[o + 4] = on ? 1 : 0;
            next = o + 5;
            break;
          }
          case B.DATE:
          case B.TIMESTAMP:
          case B.TIMESTAMPTZ: {
            if (zeroDate(src, a, p)) {
              counted.zeroDates++;
              put32(buf, o, -1);
              next = o + 4;
              break;
            }
            const days = len >= 10 ? dateDays(src, a) : undefined;
            if (days === undefined) break;
            if (codes[i] === B.DATE) {
              if (len !== 10) break;
              put32(buf, o, 4);
              put32(buf, o + 4, days);
              next = o + 8;
              break;
            }
            // timestamptz reads a bare date in the session's time zone: that one goes as text.
            const micros = len === 10 ? (codes[i] === B.TIMESTAMP ? 0 : undefined) : src[a + 10] === 0x20 ? timeMicros(src, a + 11, p) : undefined;
            if (micros === undefined) break;
            put32(buf, o, 8);
            putTimestamp(buf, o + 4, days, micros);
            next = o + 12;
            break;
          }
          case B.TIME: {
            const micros = timeMicros(src, a, p);
            if (micros === undefined) break;
            put32(buf, o, 8);
            putInt64(buf, o + 4, micros);
            next = o + 12;
            break;
          }
          case B.BYTEA:
          case B.WKB: {
            const s = codes[i] === B.WKB && len > 4 ? a + 4 : a;
            put32(buf, o, p - s);
            next = copyBytes(src, s, p, buf, o + 4);
            break;
          }
          case B.VARBIT:
            next = putVarbit(src, a, p, widths[i]!, buf, o);
            break;
          case B.TEXT_ARRAY:
            next = putTextArray(src, a, p, buf, o, counted);
            break;
          default:
        }
        if (next < 0) unfit(i);
        o = next;
      }
      pos = o;
    },
    size: () => pos,
    take() {
      if (pos === 0) return undefined;
      const piece = out.subarray(0, pos);
      out = Buffer.allocUnsafe(PIECE_BYTES + 64 * 1024);
      pos = 0;
      return piece;
    },
    finish() {
      room(2);
      put16(out, pos, -1);
      pos += 2;
      w.zeroDates += counted.zeroDates;
      w.invalidText += counted.invalidText;
      if (counted.otherIntsAsTrue) w.otherIntsAsTrue = (w.otherIntsAsTrue ?? 0) + counted.otherIntsAsTrue;
    },
  };
}
