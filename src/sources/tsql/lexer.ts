import { diag, type Diagnostic } from '../../model/diagnostics.js';
import { detach, hashStep, SliceCache } from '../slice-cache.js';
import grammar from '../../../grammars/tsql.json' with { type: 'json' };

/**
 * word: unquoted identifier or keyword (also #temp names); ident: [bracketed] or "quoted" identifier;
 * string: '...' / N'...'; number; money: $12.50; binary: 0xCAFE; variable: @x; sysvar: @@x;
 * op: punctuation and operators; go: batch separator line; sqlcmd: a `:command` line; eof.
 */
export type TokenKind =
  | 'word' | 'ident' | 'string' | 'number' | 'money' | 'binary' | 'variable' | 'sysvar' | 'op' | 'go' | 'sqlcmd' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Offsets into the lexed text, end exclusive. */
  start: number;
  end: number;
  line: number;
  col: number;
  /** Inclusive end position, as SourceSpan wants it. */
  endLine: number;
  endCol: number;
  /** word: as written; ident: unescaped name; string: decoded; number/money: digits; binary: hex digits; variable: name without @; op: the operator; go: repeat count; sqlcmd: the line. */
  value: string;
  /** Upper-case spelling for word tokens (keyword matching); '' otherwise. */
  upper: string;
  /** N'...' strings; undefined on every other token (present on all, so every token has one shape). */
  national: boolean | undefined;
}

/** Resumable lexer over one text; `lexBatch` hands out one GO-separated batch at a time to bound memory. */
export interface LexerState {
  src: string;
  file: string;
  pos: number;
  line: number;
  lineStart: number;
  /** Column offset of the first line (text embedded in another file, e.g. an sp_executesql string). */
  firstLineColBase: number;
  /** True while no token has been produced on the current line (GO and :commands must start a line). */
  lineFresh: boolean;
  diagnostics: Diagnostic[];
  done: boolean;
}

export function createLexer(src: string, file: string, startLine = 1, startCol = 1): LexerState {
  return {
    src, file, pos: 0, line: startLine, lineStart: 0, firstLineColBase: startCol - 1,
    lineFresh: true, diagnostics: [], done: false,
  };
}

// Character classes, indexed by char code < 128.
const WORD_START = 1, WORD_PART = 2, DIGIT = 4, SPACE = 8;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_#]/.test(ch)) CLASS[c]! |= WORD_START | WORD_PART;
  if (/[0-9]/.test(ch)) CLASS[c]! |= DIGIT | WORD_PART;
  if (ch === '$' || ch === '@') CLASS[c]! |= WORD_PART;
  if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\f' || ch === '\v') CLASS[c]! |= SPACE;
}
const isWordStart = (c: number): boolean => (c < 128 ? (CLASS[c]! & WORD_START) !== 0 : isUnicodeLetter(c));
const isWordPart = (c: number): boolean => (c < 128 ? (CLASS[c]! & WORD_PART) !== 0 : isUnicodeLetter(c));
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
// Non-ASCII letters are legal in identifiers; spaces like NBSP and the BOM are not letters.
const isUnicodeLetter = (c: number): boolean => c !== 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029 && c > 127;
const isSpace = (c: number): boolean => (c < 128 ? (CLASS[c]! & SPACE) !== 0 : c === 0xa0 || c === 0xfeff);

// The currency symbols SQL Server accepts before a money literal (its docs' list); none is a letter, so none starts a name.
const CURRENCY = new Set([0x24, 0xa2, 0xa3, 0xa4, 0xa5, 0x9f2, 0x9f3, 0xe3f, 0x17db, 0xfdfc, 0xfe69, 0xff04, 0xffe0, 0xffe1, 0xffe5, 0xffe6]);
const isCurrencySymbol = (c: number): boolean => c === 0x24 || (c > 127 && (CURRENCY.has(c) || (c >= 0x20a0 && c <= 0x20b1)));

/**
 * Words seen so far (keywords, mostly), upper-case, by a case-folding hash: a word found here needs no new string
 * when written in upper case (SSMS writes keywords so), and its `upper` is the one internalized copy, so the parser's
 * many `t.upper === 'NULL'` tests and keyword-set lookups compare pointers instead of characters. Filled on first
 * sight up to MAX_WORDS (then unknown words take the slower path, same result).
 */
const WORD_SLOTS = 8192, WORD_MASK = WORD_SLOTS - 1, MAX_WORDS = WORD_SLOTS / 2;
const wordKeys: (string | undefined)[] = new Array<string | undefined>(WORD_SLOTS).fill(undefined);
const wordHashes = new Int32Array(WORD_SLOTS);
let wordCount = 0;

