import { readingText } from '../slice-cache.js';
import { schemaOf, type Catalog } from '../../model/catalog.js';
import { DIAGNOSTIC_CODES, diag } from '../../model/diagnostics.js';
import {
  acceptOp, acceptWord, acceptWords, advance, expectWord, fail, identifier, isParseFailure, peek, peekOp,
  peekWord, spanOf, textOf, type Cursor,
} from './cursor.js';
import { createLexer, offsetSpan, withSharedStrings, type Token } from './lexer.js';
import { parseAlterTable, parseCreateIndex, parseRenameTable } from './alter-table.js';
import { parseCreateTable } from './create-table.js';
import { parseDrop } from './drop.js';
import { parseInsert } from './insert.js';
import { parseCreateRoutine, parseCreateSequence, parseCreateTrigger, parseCreateView, parseSequenceSetval } from './objects.js';
import { report, type Session } from './session.js';
import { finishSequenceTables } from './sequence-table.js';
import { scriptSegments, type ScriptSegment, type SegmentedFile } from '../segments.js';

export interface MysqlParseOptions {
  /** Schema for objects before any USE; '' when the script never says USE/CREATE DATABASE. */
  defaultSchema?: string;
}

/** Longest statement text kept in a PGS1001 diagnostic. */
const MAX_STATEMENT_TEXT = 2000;

/** Parse MySQL/MariaDB scripts (in order, as one client session) into a catalog. Never throws. */
export function parseMysql(scripts: { file: string; text: string; segmented?: SegmentedFile }[], options: MysqlParseOptions = {}): Catalog {
  return withSharedStrings(() => parseScripts(scripts, options));
}

function parseScripts(scripts: { file: string; text: string; segmented?: SegmentedFile }[], options: MysqlParseOptions): Catalog {
  const catalog: Catalog = { dialect: 'mysql', schemas: [], diagnostics: [] };
  const session: Session = { catalog, current: options.defaultSchema ?? '', data: new Map(), skipped: new Map() };
  for (const script of scripts) {
    for (const seg of scriptSegments(script, 'mysql')) readingText(seg.text, () => parseScript(session, script.file, seg));
  }
  finishSequenceTables(session);
  for (const n of session.skipped.values()) {
    if (n.count > 1) n.diag.message = `${n.message} (${n.count} statements: the first here, the last at line ${n.lastLine})`;
  }
  return catalog;
}

function parseScript(s: Session, file: string, seg: ScriptSegment): void {
  const { text, source } = seg;
  const lx = createLexer(file, text, s.catalog.diagnostics, seg);
  for (;;) {
    const toks: Token[] = [];
    let t = lx.next();
    let skimmed: Cursor['skimmed'];
    const insert = t.kind === 'word' && t.value === 'INSERT';
    let depth = 0;
    while (t.kind !== 'delim' && t.kind !== 'eof') {
      toks.push(t);
      if (insert) {
        if (t.kind === 'op') depth += t.value === '(' ? 1 : t.value === ')' ? -1 : 0;
        else if (depth === 0 && t.kind === 'word' && (t.value === 'VALUES' || t.value === 'VALUE')) {
          // the rows themselves are only counted (fast path for data-heavy dumps)
          const r = lx.skimRows();
          skimmed = { rows: r.rows, tail: r.tail };
          t = r.end;
          break;
        }
      }
      t = lx.next();
    }
    if (toks.length) {
      if (s.ansiQuotes) quotedAsIdentifiers(text, toks);
      const c: Cursor = { text, source, lines: lx.lines, toks, i: 0, limit: toks.length, depth: 0, end: t, diagnostics: s.catalog.diagnostics };
      if (skimmed) c.skimmed = skimmed;
      runStatement(s, c);
    }
    if (t.kind === 'eof') return;
  }
}

/** Under ANSI_QUOTES a double-quoted token is a quoted identifier (its doubled "" already read as one "). */
function quotedAsIdentifiers(text: string, toks: Token[]): boolean {
  let found = false;
  for (const t of toks) {
    if (t.kind === 'str' && !t.charset && !t.national && text.charCodeAt(t.start) === 34) {
      t.kind = 'qid';
      found = true;
    }
  }
  return found;
}

/**
 * A statement that fails while it holds "double-quoted" tokens, and parses once they are read as identifiers, was
 * written for sql_mode ANSI_QUOTES (set on the server, not in the script): the rest of the script is read so too.
 */
