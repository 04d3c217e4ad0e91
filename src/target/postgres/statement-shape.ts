/**
 * A statement's shape: its text with what PostgreSQL's grammar never looks inside replaced by a stand-in.
 * The scanner turns a quoted name, a bare name that is not a keyword, a plain string, a dollar-quoted string (a
 * function's body: the grammar never reads it) and a small integer into one token each (IDENT, SCONST, ICONST)
 * whatever they hold, so two statements of one shape are accepted or rejected alike: the check parses one
 * statement per shape and the parser's answer holds for the rest.
 *
 * Every form whose contents the scanner does read (or whose end is harder to see) leaves the statement without a
 * shape, and it is parsed itself: E'' and U&'' escapes, the empty name "", a $1 parameter or an unclosed dollar
 * quote, comments, a NUL, a word glued to a quote or & (x'..', b'..', n'..' are literals of their own), an integer
 * too long for ICONST, a number glued to letters or dots.
 *
 * A shape is a run of units: a character code, or a stand-in code above them. The walk writes the units of one
 * statement into a scratch buffer with their hash; shapes are kept as copies of that buffer and compared whole,
 * so no string is made per statement and two shapes are never taken for one.
 */

const IDENT = 0x10000, STRING = 0x10001, INTEGER = 0x10002, DOLLAR_STRING = 0x10003;

export class ShapeCache {
  private readonly kw: KeywordTable;
  private scratch = new Int32Array(1024);
  private length = 0;
  private hash = 0;
  /** hash → ids of the shapes with it. */
  private readonly byHash = new Map<number, number | number[]>();
  private readonly shapes: Int32Array[] = [];
  private readonly accepted: boolean[] = [];
  private units = 0;

  constructor(keywords: readonly string[], private readonly maxUnits = 4 << 20) {
    this.kw = new KeywordTable(keywords);
  }

  /** The id of `sql`'s shape (a new one the first time), or -1 when it has none or the cache is full. */
  shapeOf(sql: string): number {
    if (!this.walk(sql)) return -1;
    const found = this.byHash.get(this.hash);
    if (found !== undefined) {
      if (typeof found === 'number') {
        if (this.same(found)) return found;
      } else {
        for (const id of found) if (this.same(id)) return id;
      }
    }
    if (this.units + this.length > this.maxUnits) return -1;
    const id = this.shapes.length;
    this.shapes.push(this.scratch.slice(0, this.length));
    this.accepted.push(false);
    this.units += this.length;
    if (found === undefined) this.byHash.set(this.hash, id);
    else if (typeof found === 'number') this.byHash.set(this.hash, [found, id]);
    else found.push(id);
    return id;
  }

  isAccepted(id: number): boolean {
    return this.accepted[id]!;
  }

  /** PostgreSQL's parser accepted a statement of this shape. */
  accept(id: number): void {
    this.accepted[id] = true;
  }

  /** Forget every shape when they hold more than half the room (between checks: ids live for one check). */
  trim(): void {
    if (this.units * 2 <= this.maxUnits) return;
    this.byHash.clear();
    this.shapes.length = this.accepted.length = this.units = 0;
  }

  private same(id: number): boolean {
    const s = this.shapes[id]!;
    if (s.length !== this.length) return false;
    const a = this.scratch;
    for (let k = 0; k < s.length; k++) if (s[k] !== a[k]) return false;
    return true;
  }

