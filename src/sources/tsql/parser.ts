import { readingText } from '../slice-cache.js';
import type { Catalog } from '../../model/catalog.js';
import grammar from '../../../grammars/tsql.json' with { type: 'json' };
import { applyBindings, parseCreateBindable } from './bindings.js';
import { clearNames, createLexer, type Token } from './lexer.js';
import {
  type Cursor, compact, fillBatch, acceptWord, atEnd, enter, expectWord, isOp, isSyntaxError, isWord, leave, peek, prev, spanOf, syntaxError,
  textOf, parseMultipartName,
} from './cursor.js';
import { parseExprOrOpaque } from './expr-parser.js';
import { noteDefaultConstraintLookup } from './default-drop.js';
import { parseExec } from './exec.js';
import { parseInsert } from './insert.js';
import { alterFulltextColumns, parseCreateIndex, parseCreateSchema, parseCreateType, parseDrop, parseRoutine, parseSequence, parseTrigger, parseView } from './objects.js';
import { parseCreatePartition } from './partition.js';
import { type Session, qname, report } from './session.js';
import { statementName } from './statement-name.js';
import { parseCreateSynonym, resolveSynonyms } from './synonym.js';
import { sqlcmdState, substituteSqlcmdVars } from './sqlcmd.js';
import { fixedText, type TextSource } from '../../model/source.js';
import { scriptSegments, type SegmentedFile } from '../segments.js';
import { addTable, parseAlterTable, parseCreateTable, skipRest } from './table.js';

export interface TsqlParseOptions {
  /** Schema for unqualified names; 'dbo' by default. */
  defaultSchema?: string;
  /** SQLCMD variables for $(name); `:setvar` in the scripts overrides them, as in sqlcmd. */
  sqlcmdVars?: Record<string, string>;
}

const STATEMENT_STARTS = new Set(grammar.statementStarts);
const SESSION_STATEMENTS = new Set(grammar.sessionStatements);
const MAX_STATEMENT_TEXT = 2000;
const MAX_DYNAMIC_DEPTH = 16;

/**
 * Parse T-SQL scripts, in the order given, as one session (a later script sees earlier objects).
 * Never throws: everything the parser cannot use is a diagnostic in the returned catalog.
 */
export function parseTsql(scripts: { file: string; text: string; segmented?: SegmentedFile }[], options: TsqlParseOptions = {}): Catalog {
  const catalog: Catalog = { dialect: 'tsql', schemas: [], diagnostics: [] };
  const s: Session = {
    catalog, defaultSchema: options.defaultSchema ?? 'dbo', sqlcmd: sqlcmdState(options.sqlcmdVars), data: new Map(), dynamicDepth: 0, objects: new Map(),
  };
  for (const script of scripts) {
    let line = 1;
    try {
      for (const seg of scriptSegments(script, 'tsql')) {
        line = seg.line;
        const text = substituteSqlcmdVars(seg.text, script.file, s.sqlcmd, catalog.diagnostics, seg.line);
        parseText(s, text, script.file, seg.line, 1, text === seg.text ? seg.source : fixedText(text));
      }
    } catch (e) {
      report(s, 'PGS1001', `internal parser error: ${e instanceof Error ? e.message : String(e)}`, {
        span: { file: script.file, line, col: 1, endLine: line, endCol: 1 },
      });
    }
  }
  resolveSynonyms(s, (text, span) => runDynamic(s, text, span.file, span.line, span.col));
  applyBindings(s);
  clearNames();
  return catalog;
}

/** Lex and parse one text batch by batch (GO-separated). */
function parseText(s: Session, text: string, file: string, line: number, col: number, source: TextSource = fixedText(text)): void {
  readingText(text, () => parseBatches(s, text, file, line, col, source));
}

function parseBatches(s: Session, text: string, file: string, line: number, col: number, source: TextSource): void {
  const lx = createLexer(text, file, line, col);
  while (!lx.done) {
    const c: Cursor = { src: text, source, file, toks: [], i: 0, depth: 0, lexer: lx };
    parseStatements(s, c, false);
    fillBatch(c);
    if (lx.diagnostics.length) {
      s.catalog.diagnostics.push(...lx.diagnostics);
      lx.diagnostics.length = 0;
    }
    const sep = c.toks[c.toks.length - 1]!;
    if (sep.kind === 'go' && sep.value !== '1') {
      report(s, 'PGS1010', `GO ${sep.value}: the batch is converted once`, { span: spanOf(c, sep) });
    }
  }
}

