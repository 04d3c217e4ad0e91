import { exactSize } from '../../collections.js';
import type { Check, Column, ForeignKey, Index, Key, KeyPart, PartitionDef, Partitioning, QName, RefAction, Table } from '../../model/catalog.js';
import type { Expr } from '../../model/expr.js';
import type { SourceSpan } from '../../model/source.js';
import type { DataType } from '../../model/types.js';
import { sharedType } from '../../model/types.js';
import {
  acceptOp, acceptWord, acceptWords, advance, expectOp, expectWord, fail, identifier, isIdentifierToken, matchingParen,
  peek, peekOp, peekWord, raw, spanOf, textOf, type Cursor,
} from './cursor.js';
import { charsetName, parseDataType, stringValue } from './data-type.js';
import { parseExpr, parseExprRange, parseParenExpr } from './expr-parser.js';
import { qualifiedName, report, type Session } from './session.js';
import grammar from '../../../grammars/mysql.json' with { type: 'json' };

const COLLATE_PREC = grammar.precedence.collate;

/** The pieces of one create_definition, applied to a table by the caller (CREATE TABLE or ALTER TABLE ADD). */
export type TablePart =
  | { kind: 'column'; column: Column; primary?: Key; uniques: Key[]; checks: Check[] }
  | { kind: 'primary'; key: Key }
  | { kind: 'unique'; key: Key }
  | { kind: 'index'; index: Index }
  | { kind: 'foreign'; fk: ForeignKey }
  | { kind: 'check'; check: Check }
  | { kind: 'period'; system?: { start: string; end: string } };

/** Adds a parsed part to a table (a column goes to position `at` when given). */
export function applyPart(table: Table, part: TablePart, at?: number): void {
  switch (part.kind) {
    case 'column':
      if (at === undefined) table.columns.push(part.column);
      else table.columns.splice(at, 0, part.column);
      if (part.primary) table.primaryKey = part.primary;
      table.uniques.push(...part.uniques);
      table.checks.push(...part.checks);
      return;
    case 'primary': table.primaryKey = part.key; return;
    case 'unique': table.uniques.push(part.key); return;
    case 'index': table.indexes.push(part.index); return;
    case 'foreign': table.foreignKeys.push(part.fk); return;
    case 'check': table.checks.push(part.check); return;
    case 'period': if (part.system) table.temporal = { ...part.system }; return;
    default: {
      const never: never = part;
      return never;
    }
  }
}

/** create_definition: a column or a key/constraint. */
export function parseTablePart(c: Cursor, s: Session, object: string): TablePart {
  const start = c.i;
  const t = peek(c);
  if (t.kind === 'word') {
    switch (t.value) {
      case 'CONSTRAINT': {
        c.i++;
        acceptWords(c, 'IF', 'NOT', 'EXISTS'); // MariaDB ALTER TABLE ADD CONSTRAINT IF NOT EXISTS
        const name = isIdentifierToken(peek(c)) && !isConstraintWord(c) ? identifier(c) : undefined;
        return parseConstraint(c, s, object, start, name);
      }
      case 'PRIMARY': case 'UNIQUE': case 'FOREIGN': case 'CHECK':
        return parseConstraint(c, s, object, start, undefined);
      case 'KEY': case 'INDEX': case 'FULLTEXT': case 'SPATIAL':
        return { kind: 'index', index: parseIndexDef(c, s, object, start) };
      case 'PERIOD':
        if (peekWord(c, 'FOR', 1)) return parsePeriod(c, s, object);
    }
  }
  return parseColumnDef(c, s, object);
}

/**
 * MariaDB PERIOD FOR SYSTEM_TIME (start, end) marks a system-versioned table's row-time columns; PERIOD FOR name (a, b)
 * declares an application-time period, which PostgreSQL has no form for (its columns stay, the period is dropped).
 */
