import { closeSync, openSync, readSync } from 'node:fs';
import { diag, type Diagnostic } from '../model/diagnostics.js';
import { fixedText, type TextSource } from '../model/source.js';
import { scriptText, strayChar } from '../data/stray-bytes.js';

/**
 * Big scripts are parsed piece by piece: a byte-level scanner finds cut points between statements (never inside
 * a string, comment or routine body), so no text longer than one segment is ever held, and files beyond V8's
 * string limit (~512 MB) convert at all. Everything the scanner looks for is ASCII, which UTF-8 and Windows-1252
 * never use inside a multi-byte character, so it works on the raw bytes.
 */
export type SegmentDialect = 'tsql' | 'mysql';

export interface ScriptSegment {
  text: string;
  /** 1-based line of the segment's first character in its file (segments start at line starts). */
  line: number;
  /** Reads the segment's text again after it has been let go (INSERT data keeps this, not the text). */
  source: TextSource;
  /** MySQL: the client DELIMITER in force where the segment starts. */
  delimiter: string;
}

/** A file read in segments: where its text starts (after a BOM) and a decoded head for dialect detection. */
export interface SegmentedFile {
  path: string;
  start: number;
  segmentBytes: number;
  head: string;
}

const READ_BYTES = 4 << 20;

/**
 * UTF-8; where a byte is not part of a UTF-8 sequence, that byte is read as Windows-1252 (what SSMS and mysqldump
 * write when not UTF-8). So a Windows-1252 file reads as Windows-1252, and a UTF-8 dump that holds raw BLOB bytes
 * (mysqldump without --hex-blob) keeps its UTF-8 text instead of turning all of it into mojibake.
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeCounting(bytes).text;
}

/**
 * decodeText, and how many bytes were not UTF-8 (read as Windows-1252). `dataText`: the text the data phase reads
 * when there were some, those bytes kept as src/data/stray-bytes.ts says (so binary values load byte for byte).
 */
export function decodeCounting(bytes: Uint8Array): { text: string; stray: number; dataText?: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), stray: 0 };
  } catch {
    const { text: dataText, stray } = decodeMixed(bytes);
    return { text: scriptText(dataText), stray, dataText };
  }
}

/** The text of bytes as the data phase reads it (stray bytes kept). */
function decodeData(bytes: Uint8Array): string {
  const d = decodeCounting(bytes);
  return d.dataText ?? d.text;
}

/**
 * PGS1020: bytes read as Windows-1252 are right for a legacy code page; binary values a dump wrote raw are kept
 * byte for byte where INSERT data goes into a binary column (src/data/stray-bytes.ts).
 */
export function strayBytesNote(file: string, stray: number): Diagnostic {
  return diag('PGS1020', `${stray} byte(s) are not UTF-8: read as Windows-1252 in names, comments and text values (right for a file in that code page); binary values written raw (mysqldump without --hex-blob) load into binary columns byte for byte`, {
    span: { file, line: 1, col: 1, endLine: 1, endCol: 1 },
  });
}

const UTF8 = new TextDecoder('utf-8');

