import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import type { Connection } from 'mysql2';
import type { CopyTable } from './plan.js';
import type { CopyDataStream, CopyFormat, CopyTextSink } from './stream.js';
import { fieldTransform, type FieldEncoder, type ValueWarnings } from './transforms.js';

// The MySQL text protocol sends every value as a length-prefixed string of bytes (NULL as 0xFB). This module
// writes those bytes straight into COPY text, applying each column's transform (fieldTransform) to the bytes,
// so no JS string or value is made per field. It must load exactly what the column's FieldEncoder would load
// from the value mysql2 decodes (dateStrings, bigNumberStrings, jsonStrings): see test/copy-text-bytes.test.ts.

/** Bytes a length-encoded integer takes after its first byte (MySQL protocol: 0xfc 2, 0xfd 3, 0xfe 8). */
export const lenencExtra = (first: number): number => (first < 0xfc ? 0 : first === 0xfc ? 2 : first === 0xfd ? 3 : 8);

/** The value of a length-encoded integer whose first byte (0xfc..0xfe) is `first` and whose extra bytes start at p. */
export function lenencValue(src: Buffer, first: number, p: number): number {
  if (first === 0xfc) return src[p]! | (src[p + 1]! << 8);
  if (first === 0xfd) return src[p]! | (src[p + 1]! << 8) | (src[p + 2]! << 16);
  return src.readUInt32LE(p) + src.readUInt32LE(p + 4) * 2 ** 32;
}

/** A column definition as mysql2 parses it (the fields it reports before the rows). */
export interface WireField {
  columnType: number;
  characterSet: number;
  /** Node encoding mysql2 derived from characterSet. */
  encoding?: string;
  /** MariaDB extended metadata: 'json' for JSON columns (sent as LONGTEXT). */
  extendedFormat?: string;
}

/** Protocol column types (include/mysql_com.h enum_field_types). */
export const TYPE = {
  DECIMAL: 0, TINY: 1, SHORT: 2, LONG: 3, FLOAT: 4, DOUBLE: 5, TIMESTAMP: 7, LONGLONG: 8, INT24: 9, DATE: 10,
  TIME: 11, DATETIME: 12, YEAR: 13, NEWDATE: 14, JSON: 245, NEWDECIMAL: 246, GEOMETRY: 255,
} as const;
const BINARY_CHARSET = 63;
const SMALL_INTS = new Set<number>([TYPE.TINY, TYPE.SHORT, TYPE.LONG, TYPE.INT24, TYPE.YEAR]);
const ASCII_TEXT = new Set<number>([TYPE.LONGLONG, TYPE.DECIMAL, TYPE.NEWDECIMAL, TYPE.FLOAT, TYPE.DOUBLE, TYPE.DATE, TYPE.NEWDATE, TYPE.DATETIME, TYPE.TIMESTAMP, TYPE.TIME]);
const DATES = new Set<number>([TYPE.DATE, TYPE.NEWDATE, TYPE.DATETIME, TYPE.TIMESTAMP]);
const DIGITS_BOOL = new Set<number>([TYPE.TINY, TYPE.SHORT, TYPE.LONG, TYPE.INT24, TYPE.YEAR, TYPE.LONGLONG, TYPE.DECIMAL, TYPE.NEWDECIMAL]);

/** What a column's bytes go through. */
export const W = {
  /** UTF-8 text: COPY escapes, NUL (rare) through the encoder, U+FFFD counted. */
  TEXT: 0,
  /** Integer digits as mysql2 reads them to a number: leading zeros dropped (rare path). */
  INT: 1,
  /** ASCII the server formats (decimals, bigints, floats, times): copied as sent. */
  RAW: 2,
  DATE: 3,
  DATE_TZ: 4,
  BYTEA: 5,
  WKB: 6,
  BOOL_DIGITS: 7,
  BOOL_BYTES: 8,
  VARBIT: 9,
  SET_ARRAY: 10,
  /** Anything else: decode the value as mysql2 would and call the column's encoder. */
  DECODE: 11,
} as const;