function parsePeriod(c: Cursor, s: Session, object: string): TablePart {
  const start = c.i;
  c.i += 2;
  const name = identifier(c, 'period name');
  const [from, to] = parseNameList(c);
  if (from === undefined || to === undefined) return fail(c, 'expected two period columns');
  if (name.toUpperCase() === 'SYSTEM_TIME') return { kind: 'period', system: { start: from, end: to } };
  report(c, s, 'PGS2013', `application-time period ${name} (${from}, ${to}) dropped; its columns stay plain columns`, start, c.i - 1, object);
  return { kind: 'period' };
}

function isConstraintWord(c: Cursor): boolean {
  const t = peek(c);
  if (t.kind !== 'word') return false;
  if (t.value === 'PRIMARY' || t.value === 'UNIQUE' || t.value === 'FOREIGN') return true;
  return t.value === 'CHECK' && peekOp(c, '(', 1);
}

function parseConstraint(c: Cursor, s: Session, object: string, start: number, name: string | undefined): TablePart {
  const t = advance(c);
  switch (t.value) {
    case 'PRIMARY': {
      expectWord(c, 'KEY');
      if (isIdentifierToken(peek(c)) && !peekWord(c, 'USING')) identifier(c); // MySQL ignores a PRIMARY KEY name
      const opts = parseIndexOptions(c, s, object);
      const columns = parseKeyParts(c);
      parseIndexOptions(c, s, object, opts);
      return { kind: 'primary', key: withComment<Key>(name ? { name, columns, span: spanOf(c, start, c.i - 1) } : { columns, span: spanOf(c, start, c.i - 1) }, opts) };
    }
    case 'UNIQUE': {
      if (!acceptWord(c, 'KEY')) acceptWord(c, 'INDEX');
      acceptWords(c, 'IF', 'NOT', 'EXISTS');
      let keyName = name;
      if (isIdentifierToken(peek(c)) && !peekWord(c, 'USING')) {
        const n = identifier(c);
        keyName ??= n;
      }
      const opts = parseIndexOptions(c, s, object);
      const columns = parseKeyParts(c);
      parseIndexOptions(c, s, object, opts);
      return { kind: 'unique', key: withComment<Key>(keyName ? { name: keyName, columns, span: spanOf(c, start, c.i - 1) } : { columns, span: spanOf(c, start, c.i - 1) }, opts) };
    }
    case 'FOREIGN': {
      expectWord(c, 'KEY');
      acceptWords(c, 'IF', 'NOT', 'EXISTS');
      let fkName = name;
      if (isIdentifierToken(peek(c))) {
        const n = identifier(c);
        fkName ??= n;
      }
      const columns = parseNameList(c);
      return { kind: 'foreign', fk: parseReferences(c, s, columns, fkName, start) };
    }
    case 'CHECK':
      return { kind: 'check', check: parseCheckTail(c, start, name) };
    default:
      c.i--;
      return fail(c, 'expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK');
  }
}

/** A foreign key as the parser makes it (name first, for readable IR dumps); a class for the reason of ColumnNode. */
class ForeignKeyNode implements ForeignKey {
  declare name?: string;
  declare columns: string[];
  declare ref: QName;
  declare refColumns: string[];
  declare span: SourceSpan;
  constructor(name: string | undefined, columns: string[], ref: QName, refColumns: string[]) {
    if (name) this.name = name;
    this.columns = columns;
    this.ref = ref;
    this.refColumns = refColumns;
    this.span = NO_SPAN;
  }
}

function parseCheckTail(c: Cursor, start: number, name: string | undefined): Check {
  const { expr, raw: text } = parseParenExpr(c);
  const span = spanOf(c, start, c.i - 1);
  const check: Check = name ? { name, expr, raw: text, span } : { expr, raw: text, span };
  if (acceptWords(c, 'NOT', 'ENFORCED')) check.enforced = false;
  else acceptWord(c, 'ENFORCED');
  check.span = spanOf(c, start, c.i - 1);
  return check;
}

