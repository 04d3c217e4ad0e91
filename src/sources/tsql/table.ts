import { exactSize } from '../../collections.js';
import type { Check, Column, ForeignKey, Index, Key, KeyPart, QName, RefAction, Table } from '../../model/catalog.js';
import { objectPath } from '../../model/catalog.js';
import { sharedType, type DataType } from '../../model/types.js';
import grammar from '../../../grammars/tsql.json' with { type: 'json' };
import type { Token } from './lexer.js';
import {
  type Cursor, acceptOp, acceptWord, acceptWords, atEnd, expectIdent, expectOp, expectWord, isIdent, isOp, isWord,
  next, parseMultipartName, PENDING_SPAN, peek, prev, skipParens, spanOf, syntaxError, textOf,
} from './cursor.js';
import { parseDataType } from './data-type.js';
import { parseExprOrOpaque } from './expr-parser.js';
import { type Session, objectKey, putObject, qname, report, sameName, schemaFor } from './session.js';
import { checkPartitionColumn, parseTablePartitionClause } from './partition.js';
import { parseWithOptionList, skipStorageClause } from './storage.js';

const STATEMENT_STARTS = new Set(grammar.statementStarts);
const COLUMN_OPTION_WORDS = new Set([
  'NOT', 'NULL', 'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES', 'FOREIGN', 'IDENTITY', 'DEFAULT', 'WITH',
  'ROWGUIDCOL', 'SPARSE', 'PERSISTED', 'GENERATED', 'FOR', 'COLLATE', 'MASKED', 'HIDDEN', 'FILESTREAM', 'INDEX', 'ENCRYPTED',
]);

/** Where a DEFAULT / computed-column expression ends inside a column definition. */
export function isColumnOptionStop(t: Token): boolean {
  if (atEnd(t)) return true;
  if (t.kind === 'op') return t.value === ',' || t.value === ')' || t.value === ';';
  return t.kind === 'word' && (COLUMN_OPTION_WORDS.has(t.upper) || STATEMENT_STARTS.has(t.upper));
}

export function newTable(name: QName, span: Table['span']): Table {
  return { name, columns: [], uniques: [], checks: [], foreignKeys: [], indexes: [], options: {}, span };
}

/**
 * create_table := CREATE TABLE name '(' table_element {',' table_element} [','] ')' {table_option}
 * table_option := WITH '(' option_list ')' | ON fg ['(' col ')'] | TEXTIMAGE_ON fg | FILESTREAM_ON fg
 */
export function parseCreateTable(s: Session, c: Cursor, start: Token): Table | undefined {
  expectWord(c, 'TABLE');
  const parts = parseMultipartName(c);
  const name = qname(s, parts);
  if (name.name.startsWith('#')) {
    skipTableBody(c);
    report(s, 'PGS1010', `temporary table ${name.name} skipped`, { span: spanOf(c, start, prev(c)) });
    return undefined;
  }
  const table = newTable(name, PENDING_SPAN);
  const object = objectPath('table', name);
  // FileTables and edge tables may have no column list.
  if (!isWord(peek(c), 'AS')) {
    expectOp(c, '(');
    for (;;) {
      if (isOp(peek(c), ')')) break; // trailing comma
      parseTableElement(s, c, table, object);
      if (!acceptOp(c, ',')) break;
    }
    expectOp(c, ')');
  }
  for (;;) {
    const t = peek(c);
    if (isWord(t, 'WITH') && isOp(peek(c, 1), '(')) {
      c.i++;
      applyTableOptions(s, c, table, object);
      continue;
    }
    if (isWord(t, 'AS') && (isWord(peek(c, 1), 'FILETABLE') || isWord(peek(c, 1), 'NODE') || isWord(peek(c, 1), 'EDGE'))) {
      // Kept so the transpiler can report them: FileTable and graph tables have no PostgreSQL counterpart.
      const kind = peek(c, 1).upper;
      c.i += 2;
      if (kind === 'FILETABLE') table.options.filetable = 'on';
      else table.options.graph = kind.toLowerCase();
      continue;
    }
    if (parseTablePartitionClause(s, c, table)) continue;
    if (skipStorageClause(s, c, object)) continue;
    break;
  }
  table.span = spanOf(c, start, prev(c));
  table.columns = exactSize(table.columns);
  table.uniques = exactSize(table.uniques);
  table.checks = exactSize(table.checks);
  table.foreignKeys = exactSize(table.foreignKeys);
  table.indexes = exactSize(table.indexes);
  finishTable(table);
  checkPartitionColumn(s, table, object);
  return table;
}

