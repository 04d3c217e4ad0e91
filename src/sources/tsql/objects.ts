import { exactSize } from '../../collections.js';
import type { Column, Index, IndexKind, QName, Routine, Sequence, Trigger, UserType, View } from '../../model/catalog.js';
import { objectPath } from '../../model/catalog.js';
import type { Token } from './lexer.js';
import {
  type Cursor, atEnd, fillBatch, PENDING_SPAN, acceptOp, acceptWord, acceptWords, expectIdent, expectOp, expectWord, isOp, isWord, next,
  isSyntaxError, parseMultipartName, peek, prev, skipParens, spanOf, syntaxError, textOf,
} from './cursor.js';
import { parseDataType } from './data-type.js';
import { type ObjectFamily, type Session, objectKey, putObject, qname, removeObjectFrom, report, sameName, sameQName, schemaFor } from './session.js';
import { lookupTable, newTable, parseIndexTail, parseTableElement, skipRest } from './table.js';
import { parseQueryAt, queryDiagnostic } from './query-parser.js';
import { statementName } from './statement-name.js';

/** The last token of the batch (before GO/EOF); bodies of views, routines and triggers run to it. */
function toBatchEnd(c: Cursor): Token {
  fillBatch(c);
  const last = c.toks.length >= 2 ? c.toks[c.toks.length - 2]! : c.toks[0]!;
  c.i = c.toks.length - 1;
  return last;
}

function stripTrailingSemicolon(text: string): string {
  return text.replace(/[\s;]+$/, '');
}

/**
 * create_index := CREATE [UNIQUE] [CLUSTERED|NONCLUSTERED] [COLUMNSTORE] INDEX name ON table ['(' key_parts ')'] index_tail
 *   | CREATE [PRIMARY] XML INDEX name ON table '(' col ')' [USING XML INDEX x FOR (PATH|VALUE|PROPERTY)] index_tail
 *   | CREATE SPATIAL INDEX name ON table '(' col ')' [USING grid] index_tail
 *   | CREATE FULLTEXT INDEX ON table ['(' col {options} {',' ...} ')'] KEY INDEX name {fulltext options}
 */
