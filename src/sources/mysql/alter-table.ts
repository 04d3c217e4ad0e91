import { findTable, objectPath, schemaOf, type ForeignKey, type Key, type QName, type Table } from '../../model/catalog.js';
import {
  acceptOp, acceptWord, acceptWords, advance, atEnd, expectOp, expectWord, fail, identifier, peek,
  peekOp, peekWord, spanOf, textOf, type Cursor,
} from './cursor.js';
import { charsetName } from './data-type.js';
import { parseExpr, parseParenExpr } from './expr-parser.js';
import { qualifiedName, report, type Session } from './session.js';
import grammar from '../../../grammars/mysql.json' with { type: 'json' };
import {
  applyPart, IGNORED_INDEX, makeIndex, parseColumnDef, parseIndexOptions, parseKeyParts, parsePartitioning, parseTableOptions, withComment,
  parseTablePart, type TablePart,
} from './table-parts.js';

/** One ALTER TABLE action, applied only after the whole statement parsed (a failing statement changes nothing). */
type Action = (t: Table) => void;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** [FIRST | AFTER col] → a function giving the insert position in a table. */
function parsePosition(c: Cursor): ((t: Table) => number) | undefined {
  if (acceptWord(c, 'FIRST')) return () => 0;
  if (acceptWord(c, 'AFTER')) {
    const after = identifier(c, 'column name');
    return (t) => {
      const i = t.columns.findIndex((x) => same(x.name, after));
      return i < 0 ? t.columns.length : i + 1;
    };
  }
  return undefined;
}

function addPart(part: TablePart, pos?: (t: Table) => number): Action {
  return (t) => applyPart(t, part, pos ? pos(t) : undefined);
}

/** ALTER TABLE name spec [, spec ...] [partitioning] */
export function parseAlterTable(c: Cursor, s: Session): void {
  expectWord(c, 'TABLE');
  acceptWords(c, 'IF', 'EXISTS'); // MariaDB
  const name = qualifiedName(c, s, 'table name');
  const object = objectPath('table', name);
  const actions: Action[] = [];
  let structural = false;
  let keysOnly = false;
  const options: Table = { name, columns: [], uniques: [], checks: [], foreignKeys: [], indexes: [], options: {}, span: spanOf(c, 0, 0) };
  if (!atEnd(c)) {
    do {
      const start = c.i;
      if (acceptWords(c, 'DISABLE', 'KEYS') || acceptWords(c, 'ENABLE', 'KEYS')) { keysOnly = true; continue; }
      const a = parseAlterSpec(c, s, object, options, start);
      if (a === 'unsupported') {
        report(c, s, 'PGS1012', `ALTER TABLE ${name.name}: partition maintenance is not supported; skipped`, start, c.toks.length - 1, object);
        c.i = c.limit;
        break;
      }
      structural = true;
      if (a) actions.push(a);
    } while (acceptOp(c, ','));
  }
  if (peekWord(c, 'PARTITION')) {
    const p = parsePartitioning(c, s, object);
    actions.push((t) => { t.partition = p; });
    structural = true;
  }
  if (!atEnd(c)) fail(c, 'unexpected text in ALTER TABLE');
  if (!structural) {
    if (keysOnly) report(c, s, 'PGS1010', `ALTER TABLE ${name.name} DISABLE/ENABLE KEYS skipped`, 0, c.toks.length - 1, object);
    return;
  }
  const table = findTable(s.catalog, name);
  if (!table) {
    return report(c, s, 'PGS1017', `ALTER TABLE ${name.name}: table is not defined in the input; skipped`, 0, c.toks.length - 1, object);
  }
  for (const a of actions) a(table);
  Object.assign(table.options, options.options);
  if (options.comment !== undefined) table.comment = options.comment;
}