function skipTableBody(c: Cursor): void {
  if (isOp(peek(c), '(')) skipParens(c);
}

/** SQL Server makes primary-key and identity columns NOT NULL whatever the column says. */
export function finishTable(table: Table): void {
  const pk = table.primaryKey?.columns.map((k) => k.column.toLowerCase()) ?? [];
  for (const col of table.columns) {
    if (col.identity || pk.includes(col.name.toLowerCase())) col.nullable = false;
  }
}

function applyTableOptions(s: Session, c: Cursor, table: Table, object: string): void {
  for (const o of parseWithOptionList(c)) {
    const value = o.value.toLowerCase();
    switch (o.key) {
      case 'SYSTEM_VERSIONING': {
        table.options.system_versioning = value;
        const hist = o.sub.find((x) => x.key === 'HISTORY_TABLE');
        if (hist) {
          const parts = hist.tokens.filter(isIdent).map((t) => t.value);
          const history = qname(s, parts);
          if (table.temporal) table.temporal.history = history;
          else table.options.history_table = `${history.schema}.${history.name}`;
        }
        for (const sub of o.sub) {
          if (sub.key !== 'HISTORY_TABLE') {
            report(s, 'PGS1011', `table option SYSTEM_VERSIONING ${sub.key} dropped`, { span: spanOf(c, sub.first, sub.last), object });
          }
        }
        break;
      }
      case 'MEMORY_OPTIMIZED': case 'DURABILITY': case 'LEDGER': case 'REMOTE_DATA_ARCHIVE':
        table.options[o.key.toLowerCase()] = value;
        break;
      default:
        report(s, 'PGS1011', `table option ${o.key}${o.value ? ` = ${o.value}` : ''} dropped`, { span: spanOf(c, o.first, o.last), object });
    }
  }
}

/** A column definition or a table-level constraint / index / period. */
export function parseTableElement(s: Session, c: Cursor, table: Table, object: string): void {
  const t = peek(c);
  if (t.kind === 'word') {
    switch (t.upper) {
      case 'CONSTRAINT': case 'PRIMARY': case 'UNIQUE': case 'FOREIGN': case 'CHECK': case 'DEFAULT':
        parseTableConstraint(s, c, table, object, true);
        return;
      case 'INDEX':
        table.indexes.push(parseInlineIndex(s, c, object, undefined));
        return;
      case 'PERIOD':
        if (isWord(peek(c, 1), 'FOR')) {
          c.i += 2;
          expectWord(c, 'SYSTEM_TIME');
          expectOp(c, '(');
          const a = expectIdent(c);
          expectOp(c, ',');
          const b = expectIdent(c);
          expectOp(c, ')');
          table.temporal = { ...table.temporal, start: a, end: b };
          if (table.options.history_table) {
            const [schema, ...rest] = table.options.history_table.split('.');
            table.temporal.history = { schema: schema!, name: rest.join('.') };
            delete table.options.history_table;
          }
          return;
        }
        break;
      default:
        break;
    }
  }
  table.columns.push(parseColumnDef(s, c, table, object));
}

function parseSignedInt(c: Cursor): bigint {
  const neg = acceptOp(c, '-');
  if (!neg) acceptOp(c, '+');
  const t = next(c);
  if (t.kind !== 'number') throw syntaxError(c, 'expected a number', t);
  const digits = t.value.replace(/\..*$/, '');
  return BigInt(neg ? `-${digits}` : digits);
}