/** Hash step over a character, ASCII letters folded to upper case (an upper-case key hashes as its spellings do). */
const foldHash = (h: number, d: number): number => (Math.imul(h, 31) + (d & 0xdf)) | 0;

function findWord(src: string, pos: number, end: number, h: number): string | undefined {
  for (let i = h & WORD_MASK; ; i = (i + 1) & WORD_MASK) {
    const k = wordKeys[i];
    if (k === undefined) return undefined;
    if (wordHashes[i] === h && k.length === end - pos && sameFolded(src, pos, k)) return k;
  }
}

function sameFolded(src: string, pos: number, upper: string): boolean {
  for (let j = 0; j < upper.length; j++) {
    const d = src.charCodeAt(pos + j);
    if ((d >= 97 && d <= 122 ? d - 32 : d) !== upper.charCodeAt(j)) return false;
  }
  return true;
}

/** Adds an upper-case ASCII word; returns its internalized copy (the same string object as a literal in the code). */
function addWord(upper: string, h: number): string {
  if (wordCount >= MAX_WORDS) return upper;
  // A property name is internalized: this is the string table's copy.
  const interned = Object.keys({ [upper]: 0 })[0]!;
  let i = h & WORD_MASK;
  while (wordKeys[i] !== undefined) i = (i + 1) & WORD_MASK;
  wordKeys[i] = interned;
  wordHashes[i] = h;
  wordCount++;
  return interned;
}

for (const w of [...grammar.reservedWords, ...grammar.statementStarts, ...grammar.sessionStatements]) {
  let h = 0;
  for (let j = 0; j < w.length; j++) h = foldHash(h, w.charCodeAt(j));
  if (findWord(w, 0, w.length, h) === undefined) addWord(w, h);
}

/**
 * Names repeat: a column is named in its table, its keys and indexes, and the same names recur across tables. Equal
 * names lexed close together share one string (a direct-mapped cache by hash), so the catalog holds far fewer
 * strings. Cleared after each parse (clearNames), so it keeps no script text alive.
 */
const names = new SliceCache(4096);

export function clearNames(): void {
  names.clear();
}