function retryWithAnsiQuotes(s: Session, c: Cursor, diagnosticsBefore: number): boolean {
  if (s.ansiQuotes || !c.toks.some((t) => t.kind === 'str' && text34(c, t))) return false;
  const toks = c.toks.map((t) => ({ ...t }));
  quotedAsIdentifiers(c.text, toks);
  const retry: Cursor = { ...c, toks, i: 0 };
  const kept = s.catalog.diagnostics.splice(diagnosticsBefore);
  try {
    parseStatement(s, retry);
  } catch {
    s.catalog.diagnostics.splice(diagnosticsBefore);
    s.catalog.diagnostics.push(...kept);
    return false;
  }
  s.ansiQuotes = true;
  s.catalog.diagnostics.push(diag('PGS1010', 'double-quoted names read as identifiers from here on (the script is written for sql_mode ANSI_QUOTES)', { span: spanOf(retry, 0, toks.length - 1) }));
  return true;
}

const text34 = (c: Cursor, t: Token): boolean => !t.charset && !t.national && c.text.charCodeAt(t.start) === 34;

/** SET [SESSION] sql_mode = '...' turns ANSI_QUOTES on or off for the statements that follow. */
function noteSqlMode(s: Session, c: Cursor): void {
  for (let k = 0; k + 2 < c.toks.length; k++) {
    const t = c.toks[k]!;
    const named = (t.kind === 'word' && t.value === 'SQL_MODE') || (t.kind === 'sysvar' && /(^|\.)sql_mode$/i.test(t.value));
    const eq = c.toks[k + 1]!;
    if (!named || eq.kind !== 'op' || (eq.value !== '=' && eq.value !== ':=')) continue;
    if (k > 0 && c.toks[k - 1]!.kind === 'word' && c.toks[k - 1]!.value === 'GLOBAL') continue;
    const v = c.toks[k + 2]!;
    s.ansiQuotes = v.kind === 'str' && /(^|,)\s*(ANSI_QUOTES|ANSI)\s*(,|$)/i.test(v.value);
  }
}

/** One statement; a failure becomes a diagnostic and parsing resumes after the statement's delimiter. */
function runStatement(s: Session, c: Cursor): void {
  const diagnosticsBefore = s.catalog.diagnostics.length;
  try {
    parseStatement(s, c);
  } catch (e) {
    if (isParseFailure(e) && retryWithAnsiQuotes(s, c, diagnosticsBefore)) return;
    if (c.toks.some((t) => t.bad)) return; // already reported as PGS1002
    const span = spanOf(c, 0, c.toks.length - 1);
    let statement = textOf(c, 0, c.toks.length - 1);
    if (statement.length > MAX_STATEMENT_TEXT) statement = `${statement.slice(0, MAX_STATEMENT_TEXT)}…`;
    if (isParseFailure(e)) {
      // The diagnostic points where parsing failed (what an editor jumps to) and runs to the statement's end.
      const where = offsetSpan(c.lines, e.at, e.at + 1);
      const inside = e.at >= c.toks[0]!.start && e.at <= c.toks[c.toks.length - 1]!.end;
      const message = inside ? e.message : `${e.message} (at ${where.line}:${where.col})`;
      const at = inside ? { ...span, line: where.line, col: where.col } : span;
      s.catalog.diagnostics.push(diag(e.failure === 'depth' ? 'PGS1005' : 'PGS1001', message, { span: at, statement }));
    } else {
      s.catalog.diagnostics.push(diag('PGS1001', `internal parser error: ${String(e)}`, { span, statement }));
    }
  }
}

const SESSION_STATEMENTS = new Set([
  'SET', 'LOCK', 'UNLOCK', 'START', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'FLUSH', 'SHOW', 'DESCRIBE',
  'DESC', 'EXPLAIN', 'RESET', 'PURGE', 'KILL', 'XA', 'ANALYZE', 'OPTIMIZE', 'CHECK', 'CHECKSUM', 'REPAIR', 'HELP',
  'INSTALL', 'UNINSTALL', 'CACHE', 'SHUTDOWN', 'RESTART', 'BINLOG', 'PREPARE', 'EXECUTE', 'DEALLOCATE',
]);
const DATA_STATEMENTS = new Set(['REPLACE', 'UPDATE', 'DELETE', 'TRUNCATE', 'LOAD', 'CALL', 'SELECT', 'WITH', 'DO', 'HANDLER', 'VALUES', 'TABLE', 'IMPORT']);
const SECURITY_STATEMENTS = new Set(['GRANT', 'REVOKE']);