/**
 * REFERENCES tbl [(cols)] [MATCH FULL|PARTIAL|SIMPLE] [ON DELETE act] [ON UPDATE act]; the foreign key's span runs
 * from token `start` (its CONSTRAINT or FOREIGN KEY) to the end of the clause.
 */
export function parseReferences(c: Cursor, s: Session, columns: string[], name?: string, start = c.i): ForeignKey {
  expectWord(c, 'REFERENCES');
  const ref = qualifiedName(c, s, 'table name');
  const refColumns = peekOp(c, '(') ? parseKeyParts(c).map((p) => p.column) : [];
  const fk: ForeignKey = new ForeignKeyNode(name, columns, ref, refColumns);
  for (;;) {
    if (acceptWord(c, 'MATCH')) {
      const m = advance(c).value;
      if (m !== 'FULL' && m !== 'PARTIAL' && m !== 'SIMPLE') fail(c, 'expected FULL, PARTIAL or SIMPLE');
      fk.match = m === 'FULL' ? 'full' : m === 'PARTIAL' ? 'partial' : 'simple';
    } else if (acceptWords(c, 'ON', 'DELETE')) fk.onDelete = parseRefAction(c);
    else if (acceptWords(c, 'ON', 'UPDATE')) fk.onUpdate = parseRefAction(c);
    else break;
  }
  fk.span = spanOf(c, start, c.i - 1);
  return fk;
}

function parseRefAction(c: Cursor): RefAction {
  if (acceptWord(c, 'RESTRICT')) return 'restrict';
  if (acceptWord(c, 'CASCADE')) return 'cascade';
  if (acceptWords(c, 'SET', 'NULL')) return 'set null';
  if (acceptWords(c, 'SET', 'DEFAULT')) return 'set default';
  if (acceptWords(c, 'NO', 'ACTION')) return 'no action';
  return fail(c, 'expected RESTRICT, CASCADE, SET NULL, SET DEFAULT or NO ACTION');
}

/** {KEY|INDEX|FULLTEXT [KEY|INDEX]|SPATIAL [KEY|INDEX]} [name] [USING x] (parts) [options] */
function parseIndexDef(c: Cursor, s: Session, object: string, start: number): Index {
  const t = advance(c);
  const kind = t.value === 'FULLTEXT' ? 'fulltext' : t.value === 'SPATIAL' ? 'spatial' : 'plain';
  if (kind !== 'plain' && !acceptWord(c, 'KEY')) acceptWord(c, 'INDEX');
  acceptWords(c, 'IF', 'NOT', 'EXISTS');
  const name = isIdentifierToken(peek(c)) && !peekWord(c, 'USING') ? identifier(c) : undefined;
  const opts = parseIndexOptions(c, s, object);
  const columns = parseKeyParts(c);
  parseIndexOptions(c, s, object, opts);
  return withComment(makeIndex(c, start, name, false, kind, columns, opts.using), opts);
}

/** A key's or index's COMMENT option carried onto it (PostgreSQL has COMMENT ON INDEX / CONSTRAINT). */
export function withComment<T extends { comment?: string }>(x: T, opts: IndexOptions): T {
  if (opts.comment !== undefined && opts.comment !== '') x.comment = opts.comment;
  return x;
}

/** MySQL indexes have no INCLUDE columns: one frozen empty list for all of them. */
const NO_INCLUDE: string[] = Object.freeze([]) as unknown as string[];

export function makeIndex(
  c: Cursor, start: number, name: string | undefined, unique: boolean, kind: Index['kind'], columns: KeyPart[], using?: string,
): Index {
  const span = spanOf(c, start, c.i - 1);
  const index: Index = name ? { name, unique, kind, columns, include: NO_INCLUDE, span } : { unique, kind, columns, include: NO_INCLUDE, span };
  if (using) index.using = using;
  return index;
}

export interface IndexOptions { using?: string; comment?: string }

/** MariaDB's IGNORED index is still maintained, only hidden from its optimizer: PostgreSQL has no such hint. */
export const IGNORED_INDEX = 'IGNORED index attribute dropped: the index is created and the planner may use it';