/** An alias type's NULL / NOT NULL is the default nullability of the columns that use it (a column may override it). */
function aliasTypeNullable(s: Session, t: DataType): boolean {
  // Every column asks, and most scripts define no types: look without building lists.
  const sc = t.schema === undefined ? undefined : s.catalog.schemas.find((x) => sameName(x.name, t.schema!));
  for (const x of sc ? [sc] : s.catalog.schemas) {
    for (const u of x.types) if (u.kind === 'alias' && sameName(u.name.name, t.name)) return u.nullable !== false;
  }
  return true;
}

export function parseColumnDef(s: Session, c: Cursor, table: Table, object: string): Column {
  const first = peek(c);
  const name = expectIdent(c, 'column name');
  let col: Column;
  if (acceptWord(c, 'AS')) {
    const from = peek(c);
    const expr = parseExprOrOpaque(c, isColumnOptionStop);
    col = { name, type: { name: '', args: [], raw: '' }, nullable: true, generated: { expr, raw: textOf(c, from, prev(c)), stored: false }, span: PENDING_SPAN };
  } else {
    const type = sharedType(parseDataType(c, s.defaultSchema));
    col = { name, type, nullable: aliasTypeNullable(s, type), span: PENDING_SPAN };
  }
  const flags: string[] = [];
  let constraintName: string | undefined;
  for (;;) {
    const t = peek(c);
    if (t.kind !== 'word') break;
    const u = t.upper;
    if (u === 'NULL') { c.i++; col.nullable = true; continue; }
    if (u === 'NOT' && isWord(peek(c, 1), 'NULL')) { c.i += 2; col.nullable = false; continue; }
    if (u === 'NOT' && acceptWords(c, 'NOT', 'FOR', 'REPLICATION')) { flags.push('not_for_replication'); continue; }
    if (u === 'IDENTITY') {
      c.i++;
      let start = 1n, increment = 1n;
      if (acceptOp(c, '(')) {
        start = parseSignedInt(c);
        expectOp(c, ',');
        increment = parseSignedInt(c);
        expectOp(c, ')');
      }
      col.identity = { start, increment };
      continue;
    }
    if (u === 'ROWGUIDCOL' || u === 'SPARSE' || u === 'FILESTREAM' || u === 'HIDDEN') { c.i++; flags.push(u.toLowerCase()); continue; }
    if (u === 'COLLATE') { c.i++; col.collation = expectIdent(c, 'collation'); continue; }
    if (u === 'PERSISTED') {
      c.i++;
      if (col.generated) col.generated.stored = true;
      continue;
    }
    if (u === 'GENERATED') {
      c.i++;
      expectWord(c, 'ALWAYS');
      expectWord(c, 'AS');
      const what = next(c);
      const role = next(c);
      if (!isWord(role, 'START') && !isWord(role, 'END')) throw syntaxError(c, 'expected START or END', role);
      if (isWord(what, 'ROW')) col.periodRole = isWord(role, 'START') ? 'start' : 'end';
      else report(s, 'PGS1011', `GENERATED ALWAYS AS ${what.value} ${role.value} dropped`, { span: spanOf(c, t, role), object });
      if (acceptWord(c, 'HIDDEN')) flags.push('hidden');
      continue;
    }
    if ((u === 'MASKED' || u === 'ENCRYPTED') && isWord(peek(c, 1), 'WITH')) {
      c.i += 2;
      skipParens(c);
      flags.push(u.toLowerCase());
      continue;
    }
    if (u === 'COLUMN_SET' && acceptWords(c, 'COLUMN_SET', 'FOR', 'ALL_SPARSE_COLUMNS')) { flags.push('column_set'); continue; }
    if (u === 'CONSTRAINT') { c.i++; constraintName = expectIdent(c, 'constraint name'); continue; }
    if (u === 'DEFAULT') {
      c.i++;
      const from = peek(c);
      col.default = parseExprOrOpaque(c, isColumnOptionStop);
      col.defaultRaw = textOf(c, from, prev(c));
      if (constraintName) col.defaultName = constraintName;
      constraintName = undefined;
      acceptWords(c, 'WITH', 'VALUES');
      continue;
    }
    if (u === 'PRIMARY' || u === 'UNIQUE' || u === 'CHECK' || u === 'REFERENCES' || u === 'FOREIGN') {
      parseConstraintBody(s, c, table, object, constraintName, t, name, true);
      constraintName = undefined;
      continue;
    }
    if (u === 'INDEX') {
      table.indexes.push(parseInlineIndex(s, c, object, name));
      continue;
    }
    break;
  }
  if (flags.length) col.flags = flags;
  col.span = spanOf(c, first, prev(c));
  return col;
}