function parseStatement(s: Session, c: Cursor): void {
  const t = peek(c);
  if (t.kind === 'op' && t.value === '(') return skip(c, s, 'PGS1014', 'query statement skipped');
  if (t.kind === 'op' && t.value === '\\') {
    if (peekWord(c, 'U', 1) && !c.toks[1]!.gap && c.toks[1]!.start === t.end) { c.i += 2; return parseUse(s, c); }
    return parseClientCommand(s, c);
  }
  if (t.kind !== 'word') fail(c, 'expected a statement');
  switch (t.value) {
    case 'CREATE': return parseCreate(s, c);
    case 'ALTER': return parseAlter(s, c);
    case 'DROP': return parseDrop(c, s);
    case 'INSERT': return parseInsert(c, s);
    case 'RENAME':
      if (peekWord(c, 'USER', 1)) return skip(c, s, 'PGS1018', 'RENAME USER skipped');
      return parseRenameTable(c, s);
    case 'USE':
      c.i++;
      return parseUse(s, c);
    case 'SOURCE': return parseClientCommand(s, c);
    case 'SET':
      if (peekWord(c, 'PASSWORD', 1) || peekWord(c, 'ROLE', 1) || (peekWord(c, 'DEFAULT', 1) && peekWord(c, 'ROLE', 2))) {
        return skip(c, s, 'PGS1018', 'SET PASSWORD/ROLE skipped');
      }
      noteSqlMode(s, c);
      return skip(c, s, 'PGS1010', 'SET statement skipped');
  }
  if ((t.value === 'DO' || t.value === 'SELECT') && peekWord(c, 'SETVAL', 1) && parseSequenceSetval(c, s)) return;
  if (SECURITY_STATEMENTS.has(t.value)) return skip(c, s, 'PGS1018', `${t.value} skipped`);
  if (SESSION_STATEMENTS.has(t.value)) return skip(c, s, 'PGS1010', `${t.value} statement skipped`);
  if (DATA_STATEMENTS.has(t.value)) return skip(c, s, 'PGS1014', `${t.value} statement skipped`);
  fail(c, 'unknown statement');
}

/**
 * USE db / \u db (after the command word): the objects that follow belong to that database. Words after the name
 * (a `;` the client did not see, in a comment on the USE line) are a statement of their own, as after `source`.
 */
function parseUse(s: Session, c: Cursor): void {
  const db = identifier(c, 'database name');
  s.current = db;
  const k = c.i;
  report(c, s, 'PGS1010', `USE ${db}: objects that follow belong to database ${db}`, 0, k - 1);
  c.i = c.limit;
  if (k < c.toks.length) runStatement(s, { ...c, toks: c.toks.slice(k), i: 0, limit: c.toks.length - k });
}

/**
 * mysql client commands run by the client, not the server: `source file` / `\. file` (another script) and `\x`
 * (MariaDB dumps open with `/*M!999999\- enable the sandbox mode *\/`). One ends at the end of its line, `;` or
 * not, and what follows on later lines before a `;` is a statement of its own. A script run by source is not read
 * (PGS1012); other commands are skipped (PGS1010).
 */
function parseClientCommand(s: Session, c: Cursor): void {
  let k = 1;
  while (k < c.toks.length && !c.text.slice(c.toks[k - 1]!.end, c.toks[k]!.start).includes('\n')) k++;
  const span = spanOf(c, 0, k - 1);
  const source = c.toks[0]!.kind === 'word' ? 1 : peekOp(c, '.', 1) ? 2 : 0;
  if (source) {
    const file = textOf(c, source, k - 1);
    s.catalog.diagnostics.push(diag('PGS1012', `client command ${textOf(c, 0, source - 1)} ${file}: the script it runs is not read; convert that file as well`, { span }));
  } else {
    s.catalog.diagnostics.push(diag('PGS1010', `client command ${textOf(c, 0, k - 1)} skipped`, { span }));
  }
  c.i = c.limit;
  if (k < c.toks.length) runStatement(s, { ...c, toks: c.toks.slice(k), i: 0, limit: c.toks.length - k });
}

/**
 * Reports the whole statement with `code` and consumes it. Info-level skips repeat by the thousand (a mysqldump
 * sets and restores session variables around every table): each kind gets one diagnostic per script, at the first
 * statement, that counts them and says where the last one is (the count is written when parsing ends).
 */
function skip(c: Cursor, s: Session, code: 'PGS1010' | 'PGS1012' | 'PGS1014' | 'PGS1018', message: string): void {
  const span = spanOf(c, 0, c.toks.length - 1);
  c.i = c.limit;
  if (DIAGNOSTIC_CODES[code].severity !== 'info') {
    s.catalog.diagnostics.push(diag(code, message, { span }));
    return;
  }
  const key = `${code}\u0000${message}\u0000${span.file}`;
  const note = s.skipped.get(key);
  if (note) {
    note.count++;
    note.lastLine = span.line;
    return;
  }
  const d = diag(code, message, { span });
  s.catalog.diagnostics.push(d);
  s.skipped.set(key, { diag: d, message, count: 1, lastLine: span.line });
}