export function parseCreateIndex(s: Session, c: Cursor, start: Token): void {
  const unique = acceptWord(c, 'UNIQUE');
  let clustered: boolean | undefined;
  if (acceptWord(c, 'CLUSTERED')) clustered = true;
  else if (acceptWord(c, 'NONCLUSTERED')) clustered = false;
  let kind: IndexKind = 'plain';
  let primaryXml = false;
  if (acceptWord(c, 'COLUMNSTORE')) kind = 'columnstore';
  else if (acceptWords(c, 'PRIMARY', 'XML')) { kind = 'xml'; primaryXml = true; }
  else if (acceptWord(c, 'XML')) kind = 'xml';
  else if (acceptWord(c, 'SPATIAL')) kind = 'spatial';
  else if (acceptWord(c, 'FULLTEXT')) kind = 'fulltext';
  expectWord(c, 'INDEX');
  const name = kind === 'fulltext' ? undefined : expectIdent(c, 'index name');
  expectWord(c, 'ON');
  const tableName = qname(s, parseMultipartName(c));
  const object = objectPath('table', tableName);
  const index: Index = { unique, kind, columns: [], include: [], span: PENDING_SPAN };
  if (name) index.name = name;
  if (clustered !== undefined) index.clustered = clustered;
  if (isOp(peek(c), '(')) {
    expectOp(c, '(');
    do {
      const column = expectIdent(c, 'column name');
      const part: Index['columns'][number] = { column };
      if (acceptWord(c, 'DESC')) part.desc = true;
      else acceptWord(c, 'ASC');
      // Full-text column options: TYPE COLUMN x, LANGUAGE n, STATISTICAL_SEMANTICS.
      for (;;) {
        if (acceptWords(c, 'TYPE', 'COLUMN')) { expectIdent(c); continue; }
        if (acceptWord(c, 'LANGUAGE')) { next(c); continue; }
        if (acceptWord(c, 'STATISTICAL_SEMANTICS')) continue;
        break;
      }
      index.columns.push(part);
    } while (acceptOp(c, ','));
    expectOp(c, ')');
    index.columns = exactSize(index.columns);
  }
  if (kind === 'columnstore' && isWord(peek(c), 'ORDER')) { c.i++; skipParens(c); }
  if (kind === 'xml' && acceptWords(c, 'USING', 'XML', 'INDEX')) {
    const primary = expectIdent(c);
    expectWord(c, 'FOR');
    const forWhat = next(c);
    index.using = `${primary} for ${forWhat.value.toLowerCase()}`;
  } else if (kind === 'xml' && primaryXml) {
    index.using = 'primary';
  }
  if (kind === 'spatial' && acceptWord(c, 'USING')) index.using = next(c).value.toLowerCase();
  if (kind === 'fulltext') {
    expectWords(c, ['KEY', 'INDEX']);
    index.using = `key index ${expectIdent(c, 'key index name')}`;
    const from = peek(c);
    const fromIdx = c.i;
    // ON catalog | ON (catalog, FILEGROUP fg) | WITH [(] CHANGE_TRACKING [=] AUTO, ... [)]
    skipRest(c);
    if (c.i > fromIdx) {
      report(s, 'PGS1011', `full-text catalog/options dropped: ${textOf(c, from, prev(c)).replace(/\s+/g, ' ').slice(0, 200)}`, { span: spanOf(c, from, prev(c)), object });
    }
  } else {
    parseIndexTail(s, c, index, object);
  }
  index.span = spanOf(c, start, prev(c));
  const table = lookupTable(s, tableName);
  if (!table && s.objects.has(objectKey('view', tableName))) {
    report(s, 'PGS1012', `index ${name ?? '(full-text)'} on view ${tableName.schema}.${tableName.name} (indexed view) skipped`, { span: index.span, object: objectPath('view', tableName) });
    return;
  }
  if (!table) {
    report(s, 'PGS1017', `index ${name ?? '(full-text)'} refers to ${tableName.schema}.${tableName.name}, which is not a table defined in the input`, { span: index.span, object });
    return;
  }
  const dup = name ? table.indexes.findIndex((x) => x.name !== undefined && sameName(x.name, name)) : -1;
  if (dup >= 0) {
    // WITH (DROP_EXISTING = ON) is how SQL Server redefines an index: a replacement, not a duplicate.
    if (/\bDROP_EXISTING\s*=\s*ON\b/i.test(textOf(c, start, prev(c)))) report(s, 'PGS1019', `index ${name} on ${tableName.schema}.${tableName.name} is redefined (DROP_EXISTING = ON); the new definition replaces it`, { span: index.span, object });
    else report(s, 'PGS1016', `index ${name} on ${tableName.schema}.${tableName.name} is defined twice; the later definition wins`, { span: index.span, object });
    table.indexes.splice(dup, 1);
  }
  table.indexes = [...table.indexes, index]; // exact size (see exactSize())
}

/**
 * ALTER FULLTEXT INDEX ON table (ADD '(' col {column options} {',' ...} ')' | DROP '(' col {',' col} ')') [WITH NO POPULATION]:
 * the columns join or leave the table's full-text index (one per table, as in SQL Server).
 */
export function alterFulltextColumns(s: Session, c: Cursor, start: Token, tableName: QName): void {
  const add = next(c).upper === 'ADD';
  expectOp(c, '(');
  const cols: string[] = [];
  for (;;) {
    cols.push(expectIdent(c, 'column name'));
    while (!isOp(peek(c), ',') && !isOp(peek(c), ')')) {
      if (atEnd(peek(c))) throw syntaxError(c, "expected ')'");
      c.i++; // LANGUAGE n, TYPE COLUMN x, STATISTICAL_SEMANTICS
    }
    if (!acceptOp(c, ',')) break;
  }
  expectOp(c, ')');
  skipRest(c);
  const span = spanOf(c, start, prev(c));
  const object = objectPath('table', tableName);
  const index = lookupTable(s, tableName)?.indexes.find((x) => x.kind === 'fulltext');
  if (!index) {
    report(s, 'PGS1017', `ALTER FULLTEXT INDEX on ${tableName.schema}.${tableName.name}, which has no full-text index in the input`, { span, object });
    return;
  }
  if (add) index.columns.push(...cols.filter((x) => !index.columns.some((k) => sameName(k.column, x))).map((column) => ({ column })));
  else index.columns = index.columns.filter((k) => !cols.some((x) => sameName(k.column, x)));
  const table = lookupTable(s, tableName)!;
  if (!index.columns.length) table.indexes.splice(table.indexes.indexOf(index), 1);
}