/** Dynamic SQL (EXEC sp_executesql N'...'): parsed like a script, spans offset to the string's position. */
function runDynamic(s: Session, text: string, file: string, line: number, col: number): void {
  if (s.dynamicDepth >= MAX_DYNAMIC_DEPTH) {
    report(s, 'PGS1005', 'dynamic SQL nested too deeply; not parsed', { span: { file, line, col, endLine: line, endCol: col } });
    return;
  }
  s.dynamicDepth++;
  try {
    parseText(s, text, file, line, col);
  } finally {
    s.dynamicDepth--;
  }
}

/** statements := {statement [';']} — up to GO/EOF, or to END inside a BEGIN ... END block. */
function parseStatements(s: Session, c: Cursor, inBlock: boolean): void {
  for (;;) {
    const t = peek(c);
    if (atEnd(t)) return;
    if (isOp(t, ';')) { c.i++; continue; }
    if (inBlock && isWord(t, 'END')) return;
    parseGuarded(s, c);
    if (!inBlock) compact(c);
  }
}

/** One statement; a failure becomes PGS1001 (or PGS1005) and parsing resumes at the next statement start. */
function parseGuarded(s: Session, c: Cursor): void {
  const start = c.i;
  const depth = c.depth;
  try {
    parseStatement(s, c);
    if (c.i === start) c.i++;
  } catch (e) {
    c.depth = depth;
    const first = c.toks[start]!;
    c.i = start + 1;
    skipRest(c);
    const last = c.i > start ? prev(c) : first;
    const text = textOf(c, first, last);
    const tooDeep = isSyntaxError(e) && e.tooDeep === true;
    const message = e instanceof Error ? e.message : String(e);
    // The diagnostic points where parsing failed (what an editor jumps to) and runs to the statement's end.
    const at = isSyntaxError(e) && e.token.start >= first.start && e.token.start <= last.end ? e.token : first;
    report(s, tooDeep ? 'PGS1005' : 'PGS1001', tooDeep ? message : `statement could not be parsed: ${message}`, {
      span: spanOf(c, at, last),
      statement: text.length > MAX_STATEMENT_TEXT ? `${text.slice(0, MAX_STATEMENT_TEXT)}…` : text,
    });
  }
}

/** Skip the rest of a statement we do not convert, with one diagnostic covering it. */
function skipWith(s: Session, c: Cursor, start: Token, code: 'PGS1010' | 'PGS1012' | 'PGS1013' | 'PGS1014' | 'PGS1018' | 'PGS1011', what: string, exempt?: Set<string>): void {
  if (peek(c) === start) c.i++;
  skipRest(c, exempt);
  report(s, code, `${what} skipped`, { span: spanOf(c, start, prev(c)) });
}

function describeStart(c: Cursor, start: Token): string {
  const n = peek(c, 1);
  return n.kind === 'word' ? `${start.upper} ${n.upper}` : start.upper;
}

/**
 * permission := (GRANT|DENY|REVOKE) [GRANT OPTION FOR] perms [ON [class::]object] (TO|FROM) principal {',' principal}
 *   [WITH GRANT OPTION] [CASCADE] [AS principal]
 * Permission names look like statement keywords (GRANT SELECT, INSERT ...), so this skips by shape, not by keyword.
 */
function skipPermissionStatement(c: Cursor): void {
  c.i++;
  while (!atEnd(peek(c)) && !isOp(peek(c), ';') && !isWord(peek(c), 'TO') && !isWord(peek(c), 'FROM')) c.i++;
  if (atEnd(peek(c)) || isOp(peek(c), ';')) return;
  c.i++;
  do c.i++; while (isOp(peek(c), ',') && c.i++);
  for (;;) {
    if (acceptWord(c, 'WITH')) { acceptWord(c, 'GRANT'); acceptWord(c, 'OPTION'); continue; }
    if (acceptWord(c, 'CASCADE')) continue;
    if (acceptWord(c, 'AS')) { c.i++; continue; }
    return;
  }
}
/** ALTER DATABASE x SET ..., CREATE DATABASE ... */
const DATABASE_WORDS = new Set(['SET']);