/** CREATE [OR REPLACE] [TEMPORARY] [ALGORITHM=..] [DEFINER=..] [SQL SECURITY ..] [UNIQUE|FULLTEXT|SPATIAL] object ... */
function parseCreate(s: Session, c: Cursor): void {
  c.i++;
  const mods: Record<string, string> = {};
  let orReplace = false;
  let temporary = false;
  for (;;) {
    if (acceptWords(c, 'OR', 'REPLACE')) orReplace = true;
    else if (acceptWord(c, 'TEMPORARY')) temporary = true;
    else if (acceptWord(c, 'ALGORITHM')) {
      acceptOp(c, '=');
      mods.algorithm = advance(c).value.toLowerCase();
    } else if (acceptWord(c, 'DEFINER')) {
      acceptOp(c, '=');
      mods.definer = parseUser(c);
    } else if (acceptWords(c, 'SQL', 'SECURITY')) mods.sql_security = advance(c).value.toLowerCase();
    else if (acceptWord(c, 'AGGREGATE') || acceptWord(c, 'ONLINE') || acceptWord(c, 'OFFLINE')) continue;
    else break;
  }
  const kind = advance(c);
  switch (kind.value) {
    case 'TABLE': return parseCreateTable(c, s, temporary);
    case 'VIEW': return parseCreateView(c, s, mods, orReplace);
    case 'UNIQUE': case 'FULLTEXT': case 'SPATIAL': case 'INDEX':
      if (kind.value === 'SPATIAL' && peekWord(c, 'REFERENCE')) return skip(c, s, 'PGS1012', 'CREATE SPATIAL REFERENCE SYSTEM is not supported; skipped');
      c.i--;
      return parseCreateIndex(c, s);
    case 'DATABASE': case 'SCHEMA': {
      acceptWords(c, 'IF', 'NOT', 'EXISTS');
      const name = identifier(c, 'database name');
      const schema = schemaOf(s.catalog, name);
      schema.declared = true;
      schema.span ??= spanOf(c, 0, c.toks.length - 1);
      c.i = c.limit;
      return report(c, s, 'PGS1010', `CREATE DATABASE ${name}: the database becomes a schema`, 0, c.toks.length - 1);
    }
    case 'PROCEDURE': case 'FUNCTION': case 'EVENT':
      return parseCreateRoutine(c, s, kind.value === 'PROCEDURE' ? 'procedure' : kind.value === 'FUNCTION' ? 'function' : 'event', orReplace);
    case 'TRIGGER': return parseCreateTrigger(c, s, orReplace);
    case 'SEQUENCE': return parseCreateSequence(c, s, orReplace);
    case 'USER': case 'ROLE': return skip(c, s, 'PGS1018', `CREATE ${kind.value} skipped`);
    case 'TABLESPACE': case 'SERVER': case 'LOGFILE': case 'RESOURCE':
      return skip(c, s, 'PGS1012', `CREATE ${kind.value} is not supported; skipped`);
  }
  c.i--;
  fail(c, 'unknown CREATE statement');
}

/** user: name[@host] | CURRENT_USER[()] — as written. */
function parseUser(c: Cursor): string {
  const start = c.i;
  if (acceptWord(c, 'CURRENT_USER')) {
    if (peekOp(c, '(')) { c.i++; acceptOp(c, ')'); }
    return textOf(c, start, c.i - 1);
  }
  advance(c);
  if (peek(c).kind === 'var') c.i++;
  return textOf(c, start, c.i - 1);
}

function parseAlter(s: Session, c: Cursor): void {
  c.i++;
  while (acceptWord(c, 'ONLINE') || acceptWord(c, 'OFFLINE') || acceptWord(c, 'IGNORE')) { /* modifiers */ }
  const t = peek(c);
  switch (t.value) {
    case 'TABLE': return parseAlterTable(c, s);
    case 'DATABASE': case 'SCHEMA': return skip(c, s, 'PGS1010', `ALTER ${t.value} skipped`);
    case 'USER': case 'ROLE': return skip(c, s, 'PGS1018', `ALTER ${t.value} skipped`);
    case 'ALGORITHM': case 'DEFINER': case 'SQL': case 'VIEW': {
      // ALTER VIEW is CREATE OR REPLACE VIEW
      const mods: Record<string, string> = {};
      for (;;) {
        if (acceptWord(c, 'ALGORITHM')) { acceptOp(c, '='); mods.algorithm = advance(c).value.toLowerCase(); }
        else if (acceptWord(c, 'DEFINER')) { acceptOp(c, '='); mods.definer = parseUser(c); }
        else if (acceptWords(c, 'SQL', 'SECURITY')) mods.sql_security = advance(c).value.toLowerCase();
        else break;
      }
      expectWord(c, 'VIEW');
      return parseCreateView(c, s, mods, true);
    }
  }
  return skip(c, s, 'PGS1012', `ALTER ${t.value} is not supported; skipped`);
}