function expectWords(c: Cursor, ws: string[]): void {
  for (const w of ws) expectWord(c, w);
}

/** Replace an object of the same name (PGS1016 unless the statement is ALTER / CREATE OR ALTER). */
function upsert<T extends { name: QName; span: View['span'] }>(
  s: Session, family: ObjectFamily, list: T[], item: T, kind: Parameters<typeof objectPath>[0], replacing: boolean,
): void {
  const replaced = putObject(s, family, list, item);
  if (replaced && !replacing) {
    report(s, 'PGS1016', `${kind} ${item.name.schema}.${item.name.name} is defined twice; the later definition wins`, { span: item.span, object: objectPath(kind, item.name) });
  }
}

/** create_view := CREATE [OR ALTER] VIEW name ['(' cols ')'] [WITH attr {',' attr}] AS select_to_end_of_batch [WITH CHECK OPTION] */
export function parseView(s: Session, c: Cursor, start: Token, replacing: boolean): void {
  expectWord(c, 'VIEW');
  const name = qname(s, parseMultipartName(c));
  const view: View = { name, text: '', query: '', options: {}, span: spanOf(c, start) };
  if (isOp(peek(c), '(')) {
    expectOp(c, '(');
    const cols = [expectIdent(c, 'column name')];
    while (acceptOp(c, ',')) cols.push(expectIdent(c, 'column name'));
    expectOp(c, ')');
    view.columns = cols;
  }
  if (acceptWord(c, 'WITH')) {
    do view.options[next(c).value.toLowerCase()] = 'true'; while (acceptOp(c, ','));
  }
  expectWord(c, 'AS');
  const from = peek(c);
  const fromIndex = c.i;
  let last = toBatchEnd(c);
  // A view whose query does not parse keeps `select` undefined and stays reported as not converted.
  const parsed = parseQueryAt(c, fromIndex);
  if (parsed.query) view.select = parsed.query;
  else s.catalog.diagnostics.push(queryDiagnostic(c, parsed.error, objectPath('view', name)));
  if (parsed.rest !== undefined) {
    // The query ended at ';' and more statements follow in the batch: they are parsed next.
    last = c.toks[parsed.rest - 1]!;
    c.i = parsed.rest;
  }
  let query = stripTrailingSemicolon(textOf(c, from, last));
  const checkOption = /\bWITH\s+CHECK\s+OPTION\s*$/i;
  if (checkOption.test(query)) {
    view.options.check_option = 'cascaded';
    query = stripTrailingSemicolon(query.replace(checkOption, ''));
  }
  view.query = query;
  view.text = stripTrailingSemicolon(textOf(c, start, last));
  view.span = spanOf(c, start, last);
  upsert(s, 'view', schemaFor(s, name.schema).views, view, 'view', replacing);
}

/** create_routine := CREATE [OR ALTER] (PROC|PROCEDURE|FUNCTION) name [';' n] body_to_end_of_batch */
export function parseRoutine(s: Session, c: Cursor, start: Token, replacing: boolean): void {
  const kw = next(c);
  const kind: Routine['kind'] = isWord(kw, 'FUNCTION') ? 'function' : 'procedure';
  const name = qname(s, parseMultipartName(c));
  const last = toBatchEnd(c);
  const routine: Routine = { kind, name, text: stripTrailingSemicolon(textOf(c, start, last)), span: spanOf(c, start, last) };
  upsert(s, 'routine', schemaFor(s, name.schema).routines, routine, kind, replacing);
}

/**
 * create_trigger := CREATE [OR ALTER] TRIGGER name ON table [WITH opts] (FOR|AFTER|INSTEAD OF) event {',' event}
 *   [WITH APPEND] [NOT FOR REPLICATION] AS body_to_end_of_batch
 * DDL triggers (ON DATABASE / ALL SERVER) are skipped with PGS1012.
 */
