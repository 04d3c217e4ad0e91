import { exactSize } from '../../collections.js';
import { findTable, indexOfExactName, objectPath, schemaOf, type Check, type Column, type ForeignKey, type Index, type Key, type QName, type Table } from '../../model/catalog.js';
import type { SourceSpan } from '../../model/source.js';
import { diag } from '../../model/diagnostics.js';
import { acceptOp, acceptWords, atEnd, expectOp, fail, peek, peekOp, peekWord, spanOf, type Cursor } from './cursor.js';
import { qualifiedName, report, type Session } from './session.js';
import { applyPart, parsePartitioning, parseTableOptions, parseTablePart } from './table-parts.js';
import { sequenceFromTable } from './sequence-table.js';

/** A table as the parser makes it: a class, so the fields added as it is read stay in the object (see ColumnNode). */
class TableNode implements Table {
  declare name: QName;
  declare columns: Column[];
  declare uniques: Key[];
  declare checks: Check[];
  declare foreignKeys: ForeignKey[];
  declare indexes: Index[];
  declare options: Record<string, string>;
  declare span: SourceSpan;
  constructor(name: QName, span: SourceSpan) {
    this.name = name;
    this.columns = [];
    this.uniques = [];
    this.checks = [];
    this.foreignKeys = [];
    this.indexes = [];
    this.options = {};
    this.span = span;
  }
}

/** CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name {LIKE other | (create_definition, ...) [options] [partitioning]} */
export function parseCreateTable(c: Cursor, s: Session, temporary: boolean): void {
  const ifNotExists = acceptWords(c, 'IF', 'NOT', 'EXISTS');
  const name = qualifiedName(c, s, 'table name');
  const object = objectPath('table', name);
  const span = spanOf(c, 0, c.toks.length - 1);
  if (temporary) {
    // a session's scratch table, gone when the session ends: not part of the schema
    c.i = c.limit;
    return report(c, s, 'PGS1012', `CREATE TEMPORARY TABLE ${name.name}: a temporary table is not part of the schema; skipped`, 0, c.toks.length - 1, object);
  }
  const likeParen = peekOp(c, '(') && peekWord(c, 'LIKE', 1);
  if (likeParen || peekWord(c, 'LIKE')) {
    c.i += likeParen ? 2 : 1;
    const source = qualifiedName(c, s, 'table name');
    if (likeParen) expectOp(c, ')');
    const original = findTable(s.catalog, source);
    if (!original) {
      return report(c, s, 'PGS1017', `CREATE TABLE ${name.name} LIKE ${source.name}: ${source.name} is not defined in the input; skipped`, 0, c.toks.length - 1, object);
    }
    // structure only: columns, keys, indexes, options (MySQL copies no foreign keys)
    const copy: Table = structuredClone({ ...original, foreignKeys: [] });
    copy.name = name;
    copy.span = span;
    return addTable(c, s, copy, ifNotExists);
  }
  const table: Table = new TableNode(name, span);
  if (peekOp(c, '(')) {
    if (peekWord(c, 'SELECT', 1) || peekWord(c, 'WITH', 1)) return createAsSelect(c, s, object);
    c.i++;
    do applyPart(table, parseTablePart(c, s, object)); while (acceptOp(c, ','));
    expectOp(c, ')');
    table.columns = exactSize(table.columns);
    table.uniques = exactSize(table.uniques);
    table.checks = exactSize(table.checks);
    table.foreignKeys = exactSize(table.foreignKeys);
    table.indexes = exactSize(table.indexes);
  }
  parseTableOptions(c, table);
  let versioned: number | undefined;
  while (peekWord(c, 'WITH') && peekWord(c, 'SYSTEM', 1) && peekWord(c, 'VERSIONING', 2)) {
    versioned = c.i;
    c.i += 3;
    parseTableOptions(c, table);
  }
  if (versioned !== undefined && !table.temporal) {
    // MariaDB's implicit row_start/row_end are invisible; the table's visible columns carry over without history
    report(c, s, 'PGS2016', `system-versioned table ${name.name}: WITH SYSTEM VERSIONING dropped; no history is kept`, versioned, versioned + 2, object);
  }
  if (peekWord(c, 'PARTITION')) table.partition = parsePartitioning(c, s, object);
  if (!atEnd(c)) {
    const t = peek(c);
    if (t.value === 'AS' || t.value === 'SELECT' || t.value === 'IGNORE' || t.value === 'REPLACE' || t.value === 'WITH'
      || t.value === 'TABLE' || t.value === 'VALUES' || peekOp(c, '(')) return createAsSelect(c, s, object);
    fail(c, 'unexpected text after the table definition');
  }
  if (!table.columns.length) fail(c, 'a table needs at least one column');
  if (sequenceFromTable(c, s, table, ifNotExists)) return;
  reportEngine(c, s, table, object);
  addTable(c, s, table, ifNotExists);
}

/**
 * Storage engines whose tables do not simply hold their rows become ordinary tables, which is said: MEMORY loses
 * its rows on restart, FEDERATED / CONNECT / SPIDER read another server, MERGE reads the tables of its UNION,
 * BLACKHOLE keeps nothing.
 */
function reportEngine(c: Cursor, s: Session, table: Table, object: string): void {
  const engine = table.options.engine?.toUpperCase();
  const why = engine === 'MEMORY' || engine === 'HEAP' ? { severity: 'info' as const, text: 'MySQL loses its rows on restart; it becomes an ordinary table' }
    : engine === 'FEDERATED' || engine === 'CONNECT' || engine === 'SPIDER' ? { severity: 'warning' as const, text: 'the table reads another server\'s table (a postgres_fdw foreign table in PostgreSQL); created as an empty local table' }
    : engine === 'MRG_MYISAM' || engine === 'MERGE' ? { severity: 'warning' as const, text: `the table reads the rows of ${table.options.union ?? 'its UNION tables'}; created as an empty table (a view with UNION ALL gives its rows)` }
    : engine === 'BLACKHOLE' ? { severity: 'warning' as const, text: 'MySQL discards the rows written to it; it becomes an ordinary table' }
    : undefined;
  if (why) s.catalog.diagnostics.push(diag('PGS1011', `ENGINE=${table.options.engine}: ${why.text}`, { span: spanOf(c, 0, c.toks.length - 1), object, severity: why.severity }));
}

function createAsSelect(c: Cursor, s: Session, object: string): void {
  report(c, s, 'PGS1012', 'CREATE TABLE ... AS SELECT is not supported; table skipped', 0, c.toks.length - 1, object);
  c.i = c.limit;
}

/** Adds a table; a second definition replaces the first (PGS1016) unless IF NOT EXISTS keeps the first. */
export function addTable(c: Cursor, s: Session, table: Table, ifNotExists: boolean): void {
  const schema = schemaOf(s.catalog, table.name.schema);
  // Users and users are two tables on a case-sensitive server (the names pass tells them apart in PostgreSQL).
  const idx = indexOfExactName(schema.tables, table.name.name);
  const object = objectPath('table', table.name);
  if (idx >= 0) {
    if (ifNotExists) {
      return report(c, s, 'PGS1016', `table ${table.name.name} already defined; CREATE TABLE IF NOT EXISTS keeps the earlier definition`, 0, c.toks.length - 1, object);
    }
    report(c, s, 'PGS1016', `table ${table.name.name} defined twice; the later definition wins`, 0, c.toks.length - 1, object);
    schema.tables[idx] = table;
    return;
  }
  schema.tables.push(table);
}