/** [CONSTRAINT name] constraint_body (table level, also ALTER TABLE ADD). */
export function parseTableConstraint(s: Session, c: Cursor, table: Table, object: string, enforced: boolean): void {
  const first = peek(c);
  let name: string | undefined;
  if (acceptWord(c, 'CONSTRAINT')) name = expectIdent(c, 'constraint name');
  parseConstraintBody(s, c, table, object, name, first, undefined, enforced);
}

function parseKeyParts(c: Cursor): KeyPart[] {
  expectOp(c, '(');
  const parts: KeyPart[] = [];
  do {
    const column = expectIdent(c, 'column name');
    const part: KeyPart = { column };
    if (acceptWord(c, 'DESC')) part.desc = true;
    else acceptWord(c, 'ASC');
    parts.push(part);
  } while (acceptOp(c, ','));
  expectOp(c, ')');
  return exactSize(parts);
}

function parseNameList(c: Cursor): string[] {
  expectOp(c, '(');
  const names = [expectIdent(c, 'column name')];
  while (acceptOp(c, ',')) names.push(expectIdent(c, 'column name'));
  expectOp(c, ')');
  return exactSize(names);
}

function parseClustered(c: Cursor): boolean | undefined {
  if (acceptWord(c, 'CLUSTERED')) return true;
  if (acceptWord(c, 'NONCLUSTERED')) return false;
  return undefined;
}

function parseRefAction(c: Cursor): RefAction {
  if (acceptWords(c, 'NO', 'ACTION')) return 'no action';
  if (acceptWord(c, 'CASCADE')) return 'cascade';
  if (acceptWords(c, 'SET', 'NULL')) return 'set null';
  if (acceptWords(c, 'SET', 'DEFAULT')) return 'set default';
  if (acceptWord(c, 'RESTRICT')) return 'restrict';
  throw syntaxError(c, 'expected a referential action');
}

/**
 * PRIMARY KEY|UNIQUE [CLUSTERED|NONCLUSTERED] ['(' key_parts ')'] {storage}
 * | CHECK [NOT FOR REPLICATION] '(' expr ')'
 * | [FOREIGN KEY '(' cols ')'] REFERENCES name ['(' cols ')'] {ON DELETE|UPDATE action} [NOT FOR REPLICATION]
 * | DEFAULT expr FOR col [WITH VALUES]
 * `column` is set for column-level constraints (the key defaults to that column).
 */