const DML_EXEMPT: Record<string, Set<string>> = {
  UPDATE: new Set(['SET']),
  DELETE: new Set(),
  MERGE: new Set(['INSERT', 'UPDATE', 'DELETE', 'SET', 'SELECT']),
  TRUNCATE: new Set(),
  SELECT: new Set(),
};

function parseStatement(s: Session, c: Cursor): void {
  const t = peek(c);
  if (t.kind === 'sqlcmd') {
    c.i++;
    const cmd = t.value.split(/\s+/)[0]!.toLowerCase();
    if (cmd === ':r') report(s, 'PGS1012', `SQLCMD ${t.value}: included file not read`, { span: spanOf(c, t) });
    else if (cmd === ':setvar' || cmd === ':on') report(s, 'PGS1010', `SQLCMD ${t.value} skipped`, { span: spanOf(c, t) });
    else report(s, 'PGS1012', `SQLCMD command ${t.value} skipped`, { span: spanOf(c, t) });
    return;
  }
  if (t.kind !== 'word') throw syntaxError(c, 'expected a statement');
  const u = t.upper;
  switch (u) {
    case 'CREATE': return parseCreate(s, c, t);
    case 'ALTER': return parseAlter(s, c, t);
    case 'DROP': c.i++; return parseDrop(s, c, t);
    case 'INSERT': return parseInsert(s, c, t);
    case 'UPDATE': case 'DELETE': case 'MERGE': case 'TRUNCATE': case 'SELECT':
      if (u === 'SELECT') noteDefaultConstraintLookup(s, c);
      return skipWith(s, c, t, 'PGS1014', `${u} statement`, DML_EXEMPT[u]);
    case 'EXEC': case 'EXECUTE': c.i++; return parseExec(s, c, t, runDynamic);
    case 'IF': return parseIf(s, c);
    case 'WHILE': {
      c.i++;
      parseExprOrOpaque(c, isStatementBoundary);
      return parseBody(s, c);
    }
    case 'BEGIN': return parseBody(s, c);
    case 'COMMIT': case 'ROLLBACK': case 'SAVE':
      return skipWith(s, c, t, 'PGS1010', `${u} statement`);
    case 'GRANT': case 'DENY': case 'REVOKE':
      skipPermissionStatement(c);
      return report(s, 'PGS1018', `${u} statement skipped`, { span: spanOf(c, t, prev(c)) });
    case 'WITH':
      return skipWith(s, c, t, 'PGS1014', 'WITH ... statement', new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'SET']));
    case 'ENABLE': case 'DISABLE':
      return skipWith(s, c, t, 'PGS1012', `${u} TRIGGER`);
    case 'BULK':
      // The rows are in a file the script names, not in the script: load it with COPY after the tables exist.
      c.i++;
      acceptWord(c, 'INSERT');
      return skipWith(s, c, t, 'PGS1012', 'BULK INSERT (its rows are in a data file, not in the script; load it with COPY)');
    default:
      if (SESSION_STATEMENTS.has(u)) return skipWith(s, c, t, 'PGS1010', describeStart(c, t));
      throw syntaxError(c, 'expected a statement');
  }
}

const isStatementBoundary = (t: Token): boolean =>
  atEnd(t) || isOp(t, ';') || (t.kind === 'word' && STATEMENT_STARTS.has(t.upper));

/** if := IF condition body [ELSE body] — the DDL inside the wrapper is what the script creates. */
function parseIf(s: Session, c: Cursor): void {
  c.i++;
  parseExprOrOpaque(c, isStatementBoundary);
  enter(c);
  try {
    parseBody(s, c);
    if (isOp(peek(c), ';') && isWord(peek(c, 1), 'ELSE')) c.i++;
    if (acceptWord(c, 'ELSE')) parseBody(s, c);
  } finally {
    leave(c);
  }
}