/** index_option: USING BTREE|HASH, KEY_BLOCK_SIZE [=] n, WITH PARSER p, COMMENT 's', VISIBLE|INVISIBLE, [NOT] IGNORED, ... */
export function parseIndexOptions(c: Cursor, s: Session, object: string, into: IndexOptions = {}): IndexOptions {
  for (;;) {
    const start = c.i;
    if (acceptWord(c, 'USING') || acceptWord(c, 'TYPE')) {
      into.using = raw(c, advance(c)).toLowerCase();
    } else if (acceptWord(c, 'KEY_BLOCK_SIZE')) {
      acceptOp(c, '=');
      advance(c);
      report(c, s, 'PGS1011', 'index KEY_BLOCK_SIZE dropped', start, c.i - 1, object);
    } else if (acceptWords(c, 'WITH', 'PARSER')) {
      const p = identifier(c);
      report(c, s, 'PGS1011', `full-text parser ${p} dropped`, start, c.i - 1, object);
    } else if (acceptWord(c, 'COMMENT')) {
      acceptOp(c, '=');
      into.comment = stringValue(c);
    } else if (acceptWord(c, 'INVISIBLE')) {
      report(c, s, 'PGS1011', 'INVISIBLE index attribute dropped', start, start, object);
    } else if (acceptWord(c, 'VISIBLE') || acceptWords(c, 'NOT', 'IGNORED')) {
      // the default
    } else if (acceptWord(c, 'IGNORED')) {
      report(c, s, 'PGS1011', IGNORED_INDEX, start, start, object);
    } else if (peekWord(c, 'ENGINE_ATTRIBUTE') || peekWord(c, 'SECONDARY_ENGINE_ATTRIBUTE') || peekWord(c, 'CLUSTERING')) {
      c.i++;
      acceptOp(c, '=');
      advance(c);
      report(c, s, 'PGS1011', `${raw(c, c.toks[start]!)} dropped`, start, c.i - 1, object);
    } else return into;
  }
}

/**
 * A key part that is only a column name (most are), one frozen object per name: every table's keys name the same
 * few columns (id, name, created_at) and nothing changes a parsed part (renaming a column replaces it).
 */
const plainParts = new Map<string, KeyPart>();
function plainPart(column: string): KeyPart {
  let part = plainParts.get(column);
  if (!part) {
    part = Object.freeze({ column }) as KeyPart;
    if (plainParts.size >= 8192) plainParts.clear();
    plainParts.set(column, part);
  }
  return part;
}

/** (part, ...) where part = name [(length)] [ASC|DESC] | (expr) [ASC|DESC] */
export function parseKeyParts(c: Cursor): KeyPart[] {
  expectOp(c, '(');
  const parts: KeyPart[] = [];
  do {
    let part: KeyPart;
    if (peekOp(c, '(')) {
      const { expr } = parseParenExpr(c);
      part = { column: '', expr };
    } else {
      const column = identifier(c, 'column name');
      part = (peekOp(c, '(') && peek(c, 1).kind === 'num') || peekWord(c, 'DESC') ? { column } : plainPart(column);
      if (peekOp(c, '(') && peek(c, 1).kind === 'num') {
        c.i++;
        part.length = Number(advance(c).value);
        expectOp(c, ')');
      }
    }
    if (acceptWord(c, 'DESC')) part.desc = true;
    else acceptWord(c, 'ASC');
    parts.push(part);
  } while (acceptOp(c, ','));
  expectOp(c, ')');
  return exactSize(parts);
}

/** (name, ...) */
export function parseNameList(c: Cursor): string[] {
  expectOp(c, '(');
  const names: string[] = [];
  if (!peekOp(c, ')')) do names.push(identifier(c, 'column name')); while (acceptOp(c, ','));
  expectOp(c, ')');
  return exactSize(names);
}

