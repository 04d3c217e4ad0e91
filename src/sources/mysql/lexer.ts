import { diag, type Diagnostic } from '../../model/diagnostics.js';
import { detach, hashOf, hashStep, SliceCache } from '../slice-cache.js';
import type { SourceSpan } from '../../model/source.js';
import grammar from '../../../grammars/mysql.json' with { type: 'json' };

const CHARACTER_SETS = new Set(grammar.characterSets);

/**
 * word: bare word (value upper-cased); qid: `quoted` identifier (value unquoted);
 * str: string literal (value decoded); num: number text; hex: hex digits; bits: 0/1 digits;
 * var: @user variable; sysvar: @@system variable; op: punctuation/operator; delim: statement delimiter.
 */
export type TokenKind = 'word' | 'qid' | 'str' | 'num' | 'hex' | 'bits' | 'var' | 'sysvar' | 'op' | 'delim' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Offsets in the script text; end is exclusive. */
  start: number;
  end: number;
  value: string;
  /** String introducer (_utf8mb4'x', _binary'x'). */
  charset?: string;
  /** N'x'. */
  national?: boolean;
  /** A versioned-comment marker (/*!NNNNN or its closing) lies between the previous token and this one. */
  gap?: boolean;
  /** Unterminated string, identifier or comment (already reported as PGS1002). */
  bad?: boolean;
}

/** Line starts of one script, for turning offsets into 1-based line:col on demand (spans are rare next to tokens). */
export interface LineIndex {
  file: string;
  starts: number[];
  /** 1-based line of the text's first line in its file (segments of big scripts start further down). */
  first: number;
  /** Line of the last lookup: spans are asked for in text order, so the next one is on that line or just below. */
  hint: number;
}

export function lineIndex(file: string, text: string, first = 1): LineIndex {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return { file, starts, first, hint: 0 };
}

/** Lines walked from the last lookup before a binary search (which misses the cache at every step of a big script). */
const LINE_WALK = 64;

function lineOf(idx: LineIndex, offset: number): number {
  const s = idx.starts;
  let lo = idx.hint;
  if (s[lo]! <= offset) {
    for (let k = 0; k < LINE_WALK; k++, lo++) {
      if (lo + 1 >= s.length || s[lo + 1]! > offset) return (idx.hint = lo);
    }
  } else {
    // a statement's span starts a few lines above the last token looked up
    for (let k = 0; k < LINE_WALK && lo > 0; k++) {
      if (s[--lo]! <= offset) return (idx.hint = lo);
    }
  }
  lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return (idx.hint = lo);
}

/** Span from offset `start` to exclusive offset `end` (end line:col point at the last character). */
export function offsetSpan(idx: LineIndex, start: number, end: number): SourceSpan {
  const l1 = lineOf(idx, start);
  const last = Math.max(start, end - 1);
  const l2 = lineOf(idx, last);
  return { file: idx.file, line: l1 + idx.first, col: start - idx.starts[l1]! + 1, endLine: l2 + idx.first, endCol: last - idx.starts[l2]! + 1 };
}

export interface Lexer {
  next(): Token;
  /** After INSERT ... VALUES: count row groups up to the delimiter (returned as `end`) without tokens. */
  skimRows(): { rows: number; tail: boolean; end: Token };
  /** The current statement delimiter (changed by the client command DELIMITER). */
  delimiter(): string;
  lines: LineIndex;
}

/**
 * Strings cut from the script are shared (SliceCache): short ones (names, keywords, literal values, raw type text)
 * always, as V8 copies them when it slices (shorter than 13 characters) and a cached one keeps no text alive; longer
 * ones (CURRENT_TIMESTAMP, a collation, a repeated COMMENT) while a script is parsed (withSharedStrings).
 */
const SHORT_MAX = 12;
const LONG_MAX = 64;
const SLOTS = 4096;
const shortStrings = new SliceCache(SLOTS);
/** The upper-cased form of shortStrings' string in the same slot, filled when a word token reads it. */
const shortUpper: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
let longStrings: SliceCache | undefined;

/** Runs `parse` with longer strings shared (see internSlice). */
export function withSharedStrings<T>(parse: () => T): T {
  const outer = longStrings;
  longStrings ??= new SliceCache(SLOTS);
  try {
    return parse();
  } finally {
    longStrings = outer;
  }
}