const TRANSACTION_WORDS = new Set(['TRAN', 'TRANSACTION', 'DISTRIBUTED', 'DIALOG', 'CONVERSATION']);

/** body := BEGIN [TRY|CATCH] statements END [TRY|CATCH] | statement; BEGIN TRAN is a session statement. */
function parseBody(s: Session, c: Cursor): void {
  const t = peek(c);
  if (atEnd(t)) throw syntaxError(c, 'expected a statement');
  if (!isWord(t, 'BEGIN')) { parseGuarded(s, c); return; }
  if (TRANSACTION_WORDS.has(peek(c, 1).upper) || (isOp(peek(c, 1), ';') || atEnd(peek(c, 1)))) {
    skipWith(s, c, t, 'PGS1010', describeStart(c, t));
    return;
  }
  c.i++;
  const kind = acceptWord(c, 'TRY') ? 'TRY' : acceptWord(c, 'CATCH') ? 'CATCH' : '';
  enter(c);
  try {
    parseStatements(s, c, true);
  } finally {
    leave(c);
  }
  expectWord(c, 'END');
  if (kind) acceptWord(c, kind);
}

function isSchemaElement(c: Cursor): boolean {
  const t = peek(c);
  if (isWord(t, 'CREATE')) return isWord(peek(c, 1), 'TABLE') || isWord(peek(c, 1), 'VIEW');
  return isWord(t, 'GRANT') || isWord(t, 'DENY') || isWord(t, 'REVOKE');
}

const GRANT_OBJECTS = new Set(['USER', 'ROLE', 'LOGIN', 'APPLICATION', 'CERTIFICATE', 'ASYMMETRIC', 'SYMMETRIC', 'MASTER', 'CREDENTIAL', 'SERVER']);

function parseCreate(s: Session, c: Cursor, start: Token): void {
  c.i++;
  const orAlter = isWord(peek(c), 'OR') && isWord(peek(c, 1), 'ALTER');
  if (orAlter) c.i += 2;
  const t = peek(c);
  switch (t.upper) {
    case 'TABLE': {
      const table = parseCreateTable(s, c, start);
      if (table) addTable(s, table);
      return;
    }
    case 'VIEW': return parseView(s, c, start, orAlter);
    case 'PROC': case 'PROCEDURE': case 'FUNCTION': return parseRoutine(s, c, start, orAlter);
    case 'TRIGGER': return parseTrigger(s, c, start, orAlter);
    case 'XML':
      // XML columns become untyped xml: the schema collection that typed them has nowhere to go.
      if (isWord(peek(c, 1), 'SCHEMA')) return skipWith(s, c, start, 'PGS1012', 'CREATE XML SCHEMA COLLECTION (XML columns typed by it become untyped xml)');
      return parseCreateIndex(s, c, start);
    case 'UNIQUE': case 'CLUSTERED': case 'NONCLUSTERED': case 'INDEX': case 'COLUMNSTORE': case 'SPATIAL':
      return parseCreateIndex(s, c, start);
    case 'PRIMARY':
      if (isWord(peek(c, 1), 'XML')) return parseCreateIndex(s, c, start);
      break;
    case 'FULLTEXT':
      if (isWord(peek(c, 1), 'INDEX')) return parseCreateIndex(s, c, start);
      // Full-text indexes become GIN indexes; the catalog that held them has no PostgreSQL counterpart.
      if (isWord(peek(c, 1), 'CATALOG')) return skipWith(s, c, start, 'PGS1011', 'CREATE FULLTEXT CATALOG (full-text indexes become GIN indexes without one)');
      return skipWith(s, c, start, 'PGS1012', statementName(c, 'CREATE'));
    case 'SCHEMA': {
      const name = parseCreateSchema(s, c, start);
      // Schema elements (CREATE TABLE/VIEW, GRANT ...) that follow without ';' belong to the statement
      // and resolve unqualified names to the new schema.
      const saved = s.defaultSchema;
      s.defaultSchema = name;
      try {
        while (isSchemaElement(c)) parseGuarded(s, c);
      } finally {
        s.defaultSchema = saved;
      }
      return;
    }
    case 'TYPE': return parseCreateType(s, c, start);
    case 'SEQUENCE': return parseSequence(s, c, start);
    case 'DATABASE': return skipWith(s, c, start, 'PGS1010', 'CREATE DATABASE');
    case 'RULE': return parseCreateBindable(s, c, start, 'rule');
    case 'DEFAULT': return parseCreateBindable(s, c, start, 'default');
    case 'PARTITION': return parseCreatePartition(s, c, start);
    case 'SYNONYM': return parseCreateSynonym(s, c, start);
    case 'STATISTICS': return skipWith(s, c, start, 'PGS1011', `CREATE ${t.upper}`);
    case 'SECURITY':
      if (isWord(peek(c, 1), 'POLICY')) return skipWith(s, c, start, 'PGS1012', 'CREATE SECURITY POLICY (row-level security: PostgreSQL has CREATE POLICY with ALTER TABLE ... ENABLE ROW LEVEL SECURITY; its predicate function is converted by hand)');
      break;
    default:
      if (GRANT_OBJECTS.has(t.upper)) return skipWith(s, c, start, 'PGS1018', statementName(c, 'CREATE'));
  }
  skipWith(s, c, start, 'PGS1012', statementName(c, 'CREATE'));
}