function parseAlterSpec(c: Cursor, s: Session, object: string, options: Table, start: number): Action | 'unsupported' | undefined {
  const t = peek(c);
  if (t.kind !== 'word') fail(c, 'expected an ALTER TABLE action');
  switch (t.value) {
    case 'ADD': {
      c.i++;
      if (peekWord(c, 'PARTITION')) return 'unsupported';
      const columnWord = acceptWord(c, 'COLUMN');
      acceptWords(c, 'IF', 'NOT', 'EXISTS');
      if (peekOp(c, '(')) {
        c.i++;
        const parts: TablePart[] = [];
        do parts.push(parseColumnDef(c, s, object)); while (acceptOp(c, ','));
        expectOp(c, ')');
        return (tb) => { for (const p of parts) applyPart(tb, p); };
      }
      const part = columnWord ? parseColumnDef(c, s, object) : parseTablePart(c, s, object);
      return addPart(part, part.kind === 'column' ? parsePosition(c) : undefined);
    }
    case 'MODIFY': case 'CHANGE': {
      c.i++;
      acceptWord(c, 'COLUMN');
      acceptWords(c, 'IF', 'EXISTS');
      const old = t.value === 'CHANGE' ? identifier(c, 'column name') : undefined;
      const part = parseColumnDef(c, s, object);
      const pos = parsePosition(c);
      const from = old ?? part.column.name;
      return (tb) => {
        const i = tb.columns.findIndex((x) => same(x.name, from));
        if (i < 0) {
          report(c, s, 'PGS1017', `column ${from} is not defined in table ${tb.name.name}`, start, start, object);
          return;
        }
        tb.columns.splice(i, 1);
        renameInKeys(s, tb, from, part.column.name);
        applyPart(tb, part, pos ? pos(tb) : i);
      };
    }
    case 'ALTER': {
      c.i++;
      if (acceptWord(c, 'INDEX') || acceptWord(c, 'KEY')) {
        acceptWords(c, 'IF', 'EXISTS');
        identifier(c);
        if (acceptWord(c, 'VISIBLE') || acceptWords(c, 'NOT', 'IGNORED')) return undefined; // the default
        if (acceptWord(c, 'IGNORED')) report(c, s, 'PGS1011', IGNORED_INDEX, start, c.i - 1, object);
        else {
          expectWord(c, 'INVISIBLE');
          report(c, s, 'PGS1011', 'ALTER INDEX INVISIBLE dropped', start, c.i - 1, object);
        }
        return undefined;
      }
      if (peekWord(c, 'CHECK') || peekWord(c, 'CONSTRAINT')) {
        c.i++;
        const cname = identifier(c);
        const enforced = !acceptWord(c, 'NOT');
        expectWord(c, 'ENFORCED');
        return (tb) => {
          const ck = tb.checks.find((x) => x.name && same(x.name, cname));
          if (ck) { if (enforced) delete ck.enforced; else ck.enforced = false; }
        };
      }
      acceptWord(c, 'COLUMN');
      const col = identifier(c, 'column name');
      if (acceptWords(c, 'DROP', 'DEFAULT')) {
        return (tb) => {
          const x = tb.columns.find((y) => same(y.name, col));
          if (x) { delete x.default; delete x.defaultRaw; }
        };
      }
      if (acceptWords(c, 'SET', 'DEFAULT')) {
        const ds = c.i;
        const expr = peekOp(c, '(') ? parseParenExpr(c).expr : parseExpr(c, grammar.precedence.collate);
        const rawText = textOf(c, ds, c.i - 1);
        return (tb) => {
          const x = tb.columns.find((y) => same(y.name, col));
          if (x) { x.default = expr; x.defaultRaw = rawText; }
        };
      }
      if (acceptWords(c, 'SET', 'VISIBLE')) return undefined;
      if (acceptWords(c, 'SET', 'INVISIBLE')) {
        return (tb) => {
          const x = tb.columns.find((y) => same(y.name, col));
          if (x) x.flags = [...(x.flags ?? []), 'invisible'];
        };
      }
      return fail(c, 'expected SET DEFAULT, DROP DEFAULT or SET [IN]VISIBLE');
    }
    case 'DROP': {
      c.i++;
      if (peekWord(c, 'PARTITION')) return 'unsupported';
      if (acceptWords(c, 'PRIMARY', 'KEY')) return (tb) => { delete tb.primaryKey; };
      if (acceptWords(c, 'FOREIGN', 'KEY')) {
        acceptWords(c, 'IF', 'EXISTS');
        const n = identifier(c);
        return (tb) => { tb.foreignKeys = tb.foreignKeys.filter((x) => !(x.name && same(x.name, n))); };
      }
      if (acceptWord(c, 'INDEX') || acceptWord(c, 'KEY')) {
        acceptWords(c, 'IF', 'EXISTS');
        const n = identifier(c);
        return (tb) => dropIndex(tb, n);
      }
      if (acceptWord(c, 'CHECK') || acceptWord(c, 'CONSTRAINT')) {
        acceptWords(c, 'IF', 'EXISTS');
        const n = identifier(c);
        return (tb) => {
          tb.checks = tb.checks.filter((x) => !(x.name && same(x.name, n)));
          tb.foreignKeys = tb.foreignKeys.filter((x) => !(x.name && same(x.name, n)));
          dropIndex(tb, n);
        };
      }
      acceptWord(c, 'COLUMN');
      acceptWords(c, 'IF', 'EXISTS');
      const col = identifier(c, 'column name');
      acceptWord(c, 'RESTRICT') || acceptWord(c, 'CASCADE');
      return (tb) => {
        tb.columns = tb.columns.filter((x) => !same(x.name, col));
        const keep = (k: { columns: { column: string }[] }): boolean => !k.columns.some((p) => same(p.column, col));
        if (tb.primaryKey && !keep(tb.primaryKey)) delete tb.primaryKey;
        tb.uniques = tb.uniques.filter(keep);
        tb.indexes = tb.indexes.filter(keep);
      };
    }
    case 'RENAME': {
      c.i++;
      if (acceptWord(c, 'COLUMN')) {
        acceptWords(c, 'IF', 'EXISTS');
        const from = identifier(c, 'column name');
        expectWord(c, 'TO');
        const to = identifier(c, 'column name');
        return (tb) => {
          const x = tb.columns.find((y) => same(y.name, from));
          if (x) x.name = to;
          renameInKeys(s, tb, from, to);
        };
      }
      if (acceptWord(c, 'INDEX') || acceptWord(c, 'KEY')) {
        const from = identifier(c);
        expectWord(c, 'TO');
        const to = identifier(c);
        return (tb) => {
          for (const k of [...tb.uniques, ...tb.indexes]) if (k.name && same(k.name, from)) k.name = to;
        };
      }
      if (!acceptWord(c, 'TO')) acceptWord(c, 'AS');
      const to = qualifiedName(c, s, 'table name');
      return (tb) => moveTable(s, tb, to);
    }
    case 'CONVERT': {
      c.i++;
      expectWord(c, 'TO');
      if (!acceptWord(c, 'CHARSET')) { expectWord(c, 'CHARACTER'); expectWord(c, 'SET'); }
      options.options.charset = charsetName(c);
      if (acceptWord(c, 'COLLATE')) options.options.collate = charsetName(c);
      return undefined;
    }
    case 'ALGORITHM': case 'LOCK': {
      c.i++;
      acceptOp(c, '=');
      advance(c);
      report(c, s, 'PGS1011', `ALTER TABLE ${t.value} clause dropped`, start, c.i - 1, object);
      return undefined;
    }
    case 'FORCE':
      c.i++;
      return undefined;
    case 'ORDER': {
      c.i++;
      expectWord(c, 'BY');
      do { identifier(c); acceptWord(c, 'ASC') || acceptWord(c, 'DESC'); } while (acceptOp(c, ','));
      report(c, s, 'PGS1011', 'ALTER TABLE ORDER BY dropped', start, c.i - 1, object);
      return undefined;
    }
    case 'WITH': case 'WITHOUT':
      c.i++;
      expectWord(c, 'VALIDATION');
      return undefined;
    case 'REMOVE': case 'TRUNCATE': case 'COALESCE': case 'REORGANIZE': case 'EXCHANGE': case 'ANALYZE': case 'CHECK':
    case 'OPTIMIZE': case 'REBUILD': case 'REPAIR': case 'DISCARD': case 'IMPORT':
      return 'unsupported';
    case 'PARTITION':
      return undefined;
  }
  const before = c.i;
  parseTableOptions(c, options);
  if (c.i === before) fail(c, 'unknown ALTER TABLE action');
  return undefined;
}

