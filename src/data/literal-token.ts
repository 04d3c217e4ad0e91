/** A dialect token reduced to what a VALUES row of literals needs. */
export interface LiteralToken {
  k: 'str' | 'num' | 'bin' | 'bits' | 'null' | 'word' | 'op' | 'other' | 'end';
  /** str: decoded text; num: digits as written; bin: hex digits; bits: 0/1 digits; word: upper case; op: the operator. */
  v: string;
}

/** One row's values for the field encoders: null, a string (text or number as written) or a Buffer (binary, bits). */
export type RowValue = null | string | Buffer;

export class RowError extends Error {}