/** Length of the well-formed UTF-8 sequence at i (1 for ASCII), or 0 when the byte there starts none. */
function utf8Length(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const ok = c === 0xe0 ? cont(1, 0xa0) : c === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const ok = c === 0xf0 ? cont(1, 0x90) : c === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** UTF-8 with each byte that is not part of a sequence kept as src/data/stray-bytes.ts says, and how many there were. */
function decodeMixed(bytes: Uint8Array): { text: string; stray: number } {
  const parts: string[] = [];
  let run = 0, stray = 0;
  for (let i = 0; i < bytes.length;) {
    const n = utf8Length(bytes, i);
    if (n) { i += n; continue; }
    if (run < i) parts.push(UTF8.decode(bytes.subarray(run, i)));
    parts.push(strayChar(bytes[i]!));
    stray++;
    run = ++i;
  }
  if (run < bytes.length) parts.push(UTF8.decode(bytes.subarray(run)));
  return { text: parts.join(''), stray };
}

/** The last segments decoded: the data phase reads chunks in order, so each segment is decoded once per pass. */
const recent: { range: FileRange; text: string }[] = [];
const RECENT = 2;

class FileRange implements TextSource {
  constructor(readonly path: string, readonly start: number, readonly end: number) {}

  text(): string {
    const hit = recent.find((r) => r.range === this);
    if (hit) return hit.text;
    const bytes = Buffer.allocUnsafe(this.end - this.start);
    const fd = openSync(this.path, 'r');
    try {
      for (let got = 0; got < bytes.length;) {
        const n = readSync(fd, bytes, got, bytes.length - got, this.start + got);
        if (n === 0) throw new Error(`${this.path} changed while it was being converted`);
        got += n;
      }
    } finally {
      closeSync(fd);
    }
    return remember(this, decodeData(bytes));
  }
}

function remember(range: FileRange, text: string): string {
  recent.unshift({ range, text });
  if (recent.length > RECENT) recent.pop();
  return text;
}

/** The whole text as one segment, or the file's segments when it was read segmented. */
export function scriptSegments(script: { file: string; text: string; dataText?: string; segmented?: SegmentedFile; diagnostics?: Diagnostic[] }, dialect: SegmentDialect): Iterable<ScriptSegment> {
  return script.segmented
    ? fileSegments(script.segmented, dialect, (stray) => script.diagnostics?.push(strayBytesNote(script.file, stray)))
    : [{ text: script.text, line: 1, source: fixedText(script.dataText ?? script.text), delimiter: ';' }];
}

/**
 * Reads the file in line-aligned blocks and yields segments of about `segmentBytes` that end between statements.
 * One buffer holds the current segment from its start, then the block being scanned; it is reused for every block
 * and segment (fresh memory is costly: each new page faults on first touch), and grows only for a segment longer
 * than it.
 */
export function* fileSegments(file: SegmentedFile, dialect: SegmentDialect, onStrayBytes?: (stray: number) => void): Generator<ScriptSegment> {
  let stray = 0;
  const scanner = dialect === 'mysql' ? new MysqlScanner() : new TsqlScanner();
  const fd = openSync(file.path, 'r');
  try {
    let buf = Buffer.allocUnsafe(Math.min(file.segmentBytes, 64 << 20) + 2 * READ_BYTES);
    let filled = 0; // bytes in buf; buf[0] is the segment's first byte
    let scanned = 0; // a line start: the scanner has seen buf[0, scanned)
    let pos = file.start; // file offset of buf[filled]
    let segStart = file.start;
    let line = 1;
    let delimiter = scanner.delimiter;
    const emit = (cut: number): ScriptSegment => {
      const bytes = buf.subarray(0, cut);
      const range = new FileRange(file.path, segStart, segStart + cut);
      const decoded = decodeCounting(bytes);
      stray += decoded.stray;
      remember(range, decoded.dataText ?? decoded.text);
      const seg = { text: decoded.text, line, source: range, delimiter };
      line += countNewlines(bytes);
      segStart += cut;
      buf.copyWithin(0, cut, filled);
      filled -= cut;
      scanned -= cut;
      delimiter = scanner.delimiter;
      return seg;
    };
    for (;;) {
      if (buf.length - filled < READ_BYTES) {
        const bigger = Buffer.allocUnsafe(2 * buf.length);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = readSync(fd, buf, filled, READ_BYTES, pos);
      pos += n;
      filled += n;
      const eof = n === 0;
      // Scans end at a line end, so every lookahead of the scanner stays inside the bytes read.
      const nl = filled > scanned ? buf.lastIndexOf(10, filled - 1) : -1;
      let end = eof ? filled : nl >= scanned ? nl + 1 : scanned;
      while (scanned < end) {
        // A view of the bytes read: past them the buffer holds stale bytes of earlier blocks.
        const cut = scanner.scan(buf.subarray(0, filled), scanned, end, file.segmentBytes);
        if (cut < 0) {
          scanned = end;
          break;
        }
        scanned = cut;
        yield emit(cut); // moves the bytes after the cut to the buffer's start
        end -= cut;
      }
      if (eof) break;
    }
    if (filled) yield emit(filled);
    if (stray) onStrayBytes?.(stray);
  } finally {
    closeSync(fd);
  }
}

function countNewlines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
  return n;
}

const NL = 10, CR = 13, SP = 32, TAB = 9, SQ = 39, DQ = 34, BT = 96, BSL = 92, SLASH = 47, STAR = 42, DASH = 45, HASH = 35;
const LPAREN = 40, RPAREN = 41, LBRACKET = 91, RBRACKET = 93, COMMA = 44, SEMI = 59, BANG = 33;

const isBlank = (c: number | undefined): boolean => c === SP || c === TAB || c === CR;
const isWordByte = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c >= 48 && c <= 57);