const TWO_CHAR_OPS = new Set(['<=', '>=', '<>', '!=', '!<', '!>', '::', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=']);

function colAt(st: LexerState, pos: number): number {
  return pos - st.lineStart + 1 + (st.lineStart === 0 ? st.firstLineColBase : 0);
}

function newline(st: LexerState, posAfter: number): void {
  st.line++;
  st.lineStart = posAfter;
  st.lineFresh = true;
}

/** Tokens of the next batch, ending with a `go` or `eof` token. */
export function lexBatch(st: LexerState): Token[] {
  const out: Token[] = [];
  for (;;) {
    const t = nextToken(st);
    out.push(t);
    if (t.kind === 'go' || t.kind === 'eof') return out;
  }
}

/** All tokens of a text (tests, small inputs). */
export function lexAll(src: string, file = '<input>', line = 1, col = 1): { tokens: Token[]; diagnostics: Diagnostic[] } {
  const st = createLexer(src, file, line, col);
  const tokens: Token[] = [];
  for (;;) {
    const t = nextToken(st);
    tokens.push(t);
    if (t.kind === 'eof') return { tokens, diagnostics: st.diagnostics };
  }
}

function unterminated(st: LexerState, what: string, line: number, col: number): void {
  st.diagnostics.push(diag('PGS1002', `unterminated ${what}`, {
    span: { file: st.file, line, col, endLine: st.line, endCol: colAt(st, st.src.length - 1) },
  }));
}

export function nextToken(st: LexerState): Token {
  const src = st.src;
  const n = src.length;
  let pos = st.pos;
  // Skip whitespace and comments.
  for (;;) {
    if (pos >= n) break;
    const c = src.charCodeAt(pos);
    if (c === 10) { pos++; newline(st, pos); continue; }
    if (isSpace(c)) { pos++; continue; }
    if (c === 45 && src.charCodeAt(pos + 1) === 45) { // --
      const nl = src.indexOf('\n', pos);
      pos = nl < 0 ? n : nl;
      continue;
    }
    if (c === 47 && src.charCodeAt(pos + 1) === 42) { // /* nested */
      const line = st.line, col = colAt(st, pos);
      let depth = 1;
      pos += 2;
      while (pos < n && depth > 0) {
        const d = src.charCodeAt(pos);
        if (d === 10) { pos++; newline(st, pos); continue; }
        if (d === 42 && src.charCodeAt(pos + 1) === 47) { depth--; pos += 2; continue; }
        if (d === 47 && src.charCodeAt(pos + 1) === 42) { depth++; pos += 2; continue; }
        pos++;
      }
      if (depth > 0) { st.pos = pos; unterminated(st, 'comment', line, col); }
      // A comment does not make a line "non-fresh" for GO purposes only if nothing else precedes; keep the flag.
      continue;
    }
    break;
  }
  st.pos = pos;
  if (pos >= n) {
    st.done = true;
    return tok(st, 'eof', pos, pos, '', '');
  }
  const fresh = st.lineFresh;
  st.lineFresh = false;
  const c = src.charCodeAt(pos);
  const startLine = st.line, startCol = colAt(st, pos);

  // SQLCMD command line: ':setvar X v', ':on error exit', ':r file'.
  if (c === 58 && fresh && isWordStart(src.charCodeAt(pos + 1))) {
    let e = src.indexOf('\n', pos);
    if (e < 0) e = n;
    const text = src.slice(pos, e).trimEnd();
    st.pos = pos + text.length;
    return tok(st, 'sqlcmd', pos, st.pos, text, '', startLine, startCol);
  }
  // N'national string'
  if ((c === 78 || c === 110) && src.charCodeAt(pos + 1) === 39) {
    return lexString(st, pos + 1, pos, true, startLine, startCol);
  }
  if (c === 39) return lexString(st, pos, pos, false, startLine, startCol);
  if (isCurrencySymbol(c) && (isDigit(src.charCodeAt(pos + 1)) || src.charCodeAt(pos + 1) === 46)) { // $12.50, €5, ¥100
    const e = scanNumber(src, pos + 1);
    st.pos = e;
    return tok(st, 'money', pos, e, detach(src.slice(pos + 1, e)), '', startLine, startCol);
  }
  if (isWordStart(c)) {
    let e = pos + 1;
    // A word without a-z or non-ASCII letters is its own upper case (SSMS writes keywords so): no case mapping.
    let lower = c >= 97;
    let ascii = c < 128;
    let h = foldHash(0, c), hs = hashStep(0, c); // case-folded, case-sensitive
    for (; e < n; e++) {
      const d = src.charCodeAt(e);
      if (!isWordPart(d)) break;
      if (d >= 97) { lower = true; if (d >= 128) ascii = false; }
      h = foldHash(h, d);
      hs = hashStep(hs, d);
    }
    st.pos = e;
    let text: string;
    let upper = ascii ? findWord(src, pos, e, h) : undefined;
    if (upper !== undefined) text = lower ? names.slice(src, pos, e, hs) : upper;
    else {
      text = lower ? names.slice(src, pos, e, hs) : detach(src.slice(pos, e));
      upper = lower ? text.toUpperCase() : text;
      if (ascii) {
        upper = addWord(upper, h);
        if (!lower) text = upper;
      }
    }
    if (fresh && upper === 'GO') {
      const go = lexGo(st, e);
      if (go) return tok(st, 'go', pos, st.pos, go, 'GO', startLine, startCol);
    }
    return tok(st, 'word', pos, e, text, upper, startLine, startCol);
  }
  if (c === 91) return lexQuotedIdent(st, pos, 93, 'bracketed identifier', startLine, startCol); // [ ]
  if (c === 34) return lexQuotedIdent(st, pos, 34, 'quoted identifier', startLine, startCol); // " "
  if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(pos + 1)))) {
    if (c === 48 && (src.charCodeAt(pos + 1) | 32) === 120) { // 0x
      let e = pos + 2;
      while (e < n && isHex(src.charCodeAt(e))) e++;
      st.pos = e;
      // SQL Server reads an odd digit count as if led by a 0 (0x1 is 0x01).
      const hex = detach(src.slice(pos + 2, e));
      return tok(st, 'binary', pos, e, hex.length % 2 ? `0${hex}` : hex, '', startLine, startCol);
    }
    const e = scanNumber(src, pos);
    st.pos = e;
    return tok(st, 'number', pos, e, detach(src.slice(pos, e)), '', startLine, startCol);
  }
  if (c === 64) { // @var, @@sysvar
    const sys = src.charCodeAt(pos + 1) === 64;
    let e = pos + (sys ? 2 : 1);
    while (e < n && isWordPart(src.charCodeAt(e))) e++;
    st.pos = e;
    return tok(st, sys ? 'sysvar' : 'variable', pos, e, detach(src.slice(pos + (sys ? 2 : 1), e)), '', startLine, startCol);
  }
  // Every two-character operator ends in = < > or : (most operators are one character: no slice for them).
  const d = src.charCodeAt(pos + 1);
  if (d === 61 || d === 60 || d === 62 || d === 58) {
    const two = src.slice(pos, pos + 2);
    if (TWO_CHAR_OPS.has(two)) {
      st.pos = pos + 2;
      return tok(st, 'op', pos, pos + 2, two, two, startLine, startCol);
    }
  }
  st.pos = pos + 1;
  const one = src[pos]!;
  return tok(st, 'op', pos, pos + 1, one, one, startLine, startCol);
}