function parseConstraintBody(
  s: Session, c: Cursor, table: Table, object: string, name: string | undefined, first: Token, column: string | undefined, enforced: boolean,
): void {
  const t = peek(c);
  if (isWord(t, 'PRIMARY') || isWord(t, 'UNIQUE')) {
    const primary = isWord(t, 'PRIMARY');
    c.i++;
    if (primary) expectWord(c, 'KEY');
    const clustered = parseClustered(c);
    acceptWord(c, 'HASH'); // memory-optimized NONCLUSTERED HASH key; its BUCKET_COUNT is a storage option
    const columns = isOp(peek(c), '(') ? parseKeyParts(c) : column ? [{ column }] : undefined;
    if (!columns) throw syntaxError(c, "expected '(' and key columns");
    while (skipStorageClause(s, c, object));
    const key: Key = { columns, span: spanOf(c, first, prev(c)) };
    if (name) key.name = name;
    if (clustered !== undefined) key.clustered = clustered;
    if (primary) table.primaryKey = key;
    else table.uniques.push(key);
    return;
  }
  if (isWord(t, 'CHECK')) {
    c.i++;
    if (acceptWords(c, 'NOT', 'FOR', 'REPLICATION')) {
      report(s, 'PGS1011', 'CHECK NOT FOR REPLICATION: the replication exemption is dropped', { span: spanOf(c, t, prev(c)), object });
    }
    expectOp(c, '(');
    const from = peek(c);
    const expr = parseExprOrOpaque(c, (x) => isOp(x, ')'));
    const raw = textOf(c, from, prev(c));
    expectOp(c, ')');
    const check: Check = { expr, raw, span: spanOf(c, first, prev(c)) };
    if (name) check.name = name;
    if (!enforced) check.enforced = false;
    table.checks.push(check);
    return;
  }
  if (isWord(t, 'FOREIGN') || isWord(t, 'REFERENCES')) {
    let columns: string[];
    if (acceptWord(c, 'FOREIGN')) {
      expectWord(c, 'KEY');
      columns = isOp(peek(c), '(') ? parseNameList(c) : column ? [column] : [];
    } else columns = column ? [column] : [];
    if (columns.length === 0) throw syntaxError(c, "expected '(' and foreign key columns");
    expectWord(c, 'REFERENCES');
    const ref = qname(s, parseMultipartName(c));
    const refColumns = isOp(peek(c), '(') ? parseNameList(c) : [];
    const fk: ForeignKey = { columns, ref, refColumns, span: PENDING_SPAN };
    if (name) fk.name = name;
    for (;;) {
      if (acceptWords(c, 'ON', 'DELETE')) { fk.onDelete = parseRefAction(c); continue; }
      if (acceptWords(c, 'ON', 'UPDATE')) { fk.onUpdate = parseRefAction(c); continue; }
      const nfr = peek(c);
      if (acceptWords(c, 'NOT', 'FOR', 'REPLICATION')) {
        report(s, 'PGS1011', 'FOREIGN KEY NOT FOR REPLICATION: the replication exemption is dropped', { span: spanOf(c, nfr, prev(c)), object });
        continue;
      }
      break;
    }
    if (!enforced) fk.enforced = false;
    fk.span = spanOf(c, first, prev(c));
    table.foreignKeys.push(fk);
    return;
  }
  if (isWord(t, 'DEFAULT')) {
    c.i++;
    const from = peek(c);
    const expr = parseExprOrOpaque(c, isColumnOptionStop);
    const raw = textOf(c, from, prev(c));
    let target = column;
    if (acceptWord(c, 'FOR')) target = expectIdent(c, 'column name');
    acceptWords(c, 'WITH', 'VALUES');
    const col = target ? table.columns.find((x) => sameName(x.name, target)) : undefined;
    if (!col) {
      report(s, 'PGS1017', `DEFAULT for column ${target ?? '?'} not defined in ${table.name.schema}.${table.name.name}`, { span: spanOf(c, first, prev(c)), object });
      return;
    }
    col.default = expr;
    col.defaultRaw = raw;
    if (name) col.defaultName = name;
    else delete col.defaultName;
    return;
  }
  if (isWord(t, 'CONNECTION') && isOp(peek(c, 1), '(')) {
    // Edge constraint (graph tables): which node tables an edge may join; PostgreSQL has no graph tables.
    c.i++;
    skipParens(c);
    if (acceptWords(c, 'ON', 'DELETE')) parseRefAction(c);
    report(s, 'PGS1012', `edge constraint ${name ?? '(unnamed)'} ${textOf(c, t, prev(c)).replace(/\s+/g, ' ')} has no PostgreSQL form; skipped`, { span: spanOf(c, first, prev(c)), object, severity: 'warning' });
    return;
  }
  throw syntaxError(c, 'expected PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY, DEFAULT or CONNECTION');
}