function dropIndex(tb: Table, n: string): void {
  tb.indexes = tb.indexes.filter((x) => !(x.name && same(x.name, n)));
  tb.uniques = tb.uniques.filter((x) => !(x.name && same(x.name, n)));
  if (same(n, 'PRIMARY')) delete tb.primaryKey;
}

function renameInKeys(s: Session, tb: Table, from: string, to: string): void {
  if (same(from, to)) return;
  const keys = [...(tb.primaryKey ? [tb.primaryKey] : []), ...tb.uniques, ...tb.indexes];
  // parts are shared between keys (table-parts.ts plainPart): a renamed one is replaced, not changed
  for (const k of keys) k.columns = k.columns.map((p) => (same(p.column, from) ? { ...p, column: to } : p));
  for (const fk of tb.foreignKeys) fk.columns = fk.columns.map((x) => (same(x, from) ? to : x));
  // as InnoDB does, foreign keys that refer to the column follow it
  for (const fk of referencesTo(s, tb.name)) fk.refColumns = fk.refColumns.map((x) => (same(x, from) ? to : x));
}

/** Foreign keys of the input that refer to table `name`. */
function referencesTo(s: Session, name: QName): ForeignKey[] {
  return s.catalog.schemas.flatMap((x) => x.tables).flatMap((t) => t.foreignKeys)
    .filter((fk) => same(fk.ref.name, name.name) && same(fk.ref.schema, name.schema));
}