function tok(
  st: LexerState, kind: TokenKind, start: number, end: number, value: string, upper: string,
  line = st.line, col = colAt(st, start),
): Token {
  return {
    kind, start, end, line, col, endLine: st.line, endCol: end > start ? colAt(st, end - 1) : col, value, upper, national: undefined,
  };
}

function scanNumber(src: string, pos: number): number {
  const n = src.length;
  let e = pos;
  while (e < n && isDigit(src.charCodeAt(e))) e++;
  if (src.charCodeAt(e) === 46) { e++; while (e < n && isDigit(src.charCodeAt(e))) e++; }
  const x = src.charCodeAt(e) | 32;
  if (x === 101) { // exponent
    let f = e + 1;
    const s = src.charCodeAt(f);
    if (s === 43 || s === 45) f++;
    if (isDigit(src.charCodeAt(f))) { e = f; while (e < n && isDigit(src.charCodeAt(e))) e++; }
  }
  return e;
}

/** After a line-initial GO: the rest of the line must be blank, a count, or a -- comment. Returns the count text or null. */
function lexGo(st: LexerState, pos: number): string | null {
  const src = st.src, n = src.length;
  let p = pos;
  while (p < n && (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 9)) p++;
  let count = '1';
  if (isDigit(src.charCodeAt(p))) {
    const s = p;
    while (p < n && isDigit(src.charCodeAt(p))) p++;
    count = src.slice(s, p);
    while (p < n && (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 9)) p++;
  }
  const c = src.charCodeAt(p);
  if (p >= n || c === 10 || c === 13 || (c === 45 && src.charCodeAt(p + 1) === 45) || (c === 47 && src.charCodeAt(p + 1) === 42) || c === 59) {
    if (c === 59) p++; // tolerate "GO;"
    st.pos = p;
    return count;
  }
  return null;
}

function lexString(st: LexerState, quotePos: number, start: number, national: boolean, line: number, col: number): Token {
  const src = st.src, n = src.length;
  let p = quotePos + 1;
  let value = '';
  let chunk = p;
  for (;;) {
    if (p >= n) {
      value += src.slice(chunk, n);
      st.pos = n;
      unterminated(st, 'string', line, col);
      break;
    }
    const c = src.charCodeAt(p);
    if (c === 39) {
      if (src.charCodeAt(p + 1) === 39) { value += src.slice(chunk, p + 1); p += 2; chunk = p; continue; }
      value += src.slice(chunk, p);
      st.pos = p + 1;
      break;
    }
    if (c === 10) newline(st, p + 1);
    p++;
  }
  st.lineFresh = false;
  const t = tok(st, 'string', start, st.pos, detach(value), '', line, col);
  if (national) t.national = true;
  return t;
}

function lexQuotedIdent(st: LexerState, start: number, close: number, what: string, line: number, col: number): Token {
  const src = st.src, n = src.length;
  let p = start + 1;
  let value = '';
  let chunk = p;
  let h = 0;
  for (;;) {
    if (p >= n) {
      value += src.slice(chunk, n);
      st.pos = n;
      unterminated(st, what, line, col);
      break;
    }
    const c = src.charCodeAt(p);
    if (c === close) {
      if (src.charCodeAt(p + 1) === close) { value += src.slice(chunk, p + 1); p += 2; chunk = p; continue; }
      // A name without doubled quotes (nearly all) is one slice of the text, shared with its equals.
      value = chunk === start + 1 ? names.slice(src, chunk, p, h) : detach(value + src.slice(chunk, p));
      st.pos = p + 1;
      break;
    }
    if (c === 10) newline(st, p + 1);
    h = hashStep(h, c);
    p++;
  }
  st.lineFresh = false;
  return tok(st, 'ident', start, st.pos, value, '', line, col);
}