export function parseTrigger(s: Session, c: Cursor, start: Token, replacing: boolean): void {
  expectWord(c, 'TRIGGER');
  const nameParts = parseMultipartName(c);
  expectWord(c, 'ON');
  if (isWord(peek(c), 'DATABASE') || isWord(peek(c), 'ALL')) {
    const last = toBatchEnd(c);
    report(s, 'PGS1012', `DDL trigger ${nameParts.join('.')} skipped`, { span: spanOf(c, start, last), statement: textOf(c, start, last).slice(0, 2000) });
    return;
  }
  const table = qname(s, parseMultipartName(c));
  const name: QName = nameParts.length > 1 ? qname(s, nameParts) : { schema: table.schema, name: nameParts[0]! };
  if (acceptWord(c, 'WITH')) {
    do {
      if (acceptWords(c, 'EXECUTE', 'AS') || acceptWords(c, 'EXEC', 'AS')) next(c);
      else next(c);
    } while (acceptOp(c, ','));
  }
  let timing: Trigger['timing'];
  if (acceptWord(c, 'AFTER') || acceptWord(c, 'FOR')) timing = 'after';
  else if (acceptWords(c, 'INSTEAD', 'OF')) timing = 'instead of';
  else throw syntaxError(c, 'expected FOR, AFTER or INSTEAD OF');
  const events: Trigger['events'] = [];
  do {
    const e = next(c);
    if (isWord(e, 'INSERT')) events.push('insert');
    else if (isWord(e, 'UPDATE')) events.push('update');
    else if (isWord(e, 'DELETE')) events.push('delete');
    else throw syntaxError(c, 'expected INSERT, UPDATE or DELETE', e);
  } while (acceptOp(c, ','));
  const last = toBatchEnd(c);
  const trigger: Trigger = { name, table, timing, events, text: stripTrailingSemicolon(textOf(c, start, last)), span: spanOf(c, start, last) };
  upsert(s, 'trigger', schemaFor(s, name.schema).triggers, trigger, 'trigger', replacing);
}

/** create_schema := CREATE SCHEMA name [AUTHORIZATION owner] */
export function parseCreateSchema(s: Session, c: Cursor, start: Token): string {
  expectWord(c, 'SCHEMA');
  const name = expectIdent(c, 'schema name');
  if (acceptWord(c, 'AUTHORIZATION')) {
    const owner = expectIdent(c, 'owner');
    // dbo owns what the migration's role creates; another owner is a role PostgreSQL may not have
    if (owner.toLowerCase() !== 'dbo') {
      report(s, 'PGS1018', `schema ${name}: AUTHORIZATION ${owner} not carried over (the schema belongs to the role that applies the migration)`, {
        span: spanOf(c, start, prev(c)), suggestion: 'ALTER SCHEMA ... OWNER TO the role once it exists',
      });
    }
  }
  const sc = schemaFor(s, name);
  sc.declared = true;
  sc.span ??= spanOf(c, start, prev(c));
  return sc.name;
}

/**
 * create_type := CREATE TYPE name FROM data_type [NULL|NOT NULL]
 *   | CREATE TYPE name AS TABLE '(' ... ')' [WITH (...)]
 */
export function parseCreateType(s: Session, c: Cursor, start: Token): void {
  expectWord(c, 'TYPE');
  const name = qname(s, parseMultipartName(c));
  let type: UserType;
  if (acceptWord(c, 'FROM')) {
    const base = parseDataType(c, s.defaultSchema);
    let nullable = true;
    if (acceptWords(c, 'NOT', 'NULL')) nullable = false;
    else acceptWord(c, 'NULL');
    type = { kind: 'alias', name, base, nullable, span: spanOf(c, start, prev(c)) };
  } else if (acceptWords(c, 'AS', 'TABLE')) {
    const columns = parseTableTypeColumns(s, c, name, start);
    while (isWord(peek(c), 'WITH') && isOp(peek(c, 1), '(')) { c.i++; skipParens(c); }
    type = { kind: 'table', name, text: textOf(c, start, prev(c)), ...(columns ? { columns } : {}), span: spanOf(c, start, prev(c)) };
  } else {
    skipRest(c);
    report(s, 'PGS1012', `CREATE TYPE ${name.schema}.${name.name} (CLR type) skipped`, { span: spanOf(c, start, prev(c)) });
    return;
  }
  addType(s, type);
}