/** DEFAULT / ON UPDATE value: a (signed) literal, CURRENT_TIMESTAMP[(n)], NOW(), b'0', or (expr). */
function parseDefaultValue(c: Cursor): { expr: Expr; raw: string } {
  const start = c.i;
  if (peekOp(c, '(')) {
    const { expr } = parseParenExpr(c);
    return { expr, raw: textOf(c, start, c.i - 1) };
  }
  const expr = parseExpr(c, COLLATE_PREC);
  return { expr, raw: textOf(c, start, c.i - 1) };
}

/**
 * A column as the parser makes it. Its optional fields (DEFAULT, COMMENT, AUTO_INCREMENT, ...) are added as the
 * attributes are read; an object literal has room for its own four fields only, so each column would carry a second
 * object for the rest (a V8 property array), while instances of a class get room for the fields columns usually
 * get (V8 slack tracking). The catalog keeps every column, and the garbage collector copies each object it keeps.
 */
class ColumnNode implements Column {
  declare name: string;
  declare type: DataType;
  declare nullable: boolean;
  declare span: SourceSpan;
  constructor(name: string, type: DataType, span: SourceSpan) {
    this.name = name;
    this.type = type;
    this.nullable = true;
    this.span = span;
  }
}

/** A placeholder until a column's span is known (set when its last attribute is read). */
const NO_SPAN: SourceSpan = Object.freeze({ file: '', line: 0, col: 0, endLine: 0, endCol: 0 });

/** MySQL AUTO_INCREMENT, one object for every column that has it (nothing changes it). */
const AUTO_INCREMENT: NonNullable<Column['identity']> = Object.freeze({ start: 1n, increment: 1n, autoIncrement: true });