/** INDEX name [UNIQUE] [CLUSTERED|NONCLUSTERED] [COLUMNSTORE] ['(' key_parts ')'] [INCLUDE (...)] [WHERE expr] {storage} */
function parseInlineIndex(s: Session, c: Cursor, object: string, column: string | undefined): Index {
  const first = expectWord(c, 'INDEX');
  const name = expectIdent(c, 'index name');
  const unique = acceptWord(c, 'UNIQUE');
  const clustered = parseClustered(c);
  const kind = acceptWord(c, 'COLUMNSTORE') ? 'columnstore' : acceptWord(c, 'HASH') ? 'hash' : 'plain';
  const columns = isOp(peek(c), '(') ? parseKeyParts(c) : column ? [{ column }] : [];
  const index: Index = {
    name, unique, kind, columns, include: [],
    ...(clustered !== undefined ? { clustered } : {}), span: PENDING_SPAN,
  };
  parseIndexTail(s, c, index, object);
  index.span = spanOf(c, first, prev(c));
  return index;
}

/** INCLUDE (...), WHERE pred, WITH (...), ON fg, FILESTREAM_ON — shared by inline and CREATE INDEX. */
export function parseIndexTail(s: Session, c: Cursor, index: Index, object: string): void {
  for (;;) {
    if (acceptWord(c, 'INCLUDE')) { index.include = parseNameList(c); continue; }
    if (isWord(peek(c), 'WHERE')) {
      c.i++;
      const from = peek(c);
      index.where = parseExprOrOpaque(c, (t) => atEnd(t) || isOp(t, ';') || isOp(t, ',') || isOp(t, ')') || (t.kind === 'word' && (t.upper === 'WITH' || t.upper === 'ON' || STATEMENT_STARTS.has(t.upper))));
      index.whereRaw = textOf(c, from, prev(c));
      continue;
    }
    if (skipStorageClause(s, c, object)) continue;
    break;
  }
}

/** Find the table an ALTER/INDEX/extended property refers to. */
export function lookupTable(s: Session, name: QName): Table | undefined {
  return s.objects.get(objectKey('table', name)) as Table | undefined;
}

/** Add (or replace, with PGS1016) a table. */
export function addTable(s: Session, table: Table): void {
  const replaced = putObject(s, 'table', schemaFor(s, table.name.schema).tables, table);
  if (replaced) {
    report(s, 'PGS1016', `table ${table.name.schema}.${table.name.name} is defined twice; the later definition wins`, {
      span: table.span, object: objectPath('table', table.name),
    });
  }
}

/**
 * alter_table := ALTER TABLE name ( [WITH CHECK|NOCHECK] ADD item {',' item}
 *   | [WITH CHECK|NOCHECK] (CHECK|NOCHECK) CONSTRAINT (ALL | name {',' name})
 *   | ALTER COLUMN col type [COLLATE c] [NULL|NOT NULL] | ALTER COLUMN col (ADD|DROP) attribute
 *   | DROP [CONSTRAINT|COLUMN] [IF EXISTS] name {',' ...}
 *   | SET '(' options ')' | (ENABLE|DISABLE) TRIGGER ... | REBUILD ... | SWITCH ... )
 */