/** A table type's columns, read as a table's are; undefined (the body skipped) when they do not parse. */
function parseTableTypeColumns(s: Session, c: Cursor, name: QName, start: Token): Column[] | undefined {
  const from = c.i;
  const scratch = newTable(name, spanOf(c, start));
  try {
    expectOp(c, '(');
    for (;;) {
      if (isOp(peek(c), ')')) break;
      parseTableElement(s, c, scratch, objectPath('type', name));
      if (!acceptOp(c, ',')) break;
    }
    expectOp(c, ')');
    return scratch.columns;
  } catch (e) {
    if (!isSyntaxError(e)) throw e;
    c.i = from;
    skipParens(c);
    return undefined;
  }
}

export function addType(s: Session, type: UserType): void {
  upsert(s, 'type', schemaFor(s, type.name.schema).types, type, 'type', false);
}

function signedBig(c: Cursor): bigint {
  const neg = acceptOp(c, '-');
  if (!neg) acceptOp(c, '+');
  const t = next(c);
  if (t.kind !== 'number') throw syntaxError(c, 'expected a number', t);
  return BigInt(`${neg ? '-' : ''}${t.value.replace(/\..*$/, '')}`);
}

/**
 * create_sequence := CREATE SEQUENCE name {AS type | START WITH n | INCREMENT BY n | MINVALUE n | NO MINVALUE
 *   | MAXVALUE n | NO MAXVALUE | CYCLE | NO CYCLE | CACHE [n] | NO CACHE}
 */
export function parseSequence(s: Session, c: Cursor, start: Token): void {
  expectWord(c, 'SEQUENCE');
  const name = qname(s, parseMultipartName(c));
  const seq: Sequence = { name, span: spanOf(c, start) };
  for (;;) {
    if (acceptWord(c, 'AS')) { seq.type = parseDataType(c, s.defaultSchema); continue; }
    if (acceptWords(c, 'START', 'WITH')) { seq.start = signedBig(c); continue; }
    if (acceptWords(c, 'INCREMENT', 'BY')) { seq.increment = signedBig(c); continue; }
    if (acceptWord(c, 'MINVALUE')) { seq.min = signedBig(c); continue; }
    if (acceptWord(c, 'MAXVALUE')) { seq.max = signedBig(c); continue; }
    if (acceptWords(c, 'NO', 'MINVALUE') || acceptWords(c, 'NO', 'MAXVALUE')) continue;
    if (acceptWord(c, 'CYCLE')) { seq.cycle = true; continue; }
    if (acceptWords(c, 'NO', 'CYCLE')) { seq.cycle = false; continue; }
    if (acceptWord(c, 'CACHE')) { if (peek(c).kind === 'number') seq.cache = signedBig(c); continue; }
    if (acceptWords(c, 'NO', 'CACHE')) { seq.cache = 1n; continue; }
    break;
  }
  seq.span = spanOf(c, start, prev(c));
  upsert(s, 'sequence', schemaFor(s, name.schema).sequences, seq, 'sequence', false);
}

const DROP_KINDS: Record<string, 'table' | 'view' | 'procedure' | 'function' | 'trigger' | 'sequence' | 'type' | 'schema' | 'index' | 'other'> = {
  TABLE: 'table', VIEW: 'view', PROC: 'procedure', PROCEDURE: 'procedure', FUNCTION: 'function', TRIGGER: 'trigger',
  SEQUENCE: 'sequence', TYPE: 'type', SCHEMA: 'schema', INDEX: 'index', SYNONYM: 'other', DEFAULT: 'other', RULE: 'other',
  STATISTICS: 'other', ASSEMBLY: 'other', AGGREGATE: 'other',
};

/**
 * drop := DROP kind [IF EXISTS] name {',' name}; DROP INDEX [IF EXISTS] ix ON table | table.ix.
 * Objects defined earlier in the input are removed (the script runs top to bottom); others → PGS1013.
 */