/** column_definition: name data_type [attributes...] */
export function parseColumnDef(c: Cursor, s: Session, object: string): TablePart & { kind: 'column' } {
  const start = c.i;
  const name = identifier(c, 'column name');
  const parsed = parseDataType(c);
  const column: Column = new ColumnNode(name, parsed.type, NO_SPAN);
  const part: TablePart & { kind: 'column' } = { kind: 'column', column, uniques: [], checks: [] };
  const flags: string[] = [];
  if (parsed.type.charset) column.charset = parsed.type.charset;
  if (parsed.binaryCollation) flags.push('binary');
  if (parsed.serial) {
    // SERIAL = BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE
    column.nullable = false;
    column.identity = AUTO_INCREMENT;
    part.uniques.push({ columns: [{ column: name }], span: spanOf(c, start, c.i - 1) });
  }
  for (;;) {
    const at = c.i;
    const t = peek(c);
    if (t.kind !== 'word') break;
    switch (t.value) {
      case 'NOT':
        if (peekWord(c, 'NULL', 1)) { c.i += 2; column.nullable = false; continue; }
        if (peekWord(c, 'SECONDARY', 1)) { c.i += 2; continue; }
        return fail(c, 'unexpected NOT');
      case 'NULL':
        c.i++;
        column.nullable = true;
        continue;
      case 'DEFAULT': {
        c.i++;
        const d = parseDefaultValue(c);
        column.default = d.expr;
        column.defaultRaw = d.raw;
        continue;
      }
      case 'ON':
        c.i++;
        expectWord(c, 'UPDATE');
        column.onUpdate = parseDefaultValue(c).expr;
        continue;
      case 'AUTO_INCREMENT':
        c.i++;
        column.identity = AUTO_INCREMENT;
        continue;
      case 'SERIAL':
        if (acceptWords(c, 'SERIAL', 'DEFAULT', 'VALUE')) {
          column.nullable = false;
          column.identity = AUTO_INCREMENT;
          part.uniques.push({ columns: [{ column: name }], span: spanOf(c, at, c.i - 1) });
          continue;
        }
        return fail(c, 'unexpected SERIAL');
      case 'UNIQUE':
        c.i++;
        acceptWord(c, 'KEY');
        part.uniques.push({ columns: [{ column: name }], span: spanOf(c, at, c.i - 1) });
        continue;
      case 'PRIMARY': case 'KEY':
        c.i++;
        if (t.value === 'PRIMARY') expectWord(c, 'KEY');
        part.primary = { columns: [{ column: name }], span: spanOf(c, at, c.i - 1) };
        column.nullable = false;
        continue;
      case 'COMMENT':
        c.i++;
        column.comment = stringValue(c);
        continue;
      case 'COLLATE':
        c.i++;
        column.collation = charsetName(c);
        continue;
      case 'CHARSET':
        c.i++;
        column.charset = column.type.charset = charsetName(c);
        continue;
      case 'CHARACTER':
        c.i++;
        expectWord(c, 'SET');
        column.charset = column.type.charset = charsetName(c);
        continue;
      case 'GENERATED': case 'AS': {
        if (t.value === 'GENERATED') { c.i++; expectWord(c, 'ALWAYS'); }
        expectWord(c, 'AS');
        if (acceptWord(c, 'ROW')) {
          // MariaDB system versioning: the row's start or end time
          if (acceptWord(c, 'START')) column.periodRole = 'start';
          else { expectWord(c, 'END'); column.periodRole = 'end'; }
          continue;
        }
        const { expr, raw: text } = parseParenExpr(c);
        let stored = false;
        if (acceptWord(c, 'STORED') || acceptWord(c, 'PERSISTENT')) stored = true;
        else acceptWord(c, 'VIRTUAL');
        column.generated = { expr, raw: text, stored };
        continue;
      }
      case 'INVISIBLE':
        c.i++;
        flags.push('invisible');
        continue;
      case 'VISIBLE':
        c.i++;
        continue;
      case 'COMPRESSED':
        // MariaDB column compression; PostgreSQL compresses large values itself (TOAST)
        c.i++;
        if (acceptOp(c, '=')) advance(c);
        report(c, s, 'PGS1011', `column ${name}: COMPRESSED dropped (PostgreSQL compresses large values itself)`, at, c.i - 1, object);
        continue;
      case 'WITH': case 'WITHOUT':
        if (peekWord(c, 'SYSTEM', 1) && peekWord(c, 'VERSIONING', 2)) {
          c.i += 3;
          report(c, s, 'PGS2016', `column ${name}: ${t.value} SYSTEM VERSIONING dropped (no history is kept)`, at, c.i - 1, object);
          continue;
        }
        break;
      case 'COLUMN_FORMAT': case 'STORAGE': {
        c.i++;
        const v = advance(c);
        report(c, s, 'PGS1011', `column ${name}: ${t.value} ${raw(c, v)} dropped`, at, c.i - 1, object);
        continue;
      }
      case 'ENGINE_ATTRIBUTE': case 'SECONDARY_ENGINE_ATTRIBUTE':
        c.i++;
        acceptOp(c, '=');
        advance(c);
        report(c, s, 'PGS1011', `column ${name}: ${t.value} dropped`, at, c.i - 1, object);
        continue;
      case 'SRID': case 'REF_SYSTEM_ID': {
        // MySQL 8 SRID n; MariaDB REF_SYSTEM_ID=n (its dumps write /*M!100301 REF_SYSTEM_ID=4326 */)
        c.i++;
        if (t.value === 'REF_SYSTEM_ID') acceptOp(c, '=');
        if (peek(c).kind !== 'num') fail(c, `expected a spatial reference system id after ${t.value}`);
        column.type.srid = Number(advance(c).value);
        continue;
      }
      case 'CONSTRAINT': case 'CHECK': {
        c.i++;
        let cname: string | undefined;
        if (t.value === 'CONSTRAINT') {
          if (!peekWord(c, 'CHECK')) cname = identifier(c);
          expectWord(c, 'CHECK');
        }
        part.checks.push(parseCheckTail(c, at, cname));
        continue;
      }
      case 'REFERENCES':
        parseReferences(c, s, [name]);
        report(c, s, 'PGS1011', `column ${name}: inline REFERENCES is ignored by MySQL; no foreign key created`, at, c.i - 1, object);
        continue;
    }
    break;
  }
  if (flags.length) column.flags = flags;
  column.type = sharedType(column.type);
  column.span = spanOf(c, start, c.i - 1);
  return part;
}