/** text.slice(start, end), shared with earlier slices of the same characters (see SHORT_MAX and LONG_MAX). */
export function internSlice(text: string, start: number, end: number): string {
  const n = end - start;
  const cache = n <= SHORT_MAX ? shortStrings : n <= LONG_MAX ? longStrings : undefined;
  if (!cache) return detach(text.slice(start, end));
  const k = cache.slot(hashOf(text, start, end), n);
  const hit = cache.at(k, text, start, end);
  if (hit !== undefined) return hit;
  if (cache === shortStrings) shortUpper[k] = undefined;
  return (cache.strings[k] = detach(text.slice(start, end)));
}

/** text.slice(start, end).toUpperCase() (a bare word's token value), shared when short; `h`: hash of its characters. */
function upperSlice(text: string, start: number, end: number, h: number): string {
  if (end - start > SHORT_MAX) return detach(text.slice(start, end)).toUpperCase();
  const k = shortStrings.slot(h, end - start);
  const hit = shortStrings.at(k, text, start, end);
  if (hit !== undefined && shortUpper[k] !== undefined) return shortUpper[k]!;
  const up = (hit ?? (shortStrings.strings[k] = detach(text.slice(start, end)))).toUpperCase();
  shortUpper[k] = up;
  return up;
}

const C_SPACE = 32, C_BANG = 33, C_DQ = 34, C_HASH = 35, C_DOLLAR = 36, C_SQ = 39, C_STAR = 42;
const C_DASH = 45, C_DOT = 46, C_SLASH = 47, C_0 = 48, C_9 = 57, C_SEMI = 59, C_AT = 64, C_BSL = 92, C_BT = 96;

/** ASCII identifier characters: letters, digits, _ and $ (every non-ASCII character is one too). */
const IDENT_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  IDENT_ASCII[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= C_0 && c <= C_9) || c === 95 || c === C_DOLLAR ? 1 : 0;
}
function isIdentChar(c: number): boolean {
  return c >= 0x80 || IDENT_ASCII[c] === 1;
}
function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
function isSpace(c: number): boolean {
  return c === C_SPACE || (c >= 9 && c <= 13);
}

/** Interned one-character operator strings by char code. */
const OP_CHARS: (string | undefined)[] = [];
for (const ch of '()[]{},.;=<>+-*/%&|^~!?:') OP_CHARS[ch.charCodeAt(0)] = ch;

/** Length of the operator at the current position: <=> ->> (3), <= >= <> != << >> || && := -> (2), else 1. */
function operatorWidth(c: number, c1: number, c2: number): number {
  switch (c) {
    case 60: // <
      if (c1 === 61) return c2 === 62 ? 3 : 2;
      return c1 === 62 || c1 === 60 ? 2 : 1;
    case 62: return c1 === 61 || c1 === 62 ? 2 : 1; // >
    case 33: return c1 === 61 ? 2 : 1; // !
    case 124: return c1 === 124 ? 2 : 1; // |
    case 38: return c1 === 38 ? 2 : 1; // &
    case 58: return c1 === 61 ? 2 : 1; // :
    case 45: return c1 === 62 ? (c2 === 62 ? 3 : 2) : 1; // -
    default: return 1;
  }
}

/** MySQL backslash escapes; \% and \_ keep their backslash, as the server does (they only matter to LIKE). */
function escapeChar(c: number): string {
  switch (c) {
    case 48: return '\0';
    case 98: return '\b';
    case 110: return '\n';
    case 114: return '\r';
    case 116: return '\t';
    case 90: return '\x1a';
    case 37: return '\\%';
    case 95: return '\\_';
    default: return String.fromCharCode(c);
  }
}

/**
 * Hand-written MySQL lexer over char codes. Versioned comments (/*!50001 ... *\/, /*M!100101 ... *\/) are
 * lexed as if their markers were absent; DELIMITER lines are applied as the mysql client does.
 */