export function parseDrop(s: Session, c: Cursor, start: Token): void {
  const kindTok = next(c);
  const u = kindTok.upper;
  if (u === 'DATABASE') {
    skipRest(c);
    report(s, 'PGS1010', 'DROP DATABASE skipped', { span: spanOf(c, start, prev(c)) });
    return;
  }
  if (u === 'USER' || u === 'ROLE' || u === 'LOGIN') {
    skipRest(c);
    report(s, 'PGS1018', `DROP ${kindTok.upper} skipped`, { span: spanOf(c, start, prev(c)) });
    return;
  }
  const kind = DROP_KINDS[u];
  if (!kind) {
    const what = statementName(c, 'DROP', -1);
    skipRest(c);
    report(s, 'PGS1013', `${what} skipped`, { span: spanOf(c, start, prev(c)) });
    return;
  }
  acceptWords(c, 'IF', 'EXISTS');
  do {
    const itemStart = peek(c);
    const parts = parseMultipartName(c);
    if (kind === 'index') {
      let tableParts: string[];
      let indexName: string;
      if (acceptWord(c, 'ON')) { tableParts = parseMultipartName(c); indexName = parts[parts.length - 1]!; }
      else { tableParts = parts.slice(0, -1); indexName = parts[parts.length - 1]!; }
      while (isWord(peek(c), 'WITH') && isOp(peek(c, 1), '(')) { c.i++; skipParens(c); }
      const table = tableParts.length ? lookupTable(s, qname(s, tableParts)) : undefined;
      const at = table ? table.indexes.findIndex((x) => x.name !== undefined && sameName(x.name, indexName)) : -1;
      if (table && at >= 0) {
        table.indexes.splice(at, 1);
        report(s, 'PGS1019', `DROP INDEX ${indexName}: removes the index defined earlier in the input; it is not in the output`, { span: spanOf(c, start, prev(c)) });
      } else report(s, 'PGS1013', `DROP INDEX ${indexName}: not defined earlier in the input; skipped`, { span: spanOf(c, start, prev(c)) });
      continue;
    }
    const removed = kind !== 'other' && removeObject(s, kind, kind === 'schema' ? { schema: parts[parts.length - 1]!, name: '' } : qname(s, parts));
    const what = `DROP ${kindTok.value.toUpperCase()} ${parts.join('.')}`;
    if (removed) report(s, 'PGS1019', `${what}: removes the ${kind} defined earlier in the input; it is not in the output`, { span: spanOf(c, itemStart, prev(c)) });
    else report(s, 'PGS1013', `${what}: not defined earlier in the input; skipped`, { span: spanOf(c, itemStart, prev(c)) });
  } while (acceptOp(c, ','));
}

function removeObject(s: Session, kind: 'table' | 'view' | 'procedure' | 'function' | 'trigger' | 'sequence' | 'type' | 'schema', name: QName): boolean {
  if (kind === 'schema') {
    const at = s.catalog.schemas.findIndex((x) => sameName(x.name, name.schema) && x.declared);
    if (at < 0) return false;
    s.catalog.schemas.splice(at, 1);
    const prefix = `.${name.schema.toLowerCase()}.`;
    for (const key of [...s.objects.keys()]) if (key.replace(/^[a-z]+:/, '.').startsWith(prefix)) s.objects.delete(key);
    return true;
  }
  const sc = s.catalog.schemas.find((x) => sameName(x.name, name.schema));
  if (!sc) return false;
  switch (kind) {
    case 'table': {
      const ok = removeObjectFrom(s, 'table', sc.tables, name);
      if (ok) {
        sc.data = sc.data.filter((d) => !sameQName(d.table, name));
        s.data.delete(`${name.schema}.${name.name}`.toLowerCase());
      }
      return ok;
    }
    case 'view': return removeObjectFrom(s, 'view', sc.views, name);
    case 'procedure': return removeObjectFrom(s, 'routine', sc.routines, name, (r) => r.kind === 'procedure');
    case 'function': return removeObjectFrom(s, 'routine', sc.routines, name, (r) => r.kind === 'function');
    case 'trigger': return removeObjectFrom(s, 'trigger', sc.triggers, name);
    case 'sequence': return removeObjectFrom(s, 'sequence', sc.sequences, name);
    case 'type': return removeObjectFrom(s, 'type', sc.types, name);
    default: {
      const never: never = kind;
      return never;
    }
  }
}