/** Table options; stops at PARTITION, AS/SELECT/IGNORE/REPLACE or the end. Returns false if nothing was read. */
export function parseTableOptions(c: Cursor, table: Table): void {
  for (;;) {
    acceptOp(c, ',');
    const start = c.i;
    const t = peek(c);
    // MariaDB writes engine-defined options quoted: `PAGE_COMPRESSED`='1'
    if (t.kind === 'qid' && peekOp(c, '=', 1)) {
      c.i += 2;
      const v = advance(c);
      table.options[t.value.toLowerCase()] = v.kind === 'word' || v.kind === 'num' ? raw(c, v) : v.value;
      continue;
    }
    if (t.kind !== 'word') return;
    switch (t.value) {
      case 'PARTITION': case 'AS': case 'SELECT': case 'IGNORE': case 'REPLACE': case 'WITH': case 'TABLE': case 'VALUES':
        return;
      case 'DEFAULT':
        c.i++;
        continue;
      case 'CHARSET':
        c.i++;
        table.options.charset = charsetName(c);
        continue;
      case 'CHARACTER':
        c.i++;
        expectWord(c, 'SET');
        table.options.charset = charsetName(c);
        continue;
      case 'COLLATE':
        c.i++;
        table.options.collate = charsetName(c);
        continue;
      case 'COMMENT':
        c.i++;
        acceptOp(c, '=');
        table.comment = stringValue(c);
        continue;
      case 'UNION': {
        c.i++;
        acceptOp(c, '=');
        const open = c.i;
        const close = matchingParen(c, open);
        if (close < 0) fail(c, "expected '('");
        c.i = close + 1;
        table.options.union = textOf(c, open, close);
        continue;
      }
      case 'DATA': case 'INDEX':
        c.i++;
        expectWord(c, 'DIRECTORY');
        acceptOp(c, '=');
        table.options[`${t.value.toLowerCase()}_directory`] = stringValue(c);
        continue;
      case 'START':
        if (acceptWords(c, 'START', 'TRANSACTION')) continue;
        break;
    }
    c.i++;
    const eq = acceptOp(c, '=');
    const v = peek(c);
    if (v.kind === 'word' || v.kind === 'num' || v.kind === 'qid' || v.kind === 'str') {
      c.i++;
      table.options[t.value.toLowerCase()] = v.kind === 'word' || v.kind === 'num' ? raw(c, v) : v.value;
      if (t.value === 'STORAGE' || t.value === 'TABLESPACE') {
        if (acceptWord(c, 'STORAGE')) table.options.storage = raw(c, advance(c));
      }
      continue;
    }
    if (!eq) { c.i = start; return; }
    return fail(c, 'expected a table option value');
  }
}