const isUtf8Text = (f: WireField): boolean =>
  f.characterSet !== BINARY_CHARSET && (f.encoding === 'utf8' || f.encoding === 'cesu8');
const isBinary = (f: WireField): boolean =>
  f.characterSet === BINARY_CHARSET && f.columnType !== TYPE.JSON && f.extendedFormat !== 'json';

/** The writer for one column: its encoder's transform applied to the kind of bytes the server sends for it. */
export function wireWriter(encode: FieldEncoder, f: WireField): { code: number; width: number } {
  const t = fieldTransform(encode);
  const w = (code: number, width = 0) => ({ code, width });
  if (!t) return w(W.DECODE);
  const type = f.columnType;
  switch (t.kind) {
    case 'text':
      if (f.extendedFormat !== 'json' && SMALL_INTS.has(type)) return w(W.INT);
      if (f.extendedFormat !== 'json' && ASCII_TEXT.has(type)) return w(W.RAW);
      if (type === TYPE.GEOMETRY) return w(W.DECODE);
      return isUtf8Text(f) || isBinary(f) || type === TYPE.JSON ? w(W.TEXT) : w(W.DECODE);
    case 'date':
      if (!DATES.has(type)) return w(W.DECODE);
      return w(t.withZone ? W.DATE_TZ : W.DATE);
    case 'bytea':
      return isBinary(f) && type !== TYPE.GEOMETRY ? w(W.BYTEA) : w(W.DECODE);
    case 'wkb':
      return isBinary(f) ? w(W.WKB) : w(W.DECODE);
    case 'bool':
      if (DIGITS_BOOL.has(type)) return w(W.BOOL_DIGITS);
      return isBinary(f) && type !== TYPE.GEOMETRY ? w(W.BOOL_BYTES) : w(W.DECODE);
    case 'varbit':
      return isBinary(f) && type !== TYPE.GEOMETRY ? w(W.VARBIT, t.width) : w(W.DECODE);
    case 'set-array':
      return isUtf8Text(f) && !SMALL_INTS.has(type) && !ASCII_TEXT.has(type) ? w(W.SET_ARRAY) : w(W.DECODE);
    default: {
      const never: never = t;
      return never;
    }
  }
}

/** The value mysql2 gives for a field with the copy's options (dateStrings, bigNumberStrings, jsonStrings); geometry stays bytes. */
export function decodeWireValue(f: WireField, src: Buffer, a: number, b: number): unknown {
  const type = f.columnType;
  if (f.extendedFormat === 'json' || type === TYPE.JSON) return src.toString('utf8', a, b);
  if (SMALL_INTS.has(type)) return smallInt(src, a, b);
  if (type === TYPE.FLOAT || type === TYPE.DOUBLE) return mysql2Float(src, a, b);
  if (type === TYPE.LONGLONG) return src.toString('latin1', a, b);
  if (ASCII_TEXT.has(type)) return src.toString('ascii', a, b);
  if (f.characterSet === BINARY_CHARSET || type === TYPE.GEOMETRY) return src.subarray(a, b);
  const enc = f.encoding === 'cesu8' || !f.encoding ? 'utf8' : f.encoding;
  return Buffer.isEncoding(enc) ? src.toString(enc, a, b) : new TextDecoder(enc).decode(src.subarray(a, b));
}

/** mysql2's parseIntNoBigCheck. */
function smallInt(src: Buffer, a: number, b: number): number {
  if (a === b) return 0;
  let i = a;
  let sign = 1;
  if (src[i] === 0x2d) {
    sign = -1;
    i++;
  }
  if (src[i] === 0x2b) i++;
  let n = 0;
  for (; i < b; i++) n = n * 10 + src[i]! - 48;
  return n * sign;
}

/** mysql2's parseFloat (digit accumulation below 18 characters, Number.parseFloat otherwise or with an exponent). */
function mysql2Float(src: Buffer, a: number, b: number): number {
  const len = b - a;
  if (len === 0) return 0;
  const text = src.toString('latin1', a, b);
  if (len > 17 || /[eE]/.test(text)) return Number.parseFloat(text);
  let i = a;
  let factor = 1;
  let result = 0;
  let pastDot = false;
  if (src[i] === 0x2d) {
    i++;
    factor = -1;
  }
  if (src[i] === 0x2b) i++;
  for (; i < b; i++) {
    const c = src[i]!;
    if (c === 0x2e) pastDot = true;
    else {
      result = result * 10 + c - 48;
      if (pastDot) factor *= 10;
    }
  }
  return result / factor;
}