function moveTable(s: Session, tb: Table, to: QName): void {
  for (const fk of referencesTo(s, tb.name)) fk.ref = { ...to };
  const from = schemaOf(s.catalog, tb.name.schema);
  from.tables = from.tables.filter((x) => x !== tb);
  tb.name = to;
  schemaOf(s.catalog, to.schema).tables.push(tb);
}

/** RENAME TABLE a TO b [, c TO d ...] */
export function parseRenameTable(c: Cursor, s: Session): void {
  c.i++;
  if (!acceptWord(c, 'TABLE')) expectWord(c, 'TABLES');
  const pairs: [QName, QName][] = [];
  do {
    const from = qualifiedName(c, s, 'table name');
    expectWord(c, 'TO');
    pairs.push([from, qualifiedName(c, s, 'table name')]);
  } while (acceptOp(c, ','));
  if (!atEnd(c)) fail(c, 'unexpected text in RENAME TABLE');
  for (const [from, to] of pairs) {
    const tb = findTable(s.catalog, from);
    if (!tb) report(c, s, 'PGS1017', `RENAME TABLE: ${from.name} is not defined in the input`, 0, c.toks.length - 1, objectPath('table', from));
    else moveTable(s, tb, to);
  }
}

/** CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name [USING x] ON tbl (parts) [options] [ALGORITHM=..] [LOCK=..] */
export function parseCreateIndex(c: Cursor, s: Session): void {
  const start = 0;
  const k = advance(c).value;
  if (k !== 'INDEX') expectWord(c, 'INDEX');
  acceptWords(c, 'IF', 'NOT', 'EXISTS');
  const name = identifier(c, 'index name');
  const opts = parseIndexOptions(c, s, '');
  expectWord(c, 'ON');
  const tname = qualifiedName(c, s, 'table name');
  const object = objectPath('table', tname);
  const columns = parseKeyParts(c);
  parseIndexOptions(c, s, object, opts);
  while (peekWord(c, 'ALGORITHM') || peekWord(c, 'LOCK')) {
    c.i++;
    acceptOp(c, '=');
    advance(c);
  }
  if (!atEnd(c)) fail(c, 'unexpected text in CREATE INDEX');
  const table = findTable(s.catalog, tname);
  if (!table) {
    return report(c, s, 'PGS1017', `CREATE INDEX ${name}: table ${tname.name} is not defined in the input; skipped`, 0, c.toks.length - 1, object);
  }
  if (k === 'UNIQUE') {
    // MySQL has one notion of unique key: CREATE UNIQUE INDEX equals UNIQUE KEY in the table definition
    table.uniques.push(withComment<Key>({ name, columns, span: spanOf(c, start, c.i - 1) }, opts));
    return;
  }
  const kind = k === 'FULLTEXT' ? 'fulltext' : k === 'SPATIAL' ? 'spatial' : 'plain';
  table.indexes.push(withComment(makeIndex(c, start, name, false, kind, columns, opts.using), opts));
}