/** PARTITION BY ... [PARTITIONS n] [SUBPARTITION BY ...] [(partition_definition, ...)] */
export function parsePartitioning(c: Cursor, s: Session, object: string): Partitioning {
  const start = c.i;
  expectWord(c, 'PARTITION');
  expectWord(c, 'BY');
  const linear = acceptWord(c, 'LINEAR');
  const m = advance(c);
  let method: Partitioning['method'];
  switch (m.value) {
    case 'RANGE': method = 'range'; break;
    case 'LIST': method = 'list'; break;
    case 'HASH': method = 'hash'; break;
    case 'KEY': method = 'key'; break;
    default: return fail(c, 'expected RANGE, LIST, HASH or KEY');
  }
  const p: Partitioning = { method, expr: [], partitions: [], raw: '', span: spanOf(c, start, start) };
  if (linear) p.linear = true;
  if (method === 'key' && acceptWord(c, 'ALGORITHM')) { expectOp(c, '='); advance(c); }
  if (acceptWord(c, 'COLUMNS')) p.columnsForm = true;
  if (p.columnsForm || method === 'key') {
    p.expr = parseNameList(c).map((n): Expr => ({ kind: 'column', parts: [n] }));
  } else {
    p.expr = [parseParenExpr(c).expr];
  }
  if (acceptWord(c, 'PARTITIONS')) p.count = Number(advance(c).value);
  if (peekWord(c, 'SUBPARTITION')) {
    const sub = c.i;
    c.i += 2;
    acceptWord(c, 'LINEAR');
    advance(c);
    if (acceptWord(c, 'ALGORITHM')) { expectOp(c, '='); advance(c); }
    const close = matchingParen(c, c.i);
    if (close < 0) fail(c, "expected '('");
    c.i = close + 1;
    if (acceptWord(c, 'SUBPARTITIONS')) advance(c);
    report(c, s, 'PGS1011', 'subpartitioning kept only in the partition raw text', sub, c.i - 1, object);
  }
  if (peekOp(c, '(')) {
    c.i++;
    do p.partitions.push(parsePartitionDef(c, s, object)); while (acceptOp(c, ','));
    expectOp(c, ')');
  }
  p.raw = textOf(c, start, c.i - 1);
  p.span = spanOf(c, start, c.i - 1);
  return p;
}

function parsePartitionDef(c: Cursor, s: Session, object: string): PartitionDef {
  expectWord(c, 'PARTITION');
  const name = identifier(c, 'partition name');
  const def: PartitionDef = { name, bound: 'none', values: [] };
  if (acceptWord(c, 'VALUES')) {
    if (acceptWords(c, 'LESS', 'THAN')) {
      def.bound = 'less-than';
      if (acceptWord(c, 'MAXVALUE')) def.values = 'maxvalue';
      else def.values = parseBoundList(c);
    } else {
      expectWord(c, 'IN');
      def.bound = 'in';
      def.values = parseBoundList(c);
    }
  }
  // partition options (ENGINE, COMMENT, DATA DIRECTORY, ...) and subpartition definitions are kept in raw only
  for (;;) {
    const t = peek(c);
    if (peekOp(c, '(')) {
      const sub = c.i;
      const close = matchingParen(c, c.i);
      if (close < 0) fail(c, 'unbalanced parentheses');
      c.i = close + 1;
      report(c, s, 'PGS1011', `subpartitions of ${name} kept only in the partition raw text`, sub, close, object);
      continue;
    }
    if (t.kind !== 'word' || t === c.end) break;
    c.i++;
    if (t.value === 'STORAGE') acceptWord(c, 'ENGINE');
    if (t.value === 'DATA' || t.value === 'INDEX') acceptWord(c, 'DIRECTORY');
    acceptOp(c, '=');
    advance(c);
  }
  return def;
}

/** (v, ...) in VALUES LESS THAN / IN; a bare MAXVALUE inside RANGE COLUMNS becomes an opaque item. */
function parseBoundList(c: Cursor): Expr[] | 'maxvalue' {
  const open = c.i;
  const close = matchingParen(c, open);
  if (close < 0) fail(c, "expected '('");
  if (close === open + 2 && peekWord(c, 'MAXVALUE', 1)) {
    c.i = close + 1;
    return 'maxvalue';
  }
  c.i++;
  const out: Expr[] = [];
  do {
    if (peekWord(c, 'MAXVALUE')) {
      c.i++;
      out.push({ kind: 'opaque', text: 'MAXVALUE', reason: 'partition bound MAXVALUE', span: spanOf(c, c.i - 1, c.i - 1) });
      continue;
    }
    const from = c.i;
    let depth = 0;
    let j = from;
    for (; j < close; j++) {
      const t = c.toks[j]!;
      if (t.kind === 'op' && (t.value === '(' || t.value === ')')) depth += t.value === '(' ? 1 : -1;
      else if (depth === 0 && t.kind === 'op' && t.value === ',') break;
    }
    out.push(parseExprRange(c, from, j));
  } while (acceptOp(c, ','));
  expectOp(c, ')');
  return out;
}