/**
 * The words the scanners look for, by length. Every line start is classified, so wordAt compares bytes against
 * these instead of building a string for each line.
 */
const KNOWN_WORDS: string[][] = [];
const OTHER_WORD = '?';

/** The upper-cased word at p (ASCII letters, digits, _) when it is a known word, OTHER_WORD for another word, '' when none starts there. */
function wordAt(b: Buffer, p: number, end: number): string {
  let q = p;
  while (q < end && q - p < 16 && isWordByte(b[q]!)) q++;
  if (q === p || (b[p]! >= 48 && b[p]! <= 57)) return '';
  for (const w of KNOWN_WORDS[q - p] ?? []) if (sameWord(b, p, w)) return w;
  return OTHER_WORD;
}

/** Bytes at p spell the upper-case ASCII word w, in any case. */
function sameWord(b: Buffer, p: number, w: string): boolean {
  for (let i = 0; i < w.length; i++) if ((b[p + i]! & 0xdf) !== w.charCodeAt(i)) return false;
  return true;
}

function knowWords(words: Iterable<string>): void {
  for (const w of words) if (!(KNOWN_WORDS[w.length] ??= []).includes(w)) KNOWN_WORDS[w.length]!.push(w);
}

interface Scanner {
  /** The MySQL delimiter in force (';' for T-SQL). */
  readonly delimiter: string;
  /** Scans [p, end) from a line start; returns the first line start >= minCut where a segment may begin, else -1. */
  scan(b: Buffer, p: number, end: number, minCut: number): number;
}

const enum M { Code, Single, Double, Back, Block, Line }

/** Bytes a scanner in code mode passes over without a look (most of a script): a table, so the loop over them is tight. */
function plainBytes(special: number[]): Uint8Array {
  const t = new Uint8Array(256).fill(1);
  for (const c of special) t[c] = 0;
  return t;
}
/** First byte after p (or end) that is `close`. Quoted text is passed over in one loop, newlines included. */
function skipTo(b: Buffer, p: number, end: number, close: number): number {
  while (p < end && b[p] !== close) p++;
  return p;
}

const MYSQL_PLAIN = plainBytes([SQ, DQ, BT, HASH, DASH, SLASH, STAR]);

/** mysqldump/mysql client text: cut at a line start right after a delimiter, outside strings, comments and /*! *\/. */
class MysqlScanner implements Scanner {
  private mode = M.Code;
  private versioned = false;
  private statementStart = true;
  /** The line being scanned holds a client command and no delimiter: its newline ends a statement (as in the lexer). */
  private commandLine = false;
  private delim = Buffer.from(';');

  get delimiter(): string {
    return this.delim.toString('latin1');
  }

  scan(b: Buffer, p: number, end: number, minCut: number): number {
    let lineStart = true;
    while (p < end) {
      if (lineStart && this.mode === M.Code && !this.versioned && this.statementStart) {
        if (p >= minCut) return p;
        p = this.delimiterCommand(b, p, end);
        this.commandLine = this.clientCommand(b, p, end);
      }
      const c = b[p]!;
      lineStart = c === NL;
      switch (this.mode) {
        case M.Single: case M.Double: {
          // Inside a string only its quote and a backslash matter (a newline there starts no statement).
          const close = this.mode === M.Single ? SQ : DQ;
          while (p < end && b[p] !== close && b[p] !== BSL) p++;
          if (p >= end) continue;
          if (b[p] === BSL) p++;
          else this.mode = M.Code;
          lineStart = false;
          p++;
          continue;
        }
        case M.Back:
          p = skipTo(b, p, end, BT);
          if (p < end) { this.mode = M.Code; lineStart = false; p++; }
          continue;
        case M.Block:
          if (c === STAR && b[p + 1] === SLASH) { this.mode = M.Code; p++; }
          p++;
          continue;
        case M.Line:
          if (c === NL) { this.mode = M.Code; this.endCommandLine(); }
          p++;
          continue;
      }
      if (c === NL) this.endCommandLine();
      if (c === this.delim[0] && this.matchesDelimiter(b, p)) {
        p += this.delim.length;
        if (!this.versioned) this.statementStart = true;
        continue;
      }
      if (c === SQ || c === DQ || c === BT) {
        this.mode = c === SQ ? M.Single : c === DQ ? M.Double : M.Back;
        this.commandLine = false;
      } else if (c === HASH) { this.mode = M.Line; p++; continue; }
      else if (c === DASH && b[p + 1] === DASH && (b[p + 2]! <= SP || p + 2 >= end)) { this.mode = M.Line; p += 2; continue; }
      else if (c === SLASH && b[p + 1] === STAR) {
        if (b[p + 2] === BANG || (b[p + 2] === 77 && b[p + 3] === BANG)) this.versioned = true;
        else { this.mode = M.Block; this.commandLine = false; p += 2; continue; }
      } else if (c === STAR && b[p + 1] === SLASH && this.versioned) { this.versioned = false; p += 2; continue; }
      if (c > SP) this.statementStart = false;
      p++;
      if (c > SP && this.mode === M.Code) {
        // The rest of a word or number: nothing to look at until the next space, quote, comment or delimiter.
        const d0 = this.delim[0];
        for (let d = b[p]!; p < end && d > SP && MYSQL_PLAIN[d] && d !== d0; d = b[p]!) p++;
      }
    }
    return -1;
  }