const TAB = 0x09;
const NL = 0x0a;
const BS = 0x5c;
const HEX = Buffer.from('0123456789abcdef');
/** Per byte: 0 copy, 1 look closer (NUL, first byte of U+FFFD), else the letter after a backslash. */
const ESC = new Uint8Array(256);
ESC[0x00] = 1;
ESC[0xef] = 1;
ESC[BS] = BS;
ESC[TAB] = 0x74;
ESC[NL] = 0x6e;
ESC[0x0d] = 0x72;

/** Bytes written before a piece is handed on: large pieces mean few stream hops and few socket writes. */
export const PIECE_BYTES = 256 * 1024;

export interface RowWriter {
  /** Appends one text-protocol row (its packet payload) as a COPY line. */
  row(src: Buffer, start: number, end: number): void;
  /** Bytes waiting. */
  size(): number;
  /** The lines written so far (valid UTF-8), or undefined when there are none. */
  take(): Buffer | undefined;
}

// The writers below take the output buffer and position and return the new position (locals, not closure
// variables, in the loops that touch every byte).

/** Set when a text field held U+FFFD (EF BF BD): the encoders count such values. */
let sawReplacement = false;

/** One byte of UTF-8 text (src[i], the text ending at b) with COPY escapes: the next output offset, or -1 for a NUL. */
function putTextByte(src: Buffer, i: number, b: number, out: Buffer, o: number): number {
  const c = src[i]!;
  const e = ESC[c]!;
  if (e === 0) {
    out[o] = c;
    return o + 1;
  }
  if (e === 1) {
    if (c === 0) return -1;
    if (i + 2 < b && src[i + 1] === 0xbf && src[i + 2] === 0xbd) sawReplacement = true;
    out[o] = c;
    return o + 1;
  }
  out[o] = BS;
  out[o + 1] = e;
  return o + 2;
}

/** UTF-8 text with COPY escapes; -1 when it holds a NUL (the caller then takes the encoder's path). */
function writeText(src: Buffer, a: number, b: number, out: Buffer, o: number): number {
  for (let i = a; i < b && o >= 0; i++) o = putTextByte(src, i, b, out, o);
  return o;
}

/** SET 'a,b' as the array literal {"a","b"}, members escaped for the array and then for COPY; -1 on a NUL. */
function writeSetArray(src: Buffer, a: number, b: number, out: Buffer, o: number): number {
  out[o++] = 0x7b;
  if (a === b) {
    out[o++] = 0x7d;
    return o;
  }
  out[o++] = 0x22;
  for (let i = a; i < b; i++) {
    const c = src[i]!;
    if (c === 0x2c) {
      out[o++] = 0x22;
      out[o++] = 0x2c;
      out[o++] = 0x22;
    } else if (c === 0x22) {
      out[o++] = BS;
      out[o++] = BS;
      out[o++] = 0x22;
    } else if (c === BS) {
      out[o++] = BS;
      out[o++] = BS;
      out[o++] = BS;
      out[o++] = BS;
    } else {
      o = putTextByte(src, i, b, out, o);
      if (o < 0) return -1;
    }
  }
  out[o++] = 0x22;
  out[o++] = 0x7d;
  return o;
}

function writeHex(src: Buffer, a: number, b: number, out: Buffer, o: number): number {
  out[o++] = BS;
  out[o++] = BS;
  out[o++] = 0x78;
  for (let i = a; i < b; i++) {
    const c = src[i]!;
    out[o++] = HEX[c >> 4]!;
    out[o++] = HEX[c & 15]!;
  }
  return o;
}

function writeVarbit(src: Buffer, a: number, b: number, width: number, out: Buffer, o: number): number {
  const bits = (b - a) * 8;
  for (let k = bits; k < width; k++) out[o++] = 0x30;
  for (let k = Math.max(0, bits - width); k < bits; k++) out[o++] = (src[a + (k >> 3)]! >> (7 - (k & 7))) & 1 ? 0x31 : 0x30;
  return o;
}

