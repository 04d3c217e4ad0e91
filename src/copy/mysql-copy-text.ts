import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import type { Connection } from 'mysql2';
import type { CopyTable } from './plan.js';
import type { CopyTextSink } from './stream.js';
import { fieldTransform, type FieldEncoder, type ValueWarnings } from './transforms.js';

// The MySQL text protocol sends every value as a length-prefixed string of bytes (NULL as 0xFB). This module
// writes those bytes straight into COPY text, applying each column's transform (fieldTransform) to the bytes,
// so no JS string or value is made per field. It must load exactly what the column's FieldEncoder would load
// from the value mysql2 decodes (dateStrings, bigNumberStrings, jsonStrings): see test/copy-text-bytes.test.ts.

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
const TYPE = {
  DECIMAL: 0, TINY: 1, SHORT: 2, LONG: 3, FLOAT: 4, DOUBLE: 5, TIMESTAMP: 7, LONGLONG: 8, INT24: 9, DATE: 10,
  TIME: 11, DATETIME: 12, YEAR: 13, NEWDATE: 14, JSON: 245, NEWDECIMAL: 246, GEOMETRY: 255,
} as const;
const BINARY_CHARSET = 63;
const SMALL_INTS = new Set<number>([TYPE.TINY, TYPE.SHORT, TYPE.LONG, TYPE.INT24, TYPE.YEAR]);
const ASCII_TEXT = new Set<number>([TYPE.LONGLONG, TYPE.DECIMAL, TYPE.NEWDECIMAL, TYPE.FLOAT, TYPE.DOUBLE, TYPE.DATE, TYPE.NEWDATE, TYPE.DATETIME, TYPE.TIMESTAMP, TYPE.TIME]);
const DATES = new Set<number>([TYPE.DATE, TYPE.NEWDATE, TYPE.DATETIME, TYPE.TIMESTAMP]);
const DIGITS_BOOL = new Set<number>([TYPE.TINY, TYPE.SHORT, TYPE.LONG, TYPE.INT24, TYPE.YEAR, TYPE.LONGLONG, TYPE.DECIMAL, TYPE.NEWDECIMAL]);