  private matchesDelimiter(b: Buffer, p: number): boolean {
    for (let i = 1; i < this.delim.length; i++) if (b[p + i] !== this.delim[i]) return false;
    return true;
  }

  /**
   * USE, SOURCE or a \ command at the start of a statement, with no delimiter on its line: the mysql client ends it
   * at the line's end. Stricter than the lexer where they differ (then no cut is made, never a wrong one).
   */
  private clientCommand(b: Buffer, p: number, end: number): boolean {
    while (p < end && isBlank(b[p])) p++;
    const word = wordAt(b, p, end);
    if (word === 'USE' || word === 'SOURCE') {
      if (b[p + word.length]! > SP) return false;
    } else if (b[p] !== BSL) return false;
    const nl = b.indexOf(NL, p);
    return nl !== -1 && nl < end && b.subarray(p, nl).indexOf(this.delim) === -1;
  }

  private endCommandLine(): void {
    if (this.commandLine && !this.versioned) this.statementStart = true;
    this.commandLine = false;
  }

  /** `DELIMITER xx` at the start of a statement: the client command changes the delimiter; returns where to go on. */
  private delimiterCommand(b: Buffer, p: number, end: number): number {
    let q = p;
    while (q < end && isBlank(b[q])) q++;
    if (wordAt(b, q, end) !== 'DELIMITER' || !isBlank(b[q + 9])) return p;
    q += 9;
    while (q < end && isBlank(b[q])) q++;
    let e = q;
    while (e < end && b[e]! > SP) e++;
    if (e > q) this.delim = Buffer.from(b.subarray(q, e));
    while (e < end && b[e] !== NL) e++;
    return e; // the newline: the next line is a statement start again
  }
}

/**
 * Words that may start a line of a batch cut before its INSERT lines: statements that never hold another statement,
 * and continuation lines of DDL and DML. A batch with any other line start (IF, WHILE, BEGIN, MERGE, WITH, CREATE
 * PROCEDURE ...: an INSERT there belongs to a bigger statement) is only cut at GO.
 */
const PLAIN_WORDS = new Set([
  'INSERT', 'VALUES', 'SET', 'PRINT', 'DECLARE', 'USE', 'DROP', 'EXEC', 'EXECUTE', 'GRANT', 'DENY', 'REVOKE', 'COMMIT', 'SAVE',
  'SELECT', 'FROM', 'WHERE', 'UNION', 'ORDER', 'GROUP', 'UPDATE', 'DELETE', 'TRUNCATE',
  'ON', 'TEXTIMAGE_ON', 'CONSTRAINT', 'REFERENCES', 'FOREIGN', 'PRIMARY', 'CHECK', 'DEFAULT', 'ADD', 'NOCHECK',
]);
/** CREATE/ALTER of objects that are not routine bodies (those run to the end of their batch). */
const PLAIN_CREATE = new Set(['TABLE', 'INDEX', 'UNIQUE', 'CLUSTERED', 'NONCLUSTERED', 'SEQUENCE', 'TYPE', 'SYNONYM', 'STATISTICS']);
const PLAIN_ALTER = new Set(['TABLE', 'INDEX']);
/** BEGIN TRAN is a statement of its own (data scripts wrap their INSERTs in one); BEGIN alone opens a block. */
const PLAIN_BEGIN = new Set(['TRAN', 'TRANSACTION', 'DISTRIBUTED']);
knowWords([...PLAIN_WORDS, ...PLAIN_CREATE, ...PLAIN_ALTER, ...PLAIN_BEGIN, 'GO', 'CREATE', 'ALTER', 'BEGIN', 'DELIMITER', 'SOURCE']);