const digit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** A true number's digits (text protocol) that are not 1 (2, -1, 1.5): loaded into a boolean as true, they are counted. */
export function digitsOtherThanOne(src: Uint8Array, a: number, p: number): boolean {
  if (p - a === 1) return src[a] !== 0x31;
  return Number(Buffer.from(src.subarray(a, p)).toString('latin1')) !== 1;
}

/** isZeroDate on bytes: 0000…, yyyy-00-…, yyyy-mm-00…. */
export function zeroDate(src: Buffer, a: number, b: number): boolean {
  const len = b - a;
  if (len >= 4 && src[a] === 0x30 && src[a + 1] === 0x30 && src[a + 2] === 0x30 && src[a + 3] === 0x30) return true;
  if (len < 8 || !digit(src[a]) || !digit(src[a + 1]) || !digit(src[a + 2]) || !digit(src[a + 3]) || src[a + 4] !== 0x2d) return false;
  if (src[a + 5] === 0x30 && src[a + 6] === 0x30 && src[a + 7] === 0x2d) return true;
  return len >= 10 && digit(src[a + 5]) && digit(src[a + 6]) && src[a + 7] === 0x2d && src[a + 8] === 0x30 && src[a + 9] === 0x30;
}

/** COPY text writer for a result's columns: fields as the server reports them, encoders of the copy plan. */
export function rowWriter(fields: WireField[], encoders: FieldEncoder[], w: ValueWarnings): RowWriter {
  const n = fields.length;
  const codes = new Uint8Array(n);
  const widths = new Uint32Array(n);
  fields.forEach((f, i) => {
    const x = wireWriter(encoders[i]!, f);
    codes[i] = x.code;
    widths[i] = x.width;
  });
  const padRoom = widths.reduce((s, x) => s + x, 0);
  const textOut = [...codes].some((c) => c === W.TEXT || c === W.SET_ARRAY);
  let out = Buffer.allocUnsafe(PIECE_BYTES + 64 * 1024);
  let pos = 0;

  /** Room for n more bytes after pos, keeping what is written (a row never spans two pieces). */
  const room = (need: number): void => {
    if (pos + need <= out.length) return;
    const next = Buffer.allocUnsafe(Math.max(out.length * 2, pos + need));
    out.copy(next, 0, 0, pos);
    out = next;
  };
  /** The encoder's path: the value as mysql2 decodes it, through the column's FieldEncoder. */
  const decoded = (i: number, src: Buffer, a: number, b: number): void => {
    const s = encoders[i]!(decodeWireValue(fields[i]!, src, a, b), w);
    room(s.length * 3);
    pos += out.write(s, pos, 'utf8');
  };

  return {
    row(src, start, end) {
      // The widest transform (varbit) writes 8 bytes a source byte and pads to its width; NULLs and separators 3 each.
      room((end - start) * 8 + n * 4 + padRoom + 16);
      let buf = out;
      let o = pos;
      let p = start;
      for (let i = 0; i < n; i++) {
        if (i > 0) buf[o++] = TAB;
        let len = src[p++]!;
        if (len === 0xfb) {
          buf[o++] = BS;
          buf[o++] = 0x4e;
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
          case W.TEXT:
            next = writeText(src, a, p, buf, o);
            break;
          case W.INT:
            if (len > 1 ? src[a] !== 0x30 && (src[a] !== 0x2d || src[a + 1] !== 0x30) : len === 1) {
              for (let k = a; k < p; k++) buf[o++] = src[k]!;
              next = o;
            }
            break;
          case W.RAW:
            for (let k = a; k < p; k++) buf[o++] = src[k]!;
            next = o;
            break;
          case W.DATE:
          case W.DATE_TZ:
            if (zeroDate(src, a, p)) {
              w.zeroDates++;
              buf[o++] = BS;
              buf[o++] = 0x4e;
            } else {
              for (let k = a; k < p; k++) buf[o++] = src[k]!;
              if (codes[i] === W.DATE_TZ && len > 10) {
                buf[o++] = 0x2b;
                buf[o++] = 0x30;
                buf[o++] = 0x30;
              }
            }
            next = o;
            break;
          case W.BYTEA:
            next = writeHex(src, a, p, buf, o);
            break;
          case W.WKB:
            next = writeHex(src, len > 4 ? a + 4 : a, p, buf, o);
            break;
          case W.BOOL_DIGITS: {
            let on = false;
            for (let k = a; k < p && !on; k++) on = src[k]! >= 0x31 && src[k]! <= 0x39;
            if (on && digitsOtherThanOne(src, a, p)) w.otherIntsAsTrue = (w.otherIntsAsTrue ?? 0) + 1;
            buf[o++] = on ? 0x74 : 0x66;
            next = o;
            break;
          }
          case W.BOOL_BYTES: {
            let on = false;
            for (let k = a; k < p && !on; k++) on = src[k] !== 0;
            buf[o++] = on ? 0x74 : 0x66;
            next = o;
            break;
          }
          case W.VARBIT:
            next = writeVarbit(src, a, p, widths[i]!, buf, o);
            break;
          case W.SET_ARRAY:
            next = writeSetArray(src, a, p, buf, o);
            break;
          default:
        }
        if (sawReplacement) {
          sawReplacement = false;
          if (next >= 0) w.invalidText++;
        }
        if (next >= 0) o = next;
        else {
          // The rare field the bytes cannot carry (a NUL in text, a zero-padded integer, no byte transform).
          pos = o;
          decoded(i, src, a, p);
          buf = out;
          o = pos;
        }
      }
      buf[o++] = NL;
      pos = o;
    },
    size: () => pos,
    take() {
      if (pos === 0) return undefined;
      let piece: Buffer = out.subarray(0, pos);
      out = Buffer.allocUnsafe(PIECE_BYTES + 64 * 1024);
      pos = 0;
      if (textOut && !isUtf8(piece)) piece = replaceInvalidUtf8(piece, w);
      return piece;
    },
  };
}