  /** Writes the units of `sql` into the scratch buffer with their hash; false when it has no shape. */
  private walk(sql: string): boolean {
    const n = sql.length;
    if (sql.indexOf('\0') >= 0) return false; // the parser reads a C string: a NUL ends it
    if (this.scratch.length < n) this.scratch = new Int32Array(Math.max(n, this.scratch.length * 2));
    const out = this.scratch; // a statement has at most one unit per character
    let len = 0;
    let h = 0;
    for (let i = 0; i < n;) {
      const c = sql.charCodeAt(i);
      const cls = c < 128 ? CLASS[c]! : WORD;
      if (cls === OTHER) {
        out[len++] = c;
        h = (h * 31 + c) | 0;
        i++;
      } else if (cls === WORD) {
        let j = i + 1;
        let hw = wordStep(WORD_SEED, c);
        for (let d = sql.charCodeAt(j); j < n && (d >= 128 || CLASS[d]! >= WORD); d = sql.charCodeAt(++j)) hw = wordStep(hw, d);
        const next = sql.charCodeAt(j);
        // A word glued to a quote or & is kept as it is (with the quote it may be one token); E'' and U& read escapes.
        const glued = next === 39 || next === 34 || next === 38;
        if (glued && j - i === 1 && (((c | 32) === 101 && next === 39) || ((c | 32) === 117 && next === 38))) return false;
        if (glued || this.kw.has(hw >>> 0, sql, i, j)) {
          for (let k = i; k < j; k++) {
            const u = sql.charCodeAt(k);
            out[len++] = u;
            h = (h * 31 + u) | 0;
          }
        } else {
          out[len++] = IDENT;
          h = (h * 31 + IDENT) | 0;
        }
        i = j;
      } else if (cls === DIGIT) {
        let j = i + 1;
        let digits = true;
        for (; j < n; j++) {
          const d = sql.charCodeAt(j);
          if (d >= 48 && d <= 57) continue;
          if (d >= 128 || CLASS[d]! >= WORD || d === 46 /* . */) digits = false;
          else break;
        }
        if (digits && j - i <= 9 && sql.charCodeAt(i - 1) !== 46) {
          out[len++] = INTEGER;
          h = (h * 31 + INTEGER) | 0;
        } else {
          for (let k = i; k < j; k++) {
            const u = sql.charCodeAt(k);
            out[len++] = u;
            h = (h * 31 + u) | 0;
          }
        }
        i = j;
      } else if (cls === QUOTE) {
        const q = c === 39 ? "'" : '"';
        let end = sql.indexOf(q, i + 1);
        while (end >= 0 && sql.charCodeAt(end + 1) === c) end = sql.indexOf(q, end + 2);
        if (end < 0 || (c === 34 && end === i + 1)) return false;
        const unit = c === 39 ? STRING : IDENT;
        out[len++] = unit;
        h = (h * 31 + unit) | 0;
        i = end + 1;
      } else if (cls === DOLLAR) {
        // $tag$ ... $tag$ is one string token; the grammar never reads a function's body. $1 is a parameter.
        let j = i + 1;
        for (let d = sql.charCodeAt(j); j < n && (d >= 128 || (CLASS[d]! >= WORD && CLASS[d] !== DOLLAR && (j > i + 1 || CLASS[d] === WORD))); d = sql.charCodeAt(++j));
        if (sql.charCodeAt(j) !== 36) return false;
        const end = sql.indexOf(sql.slice(i, j + 1), j + 1);
        if (end < 0) return false;
        out[len++] = DOLLAR_STRING;
        h = (h * 31 + DOLLAR_STRING) | 0;
        i = end + j + 1 - i;
      } else {
        // -- or /* (a comment).
        if (sql.charCodeAt(i + 1) === (c === 45 ? 45 : 42)) return false;
        out[len++] = c;
        h = (h * 31 + c) | 0;
        i++;
      }
    }
    this.length = len;
    this.hash = h;
    return true;
  }
}

/**
 * Classes of the ASCII characters. WORD: [A-Za-z_], and every non-ASCII character is one too (PostgreSQL's
 * ident_start reads bytes >= 0x80 as letters); WORD, DIGIT and DOLLAR continue a word (ident_cont). SPECIAL: - and /,
 * where a comment may start.
 */
const OTHER = 0, QUOTE = 1, SPECIAL = 2, WORD = 3, DIGIT = 4, DOLLAR = 5;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] = /[A-Za-z_]/.test(ch) ? WORD : /[0-9]/.test(ch) ? DIGIT : ch === '$' ? DOLLAR : ch === "'" || ch === '"' ? QUOTE : '-/'.includes(ch) ? SPECIAL : OTHER;
}

/** The keywords as an open-addressing table over ASCII-lowercased character codes: a word is looked up in place. */
class KeywordTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly maxLength: number;

  constructor(private readonly words: readonly string[]) {
    let size = 64;
    while (size < words.length * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.maxLength = Math.max(...words.map((w) => w.length));
    words.forEach((w, k) => {
      let at = wordHash(w) & this.mask;
      while (this.slots[at] !== 0) at = (at + 1) & this.mask;
      this.slots[at] = k + 1;
    });
  }

  /** sql[from, to), whose wordHash is `hash`, is a keyword (case-insensitively: PostgreSQL folds ASCII letters only). */
  has(hash: number, sql: string, from: number, to: number): boolean {
    if (to - from > this.maxLength) return false;
    for (let at = hash & this.mask; this.slots[at] !== 0; at = (at + 1) & this.mask) {
      const w = this.words[this.slots[at]! - 1]!;
      if (w.length !== to - from) continue;
      let k = 0;
      while (k < w.length && lower(sql.charCodeAt(from + k)) === w.charCodeAt(k)) k++;
      if (k === w.length) return true;
    }
    return false;
  }
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

const WORD_SEED = 0x811c9dc5;

function wordStep(h: number, c: number): number {
  return Math.imul(h ^ lower(c), 0x01000193);
}

function wordHash(s: string): number {
  let h = WORD_SEED;
  for (let k = 0; k < s.length; k++) h = wordStep(h, s.charCodeAt(k));
  return h >>> 0;
}

/**
 * The grammar's keywords, read from the parser itself: libpg_query's module holds PostgreSQL's keyword list
 * (kwlist.h) as one run of NUL-terminated words in alphabetical order, from "abort" to "zone". Undefined when the
 * run is not found as expected; then no statement has a shape and every one is parsed.
 */
export function grammarKeywords(module: Uint8Array): string[] | undefined {
  const bytes = Buffer.from(module.buffer, module.byteOffset, module.byteLength);
  // "abort" is in other strings too: the list is the run that goes on to "zone".
  for (let start = bytes.indexOf('abort\0'); start >= 0; start = bytes.indexOf('abort\0', start + 1)) {
    const words: string[] = [];
    for (let at = start; ;) {
      const end = bytes.indexOf(0, at);
      if (end < 0) break;
      const word = bytes.toString('latin1', at, end);
      if (!/^[a-z_]+$/.test(word) || (words.length && word <= words[words.length - 1]!)) break;
      words.push(word);
      at = end + 1;
    }
    if (words.length >= 400 && words[words.length - 1] === 'zone') return words;
  }
  return undefined;
}