const TSQL_PLAIN = plainBytes([NL, SQ, DQ, LBRACKET, DASH, SLASH, LPAREN, RPAREN]);

/**
 * T-SQL: cut after a GO line (a batch boundary), or inside a batch of plain INSERT/SET statements before a line
 * that starts a new INSERT (SSMS data scripts hold a whole table's rows in one batch).
 */
class TsqlScanner implements Scanner {
  readonly delimiter = ';';
  private mode = M.Code;
  private commentDepth = 0;
  private parens = 0;
  private batchStart = true;
  private plainBatch = true;

  scan(b: Buffer, p: number, end: number, minCut: number): number {
    let lineStart = true;
    while (p < end) {
      if (lineStart && this.mode === M.Code) {
        const cut = this.lineStart(b, p, end, minCut);
        if (cut >= 0) return cut;
      }
      const c = b[p]!;
      lineStart = c === NL;
      switch (this.mode) {
        case M.Single: case M.Double: case M.Back: {
          // Inside quotes only the closing quote matters (a newline there starts no line of code).
          const close = this.mode === M.Single ? SQ : this.mode === M.Double ? DQ : RBRACKET;
          p = skipTo(b, p, end, close);
          if (p >= end) continue;
          if (b[p + 1] === close) p++;
          else this.mode = M.Code;
          lineStart = false;
          p++;
          continue;
        }
        case M.Block:
          if (c === STAR && b[p + 1] === SLASH) { if (--this.commentDepth === 0) this.mode = M.Code; p += 2; continue; }
          if (c === SLASH && b[p + 1] === STAR) { this.commentDepth++; p += 2; continue; }
          p++;
          continue;
        case M.Line:
          if (c === NL) this.mode = M.Code;
          p++;
          continue;
      }
      if (c === SQ) this.mode = M.Single;
      else if (c === DQ) this.mode = M.Double;
      else if (c === LBRACKET) this.mode = M.Back;
      else if (c === DASH && b[p + 1] === DASH) { this.mode = M.Line; p += 2; continue; }
      else if (c === SLASH && b[p + 1] === STAR) { this.mode = M.Block; this.commentDepth = 1; p += 2; continue; }
      else if (c === LPAREN) this.parens++;
      else if (c === RPAREN && this.parens > 0) this.parens--;
      p++;
      if (c !== NL && this.mode === M.Code) while (p < end && TSQL_PLAIN[b[p]!]) p++;
    }
    return -1;
  }

  /** Classifies the line starting at p; returns p when a segment may start here (and p >= minCut), else -1. */
  private lineStart(b: Buffer, p: number, end: number, minCut: number): number {
    let q = p;
    while (q < end && isBlank(b[q])) q++;
    const c = b[q];
    if (q >= end || c === NL || (c === DASH && b[q + 1] === DASH) || (c === SLASH && b[q + 1] === STAR)) return -1; // blank or comment
    if (this.parens > 0) return -1;
    const word = wordAt(b, q, end);
    if (word === 'GO' && !isWordByte(b[q + 2] ?? 0)) {
      this.batchStart = true;
      this.plainBatch = true;
      return -1;
    }
    const cut = (this.batchStart || (this.plainBatch && word === 'INSERT')) && p >= minCut;
    this.batchStart = false;
    if (!(word ? this.plainLine(word, b, q + word.length, end) : c === LPAREN || c === COMMA || c === RPAREN || c === SEMI)) this.plainBatch = false;
    return cut ? p : -1;
  }

  private plainLine(word: string, b: Buffer, q: number, end: number): boolean {
    if (word !== 'CREATE' && word !== 'ALTER' && word !== 'BEGIN') return PLAIN_WORDS.has(word);
    while (q < end && isBlank(b[q])) q++;
    return (word === 'CREATE' ? PLAIN_CREATE : word === 'ALTER' ? PLAIN_ALTER : PLAIN_BEGIN).has(wordAt(b, q, end));
  }
}