const REPLACEMENT = Buffer.from('\uFFFD');

/**
 * The rare piece with bytes that are not UTF-8: each such field is decoded with U+FFFD for the bad bytes, as
 * mysql2 decodes it (separators and escapes are ASCII, so they never join or split a bad sequence).
 */
function replaceInvalidUtf8(piece: Buffer, w: ValueWarnings): Buffer {
  const parts: Uint8Array[] = [];
  let a = 0;
  for (let i = 0; i <= piece.length; i++) {
    if (i < piece.length && piece[i] !== TAB && piece[i] !== NL) continue;
    const field = piece.subarray(a, i);
    if (isUtf8(field)) parts.push(field);
    else {
      // A field that already held a U+FFFD was counted when it was written.
      if (!field.includes(REPLACEMENT)) w.invalidText++;
      parts.push(Buffer.from(field.toString('utf8')));
    }
    if (i < piece.length) parts.push(piece.subarray(i, i + 1));
    a = i + 1;
  }
  return Buffer.concat(parts);
}

/** The parts of mysql2's Query command this module drives (its row state, its start, its events). */
interface QueryCommand {
  row: (packet: WirePacket, connection: unknown) => unknown;
  start: (packet: unknown, connection: unknown) => unknown;
  next: unknown;
  on(event: 'fields', f: (fields: WireField[]) => void): void;
  on(event: 'error', f: (e: Error) => void): void;
  on(event: 'end', f: () => void): void;
}
interface WirePacket {
  sequenceId: number;
  numPackets: number;
  buffer: Buffer;
  start: number;
  offset: number;
  end: number;
  isEOF(): boolean;
}
/** The parts of mysql2's Connection the framer below drives: its packet parser, packet handler and sequence. */
interface ConnectionInternals {
  packetParser?: { execute(chunk: Buffer): unknown; _reusablePacket?: WirePacket };
  handlePacket?: (packet: WirePacket) => void;
  sequenceId: number;
  stream: { pause(): void };
  _command?: unknown;
  config?: { compress?: boolean };
}