/** What a column's bytes go through. */
const W = {
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

  /** Room for n more bytes, keeping what is written (a row never spans two pieces). */
  const room = (need: number): void => {
    if (pos + need <= out.length) return;
    const next = Buffer.allocUnsafe(Math.max(out.length * 2, pos + need));
    out.copy(next, 0, 0, pos);
    out = next;
  };
  const hex = (src: Buffer, a: number, b: number): void => {
    out[pos++] = BS;
    out[pos++] = BS;
    out[pos++] = 0x78;
    for (let i = a; i < b; i++) {
      const c = src[i]!;
      out[pos++] = HEX[c >> 4]!;
      out[pos++] = HEX[c & 15]!;
    }
  };
  const decoded = (i: number, src: Buffer, a: number, b: number): void => {
    const s = encoders[i]!(decodeWireValue(fields[i]!, src, a, b), w);
    room(s.length * 3);
    pos += out.write(s, pos, 'utf8');
  };
  /** UTF-8 text with COPY escapes; false when it holds a NUL (the caller then takes the encoder's path). */
  const text = (src: Buffer, a: number, b: number): boolean => {
    let replacement = false;
    for (let i = a; i < b; i++) {
      const c = src[i]!;
      const e = ESC[c]!;
      if (e === 0) out[pos++] = c;
      else if (e === 1) {
        if (c === 0) return false;
        if (src[i + 1] === 0xbf && src[i + 2] === 0xbd && i + 2 < b) replacement = true;
        out[pos++] = c;
      } else {
        out[pos++] = BS;
        out[pos++] = e;
      }
    }
    if (replacement) w.invalidText++;
    return true;
  };
  /** SET 'a,b' as the array literal {"a","b"}, members escaped for the array and then for COPY. */
  const setArray = (src: Buffer, a: number, b: number): boolean => {
    if (a === b) {
      out[pos++] = 0x7b;
      out[pos++] = 0x7d;
      return true;
    }
    let replacement = false;
    out[pos++] = 0x7b;
    out[pos++] = 0x22;
    for (let i = a; i < b; i++) {
      const c = src[i]!;
      if (c === 0x2c) {
        out[pos++] = 0x22;
        out[pos++] = 0x2c;
        out[pos++] = 0x22;
      } else if (c === 0x22) {
        out[pos++] = BS;
        out[pos++] = BS;
        out[pos++] = 0x22;
      } else if (c === BS) {
        out[pos++] = BS;
        out[pos++] = BS;
        out[pos++] = BS;
        out[pos++] = BS;
      } else {
        const e = ESC[c]!;
        if (e === 0) out[pos++] = c;
        else if (e === 1) {
          if (c === 0) return false;
          if (src[i + 1] === 0xbf && src[i + 2] === 0xbd && i + 2 < b) replacement = true;
          out[pos++] = c;
        } else {
          out[pos++] = BS;
          out[pos++] = e;
        }
      }
    }
    out[pos++] = 0x22;
    out[pos++] = 0x7d;
    if (replacement) w.invalidText++;
    return true;
  };
  const digit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
  /** isZeroDate on bytes: 0000…, yyyy-00-…, yyyy-mm-00…. */
  const zeroDate = (src: Buffer, a: number, b: number): boolean => {
    const len = b - a;
    if (len >= 4 && src[a] === 0x30 && src[a + 1] === 0x30 && src[a + 2] === 0x30 && src[a + 3] === 0x30) return true;
    if (len < 8 || !digit(src[a]) || !digit(src[a + 1]) || !digit(src[a + 2]) || !digit(src[a + 3]) || src[a + 4] !== 0x2d) return false;
    if (src[a + 5] === 0x30 && src[a + 6] === 0x30 && src[a + 7] === 0x2d) return true;
    return len >= 10 && digit(src[a + 5]) && digit(src[a + 6]) && src[a + 7] === 0x2d && src[a + 8] === 0x30 && src[a + 9] === 0x30;
  };
  const varbit = (src: Buffer, a: number, b: number, width: number): void => {
    const bits = (b - a) * 8;
    for (let k = bits; k < width; k++) out[pos++] = 0x30;
    for (let k = Math.max(0, bits - width); k < bits; k++) out[pos++] = (src[a + (k >> 3)]! >> (7 - (k & 7))) & 1 ? 0x31 : 0x30;
  };

  return {
    row(src, start, end) {
      // The widest transform (varbit) writes 8 bytes a source byte and pads to its width; NULLs and separators 3 each.
      room((end - start) * 8 + n * 4 + padRoom + 16);
      let p = start;
      for (let i = 0; i < n; i++) {
        if (i > 0) out[pos++] = TAB;
        let len = src[p++]!;
        if (len === 0xfb) {
          out[pos++] = BS;
          out[pos++] = 0x4e;
          continue;
        }
        if (len >= 0xfc) {
          if (len === 0xfc) {
            len = src[p]! | (src[p + 1]! << 8);
            p += 2;
          } else if (len === 0xfd) {
            len = src[p]! | (src[p + 1]! << 8) | (src[p + 2]! << 16);
            p += 3;
          } else {
            len = src.readUInt32LE(p) + src.readUInt32LE(p + 4) * 2 ** 32;
            p += 8;
          }
        }
        const a = p;
        p += len;
        switch (codes[i]) {
          case W.TEXT: {
            const at = pos;
            if (!text(src, a, p)) {
              pos = at;
              decoded(i, src, a, p);
            }
            break;
          }
          case W.INT:
            if (len === 0 || (len > 1 && (src[a] === 0x30 || (src[a] === 0x2d && src[a + 1] === 0x30)))) decoded(i, src, a, p);
            else for (let k = a; k < p; k++) out[pos++] = src[k]!;
            break;
          case W.RAW:
            for (let k = a; k < p; k++) out[pos++] = src[k]!;
            break;
          case W.DATE:
          case W.DATE_TZ:
            if (zeroDate(src, a, p)) {
              w.zeroDates++;
              out[pos++] = BS;
              out[pos++] = 0x4e;
            } else {
              for (let k = a; k < p; k++) out[pos++] = src[k]!;
              if (codes[i] === W.DATE_TZ && len > 10) {
                out[pos++] = 0x2b;
                out[pos++] = 0x30;
                out[pos++] = 0x30;
              }
            }
            break;
          case W.BYTEA:
            hex(src, a, p);
            break;
          case W.WKB:
            hex(src, len > 4 ? a + 4 : a, p);
            break;
          case W.BOOL_DIGITS: {
            let on = false;
            for (let k = a; k < p && !on; k++) on = src[k]! >= 0x31 && src[k]! <= 0x39;
            out[pos++] = on ? 0x74 : 0x66;
            break;
          }
          case W.BOOL_BYTES: {
            let on = false;
            for (let k = a; k < p && !on; k++) on = src[k] !== 0;
            out[pos++] = on ? 0x74 : 0x66;
            break;
          }
          case W.VARBIT:
            varbit(src, a, p, widths[i]!);
            break;
          case W.SET_ARRAY: {
            const at = pos;
            if (!setArray(src, a, p)) {
              pos = at;
              decoded(i, src, a, p);
            }
            break;
          }
          default:
            decoded(i, src, a, p);
        }
      }
      out[pos++] = NL;
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

/** The parts of mysql2's Query command this module drives (a row handler of its own, pause and resume). */
interface QueryCommand {
  row: (packet: WirePacket, connection: unknown) => unknown;
  on(event: 'fields', f: (fields: WireField[]) => void): void;
  on(event: 'error', f: (e: Error) => void): void;
  on(event: 'end', f: () => void): void;
}
interface WirePacket {
  buffer: Buffer;
  offset: number;
  end: number;
  isEOF(): boolean;
}

/** Pieces a stream may hold before the socket pauses (memory stays flat: a few pieces a worker). */
const STREAM_HIGH_WATER = 2 * PIECE_BYTES;

/**
 * Runs a SELECT and streams its rows as COPY text pieces (whole rows each), with backpressure: the socket
 * pauses while the consumer lags. Authentication, TLS and packet framing stay mysql2's; only row packets are ours.
 */
export function copyTextQuery(conn: Connection, sql: string, values: unknown[], t: CopyTable, sink: CopyTextSink): Readable {
  const encoders = t.columns.map((c) => c.encode);
  let writer: RowWriter | undefined;
  let failed = false;
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
    stream.destroy(e);
  };
  const query = conn.query({ sql, values }) as unknown as QueryCommand;
  const baseRow = query.row;
  const row = function (this: QueryCommand, packet: WirePacket, connection: unknown): unknown {
    if (packet.isEOF()) return baseRow.call(this, packet, connection);
    if (failed || stream.destroyed || !writer) return row;
    try {
      writer.row(packet.buffer, packet.offset, packet.end);
      sink.count.rows++;
      if (writer.size() >= PIECE_BYTES && !handOn()) conn.pause();
    } catch (e) {
      fail(e as Error);
    }
    return row;
  };
  query.row = row;
  query.on('fields', (fields) => {
    if (fields.length !== encoders.length) fail(new Error(`${t.name}: the source sent ${fields.length} columns, the copy expects ${encoders.length}`));
    else writer = rowWriter(fields, encoders, sink.warnings);
  });
  query.on('error', fail);
  query.on('end', () => {
    if (failed || stream.destroyed) return;
    try {
      handOn();
      stream.push(null);
    } catch (e) {
      fail(e as Error);
    }
  });
  return stream;
}