export function parseAlterTable(s: Session, c: Cursor, start: Token): void {
  expectWord(c, 'TABLE');
  const name = qname(s, parseMultipartName(c));
  const object = objectPath('table', name);
  const table = lookupTable(s, name);
  let check: boolean | undefined;
  if (isWord(peek(c), 'WITH') && (isWord(peek(c, 1), 'CHECK') || isWord(peek(c, 1), 'NOCHECK'))) {
    c.i++;
    check = isWord(next(c), 'CHECK');
  }
  const verb = peek(c);
  if (!table && isWord(verb, 'DROP')) {
    skipRest(c);
    report(s, 'PGS1013', `ALTER TABLE ${name.schema}.${name.name} DROP: table not defined earlier in the input; skipped`, { span: spanOf(c, start, prev(c)), object });
    return;
  }
  if (!table) {
    skipRest(c);
    report(s, 'PGS1017', `ALTER TABLE refers to ${name.schema}.${name.name}, which is not defined in the input`, { span: spanOf(c, start, prev(c)), object });
    return;
  }
  if (acceptWord(c, 'ADD')) {
    do {
      const t = peek(c);
      if (isWord(t, 'PERIOD') || isWord(t, 'CONSTRAINT') || isWord(t, 'PRIMARY') || isWord(t, 'UNIQUE') || isWord(t, 'FOREIGN') || isWord(t, 'CHECK') || isWord(t, 'DEFAULT') || isWord(t, 'INDEX')) {
        if (isWord(t, 'PERIOD') || isWord(t, 'INDEX')) parseTableElement(s, c, table, object);
        else parseTableConstraint(s, c, table, object, check !== false);
      } else {
        acceptWord(c, 'COLUMN');
        table.columns.push(parseColumnDef(s, c, table, object));
      }
    } while (acceptOp(c, ','));
    finishTable(table);
    return;
  }
  if (isWord(verb, 'CHECK') || isWord(verb, 'NOCHECK')) {
    c.i++;
    expectWord(c, 'CONSTRAINT');
    const enforced = isWord(verb, 'CHECK');
    const names: string[] = [];
    if (!acceptWord(c, 'ALL')) {
      do names.push(expectIdent(c, 'constraint name')); while (acceptOp(c, ','));
    }
    const all = names.length === 0;
    const hit = (n: string | undefined): boolean => all || (n !== undefined && names.some((x) => sameName(x, n)));
    // NOCHECK disables; only WITH CHECK CHECK re-validates. A plain CHECK CONSTRAINT re-enables without checking
    // existing rows, so a constraint added WITH NOCHECK stays untrusted (SSMS scripts emit exactly that pair).
    const apply = (x: { enforced?: boolean }): void => {
      if (!enforced) x.enforced = false;
      else if (check === true) delete x.enforced;
    };
    for (const fk of table.foreignKeys) if (hit(fk.name)) apply(fk);
    for (const ck of table.checks) if (hit(ck.name)) apply(ck);
    for (const n of names) {
      if (!table.foreignKeys.some((x) => x.name && sameName(x.name, n)) && !table.checks.some((x) => x.name && sameName(x.name, n))) {
        report(s, 'PGS1017', `constraint ${n} is not defined on ${name.schema}.${name.name}`, { span: spanOf(c, start, prev(c)), object });
      }
    }
    return;
  }
  if (acceptWord(c, 'ALTER')) {
    expectWord(c, 'COLUMN');
    const colName = expectIdent(c, 'column name');
    const col = table.columns.find((x) => sameName(x.name, colName));
    if (!col) {
      skipRest(c);
      report(s, 'PGS1017', `ALTER COLUMN: column ${colName} is not defined on ${name.schema}.${name.name}`, { span: spanOf(c, start, prev(c)), object });
      return;
    }
    if (isWord(peek(c), 'ADD') || isWord(peek(c), 'DROP')) {
      const add = isWord(next(c), 'ADD');
      const attrFirst = peek(c);
      while (!atEnd(peek(c)) && !isOp(peek(c), ';') && !(peek(c).kind === 'word' && STATEMENT_STARTS.has(peek(c).upper))) c.i++;
      const attr = textOf(c, attrFirst, prev(c)).toLowerCase().replace(/\s+/g, '_');
      const flags = (col.flags ?? []).filter((f) => f !== attr);
      if (add) flags.push(attr);
      if (attr === 'persisted' && col.generated) col.generated.stored = add;
      else if (flags.length) col.flags = flags;
      else delete col.flags;
      return;
    }
    col.type = parseDataType(c, s.defaultSchema);
    for (;;) {
      if (acceptWord(c, 'COLLATE')) { col.collation = expectIdent(c, 'collation'); continue; }
      if (acceptWord(c, 'NULL')) { col.nullable = true; continue; }
      if (acceptWords(c, 'NOT', 'NULL')) { col.nullable = false; continue; }
      if (acceptWord(c, 'SPARSE')) { col.flags = [...(col.flags ?? []), 'sparse']; continue; }
      break;
    }
    return;
  }
  if (acceptWord(c, 'DROP')) {
    do {
      const kind = acceptWord(c, 'COLUMN') ? 'column' : acceptWord(c, 'CONSTRAINT') ? 'constraint' : acceptWords(c, 'PERIOD', 'FOR') ? 'period' : 'constraint';
      if (kind === 'period') { expectWord(c, 'SYSTEM_TIME'); delete table.temporal; continue; }
      acceptWords(c, 'IF', 'EXISTS');
      do {
        const n = expectIdent(c, 'name');
        if (kind === 'column') table.columns = table.columns.filter((x) => !sameName(x.name, n));
        else dropConstraint(table, n);
        if (!(isOp(peek(c), ',') && isIdent(peek(c, 1)) && !isWord(peek(c, 1), 'COLUMN') && !isWord(peek(c, 1), 'CONSTRAINT'))) break;
        c.i++;
      } while (true);
      while (isWord(peek(c), 'WITH') && isOp(peek(c, 1), '(')) { c.i++; skipParens(c); }
    } while (acceptOp(c, ','));
    return;
  }
  if (isWord(verb, 'SET') && isOp(peek(c, 1), '(')) {
    c.i++;
    applyTableOptions(s, c, table, object);
    return;
  }
  if (isWord(verb, 'ENABLE') || isWord(verb, 'DISABLE')) {
    if (peek(c) === verb) c.i++; // ENABLE / DISABLE also start statements
    const what = peek(c).upper;
    skipRest(c);
    const span = spanOf(c, start, prev(c));
    if (what === 'CHANGE_TRACKING') report(s, 'PGS1011', `ALTER TABLE ${verb.upper} CHANGE_TRACKING dropped: PostgreSQL has no change tracking (logical decoding or a trigger can record changes)`, { span, object });
    else report(s, 'PGS1012', `ALTER TABLE ${verb.upper} ${what} skipped`, { span, object });
    return;
  }
  if (isWord(verb, 'REBUILD') || isWord(verb, 'SWITCH')) {
    skipRest(c);
    report(s, 'PGS1011', `ALTER TABLE ${verb.value} has no PostgreSQL meaning; dropped`, { span: spanOf(c, start, prev(c)), object });
    return;
  }
  throw syntaxError(c, 'expected ADD, ALTER COLUMN, DROP, CHECK CONSTRAINT or NOCHECK CONSTRAINT');
}