const MAX_PAYLOAD = 0xffffff;

/**
 * Frames the socket bytes itself while one query runs: row packets go straight to onRow, every other packet
 * (result header, column definitions, EOF, errors) to mysql2 as its own parser would hand it. mysql2's per-packet
 * machinery costs more than encoding the row; the framing is 4 bytes a packet. Returns false when this mysql2
 * does not have the internals it needs (the caller then keeps mysql2's framing).
 */
function frameRows(conn: ConnectionInternals, query: QueryCommand, isRowState: () => boolean, onRow: (src: Buffer, start: number, end: number) => void): boolean {
  const own = conn.packetParser;
  const handle = conn.handlePacket?.bind(conn);
  const packet = own?._reusablePacket;
  // Compressed protocol packets have another header: mysql2 frames those.
  if (!own || !handle || !packet || typeof own.execute !== 'function' || conn.config?.compress) return false;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let large: Buffer[] = [];
  let active = false;
  const deliver = (b: Buffer, a: number, e: number, seq: number, parts: number): void => {
    // A row starts with a length-coded field (never 0xFF); 0xFE with under 13 bytes is the closing EOF.
    if (isRowState() && b[a] !== 0xff && !(b[a] === 0xfe && e - a < 13)) {
      conn.sequenceId = (seq + parts) % 256;
      onRow(b, a, e);
      return;
    }
    packet.sequenceId = seq;
    packet.numPackets = parts;
    packet.buffer = b;
    packet.start = a - 4;
    packet.offset = a;
    packet.end = e;
    handle(packet);
  };
  /** One whole packet at b[s..]; a payload of 16 MB or more comes in parts, and the part under 16 MB ends it. */
  const onPacket = (b: Buffer, s: number, len: number): void => {
    const seq = b[s + 3]!;
    if (len < MAX_PAYLOAD && !large.length) return deliver(b, s + 4, s + 4 + len, seq, 1);
    large.push(b.subarray(s + 4, s + 4 + len));
    if (len === MAX_PAYLOAD) return;
    const whole = Buffer.concat([Buffer.alloc(4), ...large]);
    const parts = large.length;
    large = [];
    deliver(whole, 4, whole.length, (seq - parts + 1 + 256) % 256, parts);
  };
  const lengthAt = (b: Buffer, s: number): number => b[s]! | (b[s + 1]! << 8) | (b[s + 2]! << 16);
  const framer = {
    execute(chunk: Buffer): void {
      let s = 0;
      if (pendingBytes) {
        // The packet cut by the previous read: only its bytes are joined, not the whole read.
        let head = pending[0]!.length >= 4 ? pending[0]! : Buffer.concat([...pending, chunk.subarray(0, 4)]);
        if (head.length < 4) {
          pending = [head];
          pendingBytes = head.length;
          return;
        }
        const total = lengthAt(head, 0) + 4;
        const take = Math.min(total - pendingBytes, chunk.length);
        pending.push(chunk.subarray(0, take));
        pendingBytes += take;
        s = take;
        if (pendingBytes < total) return;
        head = Buffer.concat(pending, total);
        pending = [];
        pendingBytes = 0;
        onPacket(head, 0, total - 4);
        if (!active) {
          if (s < chunk.length) own.execute(chunk.subarray(s));
          return;
        }
      }
      while (chunk.length - s >= 4) {
        const len = lengthAt(chunk, s);
        if (chunk.length - s < len + 4) break;
        onPacket(chunk, s, len);
        s += 4 + len;
        if (!active) {
          // The query ended: whatever follows (nothing, normally) is mysql2's again.
          if (s < chunk.length) own.execute(chunk.subarray(s));
          return;
        }
      }
      if (s < chunk.length) {
        // Kept as a copy: the read it came from can then be freed.
        const rest = Buffer.from(chunk.subarray(s));
        pending = [rest];
        pendingBytes = rest.length;
      }
    },
  };
  // Once the query is sent (the previous command complete), mysql2's parser holds no partial packet and the
  // answer has not been read yet: the framer starts clean. An idle connection sends it inside conn.query().
  const install = (): void => {
    active = true;
    conn.packetParser = framer;
  };
  if (conn._command === query) install();
  else {
    const baseStart = query.start;
    query.start = function (this: QueryCommand, p: unknown, c: unknown): unknown {
      install();
      return baseStart.call(this, p, c);
    };
  }
  query.on('end', () => {
    active = false;
    if (conn.packetParser === framer) conn.packetParser = own;
  });
  return true;
}