const FULLTEXT_MAINTENANCE = new Set(['ENABLE', 'DISABLE', 'START', 'STOP', 'PAUSE', 'RESUME', 'SET']);

function parseAlter(s: Session, c: Cursor, start: Token): void {
  c.i++;
  const t = peek(c);
  switch (t.upper) {
    case 'TABLE': return parseAlterTable(s, c, start);
    case 'VIEW': return parseView(s, c, start, true);
    case 'PROC': case 'PROCEDURE': case 'FUNCTION': return parseRoutine(s, c, start, true);
    case 'TRIGGER': return parseTrigger(s, c, start, true);
    case 'DATABASE': return skipWith(s, c, start, 'PGS1010', statementName(c, 'ALTER'), DATABASE_WORDS);
    case 'INDEX': {
      c.i++;
      skipRest(c);
      // A disabled index is unusable in SQL Server (a disabled clustered index closes its table); PostgreSQL's is in use.
      const last = prev(c);
      const disabled = last.kind === 'word' && last.upper === 'DISABLE';
      return report(s, 'PGS1011', disabled ? 'ALTER INDEX ... DISABLE skipped: the index is created and in use in PostgreSQL' : 'ALTER INDEX skipped', {
        span: spanOf(c, start, last), ...(disabled ? { severity: 'warning' as const } : {}),
      });
    }
    case 'FULLTEXT':
      // ALTER FULLTEXT INDEX ... ENABLE / START FULL POPULATION, ALTER FULLTEXT CATALOG ... REBUILD: maintenance only.
      if (isWord(peek(c, 1), 'CATALOG')) return skipWith(s, c, start, 'PGS1011', 'ALTER FULLTEXT CATALOG');
      if (isWord(peek(c, 1), 'INDEX') && isWord(peek(c, 2), 'ON')) {
        c.i += 3;
        const table = qname(s, parseMultipartName(c));
        const action = peek(c).upper;
        if ((action === 'ADD' || action === 'DROP') && isOp(peek(c, 1), '(')) return alterFulltextColumns(s, c, start, table);
        c.i++; // ENABLE and SET also start statements
        if (FULLTEXT_MAINTENANCE.has(action)) return skipWith(s, c, start, 'PGS1011', `ALTER FULLTEXT INDEX ... ${action}`);
        return skipWith(s, c, start, 'PGS1012', `ALTER FULLTEXT INDEX ... ${action}`);
      }
      break;
    case 'AUTHORIZATION': return skipWith(s, c, start, 'PGS1018', 'ALTER AUTHORIZATION');
    default:
      if (GRANT_OBJECTS.has(t.upper)) return skipWith(s, c, start, 'PGS1018', statementName(c, 'ALTER'));
  }
  skipWith(s, c, start, 'PGS1012', statementName(c, 'ALTER'));
}