function dropConstraint(table: Table, n: string): void {
  const is = (x: { name?: string }): boolean => x.name !== undefined && sameName(x.name, n);
  if (table.primaryKey && is(table.primaryKey)) delete table.primaryKey;
  table.uniques = table.uniques.filter((x) => !is(x));
  table.checks = table.checks.filter((x) => !is(x));
  table.foreignKeys = table.foreignKeys.filter((x) => !is(x));
  for (const col of table.columns) {
    if (col.defaultName && sameName(col.defaultName, n)) {
      delete col.default;
      delete col.defaultRaw;
      delete col.defaultName;
    }
  }
}

/** Skip to the end of the current statement (';', GO, or the next statement keyword at depth 0). */
/** ENABLE / DISABLE start a statement only as ENABLE|DISABLE TRIGGER; ALTER INDEX ... DISABLE ends with the word. */
function triggerToggleWord(c: Cursor, t: Token): boolean {
  return (t.upper === 'ENABLE' || t.upper === 'DISABLE') && !(peek(c, 1).kind === 'word' && peek(c, 1).upper === 'TRIGGER');
}

export function skipRest(c: Cursor, exempt?: Set<string>): void {
  let depth = 0;
  let caseDepth = 0;
  for (;;) {
    const t = peek(c);
    if (atEnd(t)) return;
    if (t.kind === 'op') {
      if (t.value === '(') depth++;
      else if (t.value === ')') { if (depth > 0) depth--; }
      else if (t.value === ';' && depth === 0) return;
    } else if (t.kind === 'word') {
      if (t.upper === 'CASE') caseDepth++;
      else if (t.upper === 'END' && caseDepth > 0) { caseDepth--; c.i++; continue; }
      else if (depth === 0 && caseDepth === 0 && STATEMENT_STARTS.has(t.upper) && !exempt?.has(t.upper) && !triggerToggleWord(c, t)) return;
    } else if (t.kind === 'sqlcmd' && depth === 0) return;
    c.i++;
  }
}