/** A binary COPY writer for a result's columns, or undefined when the result goes as COPY text. */
export type BinaryWriterFactory = (fields: WireField[], encoders: FieldEncoder[], w: ValueWarnings) => (RowWriter & { finish(): void }) | undefined;

/** Pieces a stream may hold before the socket pauses (memory stays flat: a few pieces a worker). */
const STREAM_HIGH_WATER = 2 * PIECE_BYTES;

/**
 * Runs a SELECT and streams its rows as COPY text pieces (whole rows each), or binary COPY when `binary` gives a
 * writer for its columns (the stream's format says which, once the columns are known), with backpressure: the socket
 * pauses while the consumer lags. Authentication and TLS stay mysql2's, and so does every packet but the rows.
 */
export function copyTextQuery(conn: Connection, sql: string, values: unknown[], t: CopyTable, sink: CopyTextSink, binary?: BinaryWriterFactory): CopyDataStream {
  const encoders = t.columns.map((c) => c.encode);
  const internals = conn as unknown as ConnectionInternals;
  let writer: (RowWriter & { finish?(): void }) | undefined;
  let failed = false;
  let decided: (f: CopyFormat) => void = () => undefined;
  let refused: (e: Error) => void = () => undefined;
  const format = new Promise<CopyFormat>((resolve, reject) => {
    decided = resolve;
    refused = reject;
  });
  format.catch(() => undefined);
  const stream = new Readable({
    highWaterMark: STREAM_HIGH_WATER,
    read: () => conn.resume(),
    destroy: (err, cb) => {
      // The rest of the result is read and dropped, so the connection stays usable.
      conn.resume();
      cb(err);
    },
  });
  const handOn = (): boolean => {
    const piece = writer?.take();
    if (!piece) return true;
    sink.count.bytes += piece.length;
    const more = stream.push(piece);
    sink.onPiece();
    return more;
  };
  const fail = (e: Error): void => {
    failed = true;
    refused(e);
    stream.destroy(e);
  };
  // The error reaches whoever reads the stream (pipeline sees an already failed stream too); none may be reading yet.
  stream.on('error', () => undefined);
  const onRow = (src: Buffer, start: number, end: number): void => {
    if (failed || stream.destroyed || !writer) return;
    try {
      writer.row(src, start, end);
      sink.count.rows++;
      // The socket pauses; the rest of the bytes already read are still written (at most one socket read).
      if (writer.size() >= PIECE_BYTES && !handOn()) internals.stream.pause();
    } catch (e) {
      fail(e as Error);
    }
  };
  const query = conn.query({ sql, values }) as unknown as QueryCommand;
  const baseRow = query.row;
  const row = function (this: QueryCommand, packet: WirePacket, connection: unknown): unknown {
    if (packet.isEOF()) return baseRow.call(this, packet, connection);
    onRow(packet.buffer, packet.offset, packet.end);
    return row;
  };
  query.row = row;
  frameRows(internals, query, () => query.next === row, onRow);
  query.on('fields', (fields) => {
    if (fields.length !== encoders.length) fail(new Error(`${t.name}: the source sent ${fields.length} columns, the copy expects ${encoders.length}`));
    else {
      const b = binary?.(fields, encoders, sink.warnings);
      writer = b ?? rowWriter(fields, encoders, sink.warnings);
      decided(b ? 'binary' : 'text');
    }
  });
  query.on('error', fail);
  query.on('end', () => {
    if (failed || stream.destroyed) return;
    try {
      // A result without fields (never for a SELECT) has nothing to say.
      if (!writer) decided('text');
      writer?.finish?.();
      handOn();
      stream.push(null);
    } catch (e) {
      fail(e as Error);
    }
  });
  return Object.assign(stream, { format });
}