export function createLexer(file: string, text: string, diagnostics: Diagnostic[], at: { line?: number; delimiter?: string } = {}): Lexer {
  const len = text.length;
  const lines = lineIndex(file, text, at.line);
  let pos = 0;
  let delim = at.delimiter ?? ';';
  let inVersioned = false;
  let atStatementStart = true;
  /** Where the line of a client command without a delimiter on it ends (that newline ends the command); else len + 1. */
  let commandEnd = len + 1;

  const report = (start: number, what: string): void => {
    diagnostics.push(diag('PGS1002', `unterminated ${what}`, { span: offsetSpan(lines, start, start + 1) }));
  };

  /** Skips whitespace and comments; returns true when a versioned marker was crossed. */
  const skipTrivia = (): boolean => {
    let gap = false;
    while (pos < len && pos < commandEnd) {
      const c = text.charCodeAt(pos);
      if (isSpace(c)) { pos++; continue; }
      if (c === C_HASH) { skipLine(); continue; }
      if (c === C_DASH && text.charCodeAt(pos + 1) === C_DASH) {
        const d = text.charCodeAt(pos + 2);
        if (pos + 2 >= len || d <= C_SPACE) { skipLine(); continue; }
        return gap;
      }
      if (c === C_SLASH && text.charCodeAt(pos + 1) === C_STAR) {
        const c2 = text.charCodeAt(pos + 2);
        const mariadb = c2 === 77 && text.charCodeAt(pos + 3) === C_BANG; // /*M!
        if ((c2 === C_BANG || mariadb) && !inVersioned) {
          pos += mariadb ? 4 : 3;
          let n = 0;
          while (n < 6 && isDigit(text.charCodeAt(pos))) { pos++; n++; }
          inVersioned = true;
          gap = true;
          continue;
        }
        const close = text.indexOf('*/', pos + 2);
        if (close === -1) { report(pos, 'comment'); pos = len; return gap; }
        pos = close + 2;
        continue;
      }
      if (c === C_STAR && inVersioned && text.charCodeAt(pos + 1) === C_SLASH) {
        pos += 2;
        inVersioned = false;
        gap = true;
        continue;
      }
      if (atStatementStart && (c === 68 || c === 100) && tryDelimiterCommand()) continue;
      return gap;
    }
    return gap;
  };

  const skipLine = (): void => {
    const nl = text.indexOf('\n', pos);
    pos = nl === -1 ? len : nl + 1;
  };

  /** The client command `DELIMITER xx` (only at the start of a statement, up to the end of its line). */
  const tryDelimiterCommand = (): boolean => {
    if (pos + 9 > len || text.slice(pos, pos + 9).toUpperCase() !== 'DELIMITER') return false;
    let p = pos + 9;
    const c = text.charCodeAt(p);
    if (c !== C_SPACE && c !== 9) return false;
    while (text.charCodeAt(p) === C_SPACE || text.charCodeAt(p) === 9) p++;
    const s = p;
    while (p < len && !isSpace(text.charCodeAt(p))) p++;
    if (p === s) return false;
    delim = text.slice(s, p);
    pos = p;
    skipLine();
    return true;
  };

  /**
   * The mysql client runs its own commands (USE, SOURCE, \u, \. ...) at the start of a statement when their line
   * holds no delimiter: the end of that line ends them. Returns that line end, or len + 1.
   */
  const clientCommandEnd = (c: number): number => {
    const lower = c | 32; // only u/s words can be USE or SOURCE: most statements are ruled out without a slice
    if (c !== C_BSL && !(lower === 117 && isWordAt('USE')) && !(lower === 115 && isWordAt('SOURCE'))) return len + 1;
    const nl = text.indexOf('\n', pos);
    return nl === -1 || text.slice(pos, nl).includes(delim) ? len + 1 : nl;
  };
  const isWordAt = (w: string): boolean =>
    text.slice(pos, pos + w.length).toUpperCase() === w && !isIdentChar(text.charCodeAt(pos + w.length));

  // every token has the same shape (all fields present) so property access stays monomorphic
  const tok = (kind: TokenKind, start: number, value: string, gap: boolean): Token =>
    ({ kind, start, end: pos, value, charset: undefined, national: false, gap, bad: false });

  /** Reads a quoted string starting at pos (the quote); returns the decoded value, or undefined when unterminated. */
  let nextBackslash = -1;
  const readQuoted = (q: number, backslash: boolean): string | undefined => {
    const start = pos;
    pos++;
    // fast path: no doubled quote and no backslash before the closing quote
    const close = text.indexOf(q === C_SQ ? "'" : q === C_DQ ? '"' : '`', pos);
    if (close !== -1 && text.charCodeAt(close + 1) !== q) {
      if (backslash && nextBackslash < pos && nextBackslash !== -2) {
        nextBackslash = text.indexOf('\\', pos);
        if (nextBackslash === -1) nextBackslash = -2;
      }
      if (!backslash || nextBackslash === -2 || nextBackslash > close) {
        pos = close + 1;
        return internSlice(text, start + 1, close);
      }
    }
    let out = '';
    let chunk = pos;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === q) {
        if (text.charCodeAt(pos + 1) === q) {
          out += text.slice(chunk, pos + 1);
          pos += 2;
          chunk = pos;
          continue;
        }
        out += text.slice(chunk, pos);
        pos++;
        return detach(out);
      }
      if (c === C_BSL && backslash) {
        out += text.slice(chunk, pos) + escapeChar(text.charCodeAt(pos + 1));
        pos += 2;
        chunk = pos;
        continue;
      }
      pos++;
    }
    report(start, q === C_BT ? 'quoted identifier' : 'string');
    pos = len;
    return undefined;
  };

  const stringToken = (start: number, q: number, gap: boolean): Token => {
    const v = readQuoted(q, q !== C_BT);
    const t = tok(q === C_BT ? 'qid' : 'str', start, v ?? text.slice(start + 1), gap);
    if (v === undefined) t.bad = true;
    return t;
  };

  const next = (): Token => {
    const gap = skipTrivia();
    if (pos >= commandEnd) {
      const t = tok('delim', commandEnd, '', gap);
      commandEnd = len + 1;
      atStatementStart = true;
      return t;
    }
    if (pos >= len) return { kind: 'eof', start: len, end: len, value: '', ...(gap ? { gap } : {}) };
    const start = pos;
    const c = text.charCodeAt(pos);
    if (delim === ';' ? c === C_SEMI : text.startsWith(delim, pos)) {
      pos += delim.length;
      atStatementStart = true;
      return tok('delim', start, delim, gap);
    }
    if (atStatementStart) commandEnd = clientCommandEnd(c);
    atStatementStart = false;
    if (c === C_SQ || c === C_DQ || c === C_BT) return stringToken(start, c, gap);
    if (isDigit(c) || (c === C_DOT && isDigit(text.charCodeAt(pos + 1)))) return numberToken(start, gap);
    if (isIdentChar(c)) return wordToken(start, c, gap);
    if (c === C_AT) return variableToken(start, gap);
    const width = operatorWidth(c, text.charCodeAt(pos + 1), text.charCodeAt(pos + 2));
    pos += width;
    return tok('op', start, width === 1 ? OP_CHARS[c] ?? text[start]! : text.slice(start, pos), gap);
  };

  /**
   * Advances over identifier characters; the client splits on a custom delimiter even inside a word (END$$).
   * Returns the hash of the characters read (see hashStep), continuing `h`.
   */
  const scanIdentTail = (h: number): number => {
    const d0 = delim.charCodeAt(0);
    for (; pos < len; pos++) {
      const ch = text.charCodeAt(pos);
      if (!isIdentChar(ch)) break;
      if (ch === d0 && d0 !== C_SEMI && text.startsWith(delim, pos)) break;
      h = hashStep(h, ch);
    }
    return h;
  };

  const wordToken = (start: number, c: number, gap: boolean): Token => {
    pos++;
    const h = scanIdentTail(hashStep(0, c));
    const q = text.charCodeAt(pos);
    if (q === C_SQ && pos - start === 1) {
      // N'x', X'hex', B'bits'
      if (c === 78 || c === 110) { const t = stringToken(start, C_SQ, gap); t.start = start; t.national = true; return t; }
      if (c === 88 || c === 120 || c === 66 || c === 98) {
        const s = tok(c === 88 || c === 120 ? 'hex' : 'bits', start, '', gap);
        const v = readQuoted(C_SQ, false);
        s.end = pos;
        s.value = v ?? '';
        if (v === undefined) s.bad = true;
        return s;
      }
    }
    if (c === 95) {
      // _charset'x' introducer; a known character set name also with spaces before the string (_binary '...')
      let p = pos;
      while (isSpace(text.charCodeAt(p))) p++;
      const qp = text.charCodeAt(p);
      const cs = text.slice(start + 1, pos);
      if ((qp === C_SQ || qp === C_DQ) && (p === pos || CHARACTER_SETS.has(cs.toLowerCase()))) {
        pos = p;
        const t = stringToken(p, qp, gap);
        t.start = start;
        t.charset = cs;
        return t;
      }
    }
    return tok('word', start, upperSlice(text, start, pos, h), gap);
  };

  const numberToken = (start: number, gap: boolean): Token => {
    const c1 = text.charCodeAt(pos + 1);
    if (text.charCodeAt(pos) === C_0 && (c1 === 120 || c1 === 98)) {
      // 0xCAFE / 0b0101 — unless more identifier characters follow (then it is a word like 0xyz)
      let p = pos + 2;
      const hex = c1 === 120;
      while (p < len && (hex ? isHexDigit(text.charCodeAt(p)) : (text.charCodeAt(p) === 48 || text.charCodeAt(p) === 49))) p++;
      if (p > pos + 2 && !isIdentChar(text.charCodeAt(p))) {
        const v = text.slice(pos + 2, p);
        pos = p;
        return tok(hex ? 'hex' : 'bits', start, v, gap);
      }
    }
    while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) === C_DOT) {
      pos++;
      while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === 101 || e === 69) {
      let p = pos + 1;
      const s = text.charCodeAt(p);
      if (s === 43 || s === C_DASH) p++;
      if (isDigit(text.charCodeAt(p))) {
        pos = p;
        while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
      }
    }
    if (pos < len && isIdentChar(text.charCodeAt(pos)) && text.charCodeAt(start) !== C_DOT) {
      // identifiers may start with digits (2fa_codes)
      const numEnd = pos;
      scanIdentTail(0);
      if (pos > numEnd) return tok('word', start, upperSlice(text, start, pos, hashOf(text, start, pos)), gap);
    }
    return tok('num', start, internSlice(text, start, pos), gap);
  };

  const variableToken = (start: number, gap: boolean): Token => {
    pos++;
    const system = text.charCodeAt(pos) === C_AT;
    if (system) pos++;
    const q = text.charCodeAt(pos);
    if (q === C_SQ || q === C_DQ || q === C_BT) {
      const v = readQuoted(q, q !== C_BT);
      return tok(system ? 'sysvar' : 'var', start, v ?? '', gap);
    }
    const s = pos;
    while (pos < len && (isIdentChar(text.charCodeAt(pos)) || text.charCodeAt(pos) === C_DOT)) pos++;
    return tok(system ? 'sysvar' : 'var', start, detach(text.slice(s, pos)), gap);
  };

  /** Skips a quoted string or identifier without decoding it. */
  const skipQuoted = (q: number, backslash: boolean): void => {
    const start = pos;
    const qs = q === C_SQ ? "'" : q === C_DQ ? '"' : '`';
    pos++;
    for (;;) {
      const close = text.indexOf(qs, pos);
      if (close === -1) { report(start, 'string'); pos = len; return; }
      if (backslash) {
        if (nextBackslash < pos && nextBackslash !== -2) {
          nextBackslash = text.indexOf('\\', pos);
          if (nextBackslash === -1) nextBackslash = -2;
        }
        if (nextBackslash !== -2 && nextBackslash < close) { pos = nextBackslash + 2; continue; }
      }
      if (text.charCodeAt(close + 1) === q) { pos = close + 2; continue; }
      pos = close + 1;
      return;
    }
  };

  /**
   * After INSERT ... VALUES: counts the top-level row groups up to the statement delimiter without building
   * tokens (dumps are mostly data). `tail` is true when words follow the rows (ON DUPLICATE KEY UPDATE, AS alias).
   */
  const skimRows = (): { rows: number; tail: boolean; end: Token } => {
    let depth = 0, rows = 0, tail = false;
    for (;;) {
      const gap = skipTrivia();
      if (pos >= len) return { rows, tail, end: tok('eof', len, '', gap) };
      const c = text.charCodeAt(pos);
      if (delim === ';' ? c === C_SEMI : text.startsWith(delim, pos)) {
        const start = pos;
        pos += delim.length;
        atStatementStart = true;
        return { rows, tail, end: tok('delim', start, delim, gap) };
      }
      if (c === C_SQ || c === C_DQ || c === C_BT) { skipQuoted(c, c !== C_BT); continue; }
      if (c === 40) { if (depth === 0 && !tail) rows++; depth++; }
      else if (c === 41) depth--;
      else if (depth === 0 && isIdentChar(c) && !isDigit(c)) {
        const s = pos;
        while (pos < len && isIdentChar(text.charCodeAt(pos))) pos++;
        if (pos - s !== 3 || text.slice(s, pos).toUpperCase() !== 'ROW') tail = true;
        continue;
      }
      pos++;
    }
  };

  return { next, skimRows, delimiter: () => delim, lines };
}

/** All tokens of a text up to the end (delimiters included), for tests and tools. */
export function tokenize(text: string, file = '<input>'): { tokens: Token[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lx = createLexer(file, text, diagnostics);
  const tokens: Token[] = [];
  for (let t = lx.next(); t.kind !== 'eof'; t = lx.next()) tokens.push(t);
  return { tokens, diagnostics };
}
