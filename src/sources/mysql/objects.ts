import { objectPath, schemaOf, type QName, type Routine, type Sequence, type Trigger, type View } from '../../model/catalog.js';
import {
  acceptOp, acceptWord, acceptWords, advance, atEnd, expectWord, fail, isWord, peekOp, spanOf, textOf,
  type Cursor,
} from './cursor.js';
import { diag } from '../../model/diagnostics.js';
import type { Query } from '../../model/query.js';
import { isParseFailure } from './cursor.js';
import { offsetSpan } from './lexer.js';
import { parseQueryRange } from './query-parser.js';
import { qualifiedName, report, type Session } from './session.js';
import { parseNameList, parseTableOptions } from './table-parts.js';
import { sequenceStateSet } from './sequence-table.js';

const sameName = (a: QName, b: QName): boolean => a.name.toLowerCase() === b.name.toLowerCase();

/** Puts `item` into `list`, replacing an earlier object of the same name (PGS1016 unless OR REPLACE). */
function place<T extends { name: QName }>(c: Cursor, s: Session, list: T[], item: T, orReplace: boolean, object: string, ifNotExists = false): void {
  const i = list.findIndex((x) => sameName(x.name, item.name));
  if (i < 0) { list.push(item); return; }
  if (ifNotExists && !orReplace) {
    return report(c, s, 'PGS1016', `${object} already defined; CREATE ... IF NOT EXISTS keeps the earlier definition`, 0, c.toks.length - 1, object);
  }
  if (!orReplace) report(c, s, 'PGS1016', `${object} defined twice; the later definition wins`, 0, c.toks.length - 1, object);
  list[i] = item;
}

/** VIEW [IF NOT EXISTS] name [(cols)] AS select [WITH [CASCADED|LOCAL] CHECK OPTION] */
export function parseCreateView(c: Cursor, s: Session, mods: Record<string, string>, orReplace: boolean): void {
  const ifNotExists = acceptWords(c, 'IF', 'NOT', 'EXISTS');
  const name = qualifiedName(c, s, 'view name');
  const columns = peekOp(c, '(') ? parseNameList(c) : undefined;
  expectWord(c, 'AS');
  if (atEnd(c)) fail(c, 'expected a query');
  const queryStart = c.i;
  let queryEnd = c.limit - 1;
  const options: Record<string, string> = { ...mods };
  const n = c.limit;
  if (n - queryStart > 3 && isWord(c.toks[n - 1]!, 'OPTION') && isWord(c.toks[n - 2]!, 'CHECK')) {
    const w = c.toks[n - 3]!;
    if (isWord(w, 'WITH')) { options.check_option = 'cascaded'; queryEnd = n - 4; }
    else if ((isWord(w, 'CASCADED') || isWord(w, 'LOCAL')) && isWord(c.toks[n - 4]!, 'WITH')) {
      options.check_option = w.value.toLowerCase();
      queryEnd = n - 5;
    }
  }
  const object = objectPath('view', name);
  const select = parseViewQuery(c, s, queryStart, queryEnd + 1, object);
  const view: View = {
    name, text: textOf(c, 0, c.limit - 1), query: textOf(c, queryStart, queryEnd), ...(select ? { select } : {}),
    ...(columns ? { columns } : {}), options, span: spanOf(c, 0, c.limit - 1),
  };
  c.i = c.limit;
  place(c, s, schemaOf(s.catalog, name.schema).views, view, orReplace, object, ifNotExists);
}

/** The view's SELECT as a Query; on syntax it does not understand: undefined and PGS3002 at the exact token. */
function parseViewQuery(c: Cursor, s: Session, from: number, to: number, object: string): Query | undefined {
  const limit = c.limit;
  try {
    return parseQueryRange(c, from, to);
  } catch (e) {
    if (!isParseFailure(e)) throw e;
    s.catalog.diagnostics.push(diag('PGS3002', `view query not parsed: ${e.message}`, {
      span: offsetSpan(c.lines, e.at, e.at + 1), object,
    }));
    return undefined;
  } finally {
    c.limit = limit;
  }
}

/** PROCEDURE | FUNCTION | EVENT [IF NOT EXISTS] name ...body — kept as text; bodies are converted later. */
export function parseCreateRoutine(c: Cursor, s: Session, kind: Routine['kind'], orReplace: boolean): void {
  acceptWords(c, 'IF', 'NOT', 'EXISTS');
  const name = qualifiedName(c, s, `${kind} name`);
  const routine: Routine = { kind, name, text: textOf(c, 0, c.limit - 1), span: spanOf(c, 0, c.limit - 1) };
  c.i = c.limit;
  const object = objectPath(kind, name);
  // procedures, functions and events have separate namespaces in MySQL
  const list = schemaOf(s.catalog, name.schema).routines;
  const i = list.findIndex((r) => r.kind === kind && sameName(r.name, name));
  if (i < 0) { list.push(routine); return; }
  if (!orReplace) report(c, s, 'PGS1016', `${object} defined twice; the later definition wins`, 0, c.toks.length - 1, object);
  list[i] = routine;
}

/** TRIGGER [IF NOT EXISTS] name {BEFORE|AFTER} {INSERT|UPDATE|DELETE} ON tbl FOR EACH ROW [FOLLOWS|PRECEDES t] body */
export function parseCreateTrigger(c: Cursor, s: Session, orReplace: boolean): void {
  acceptWords(c, 'IF', 'NOT', 'EXISTS');
  const nameStart = c.i;
  const written = qualifiedName(c, s, 'trigger name');
  const qualified = c.i - nameStart > 1;
  const timingTok = advance(c);
  if (timingTok.value !== 'BEFORE' && timingTok.value !== 'AFTER') fail(c, 'expected BEFORE or AFTER');
  const events: Trigger['events'] = [];
  do {
    const e = advance(c).value;
    if (e !== 'INSERT' && e !== 'UPDATE' && e !== 'DELETE') fail(c, 'expected INSERT, UPDATE or DELETE');
    events.push(e === 'INSERT' ? 'insert' : e === 'UPDATE' ? 'update' : 'delete');
  } while (acceptWord(c, 'OR'));
  expectWord(c, 'ON');
  const table = qualifiedName(c, s, 'table name');
  expectWord(c, 'FOR');
  expectWord(c, 'EACH');
  expectWord(c, 'ROW');
  // a trigger lives in its table's database unless its name says otherwise
  const name = qualified ? written : { schema: table.schema, name: written.name };
  const trigger: Trigger = {
    name, table, timing: timingTok.value === 'BEFORE' ? 'before' : 'after', events,
    text: textOf(c, 0, c.limit - 1), span: spanOf(c, 0, c.limit - 1),
  };
  c.i = c.limit;
  place(c, s, schemaOf(s.catalog, name.schema).triggers, trigger, orReplace, objectPath('trigger', name));
}

/**
 * MariaDB dumps restore a sequence's state after creating it: `DO SETVAL(seq, n, used)` (older ones `SELECT SETVAL`).
 * The next value it gives (n, or n + increment when used) becomes the sequence's start. Returns false when the
 * statement is not that form or names a sequence the script does not define.
 */
export function parseSequenceSetval(c: Cursor, s: Session): boolean {
  const at = c.i;
  c.i++;
  if (!acceptWord(c, 'SETVAL') || !acceptOp(c, '(')) { c.i = at; return false; }
  const name = qualifiedName(c, s, 'sequence name');
  const num = (): bigint | undefined => {
    if (!acceptOp(c, ',')) return undefined;
    const neg = acceptOp(c, '-');
    const t = advance(c);
    return t.kind === 'num' && /^\d+$/.test(t.value) ? BigInt(neg ? `-${t.value}` : t.value) : undefined;
  };
  const value = num();
  const used = num();
  const seq = s.catalog.schemas.find((x) => x.name === name.schema)?.sequences.find((q) => q.name.name.toLowerCase() === name.name.toLowerCase());
  if (!seq || value === undefined) { c.i = at; return false; }
  seq.start = used ? value + (seq.increment ?? 1n) : value;
  sequenceStateSet(s, seq, spanOf(c, 0, 0).line);
  c.i = c.limit;
  return true;
}

/** MariaDB CREATE SEQUENCE [IF NOT EXISTS] name [options] [table options]. */
export function parseCreateSequence(c: Cursor, s: Session, orReplace: boolean): void {
  const ifNotExists = acceptWords(c, 'IF', 'NOT', 'EXISTS');
  const name = qualifiedName(c, s, 'sequence name');
  const seq: Sequence = { name, span: spanOf(c, 0, c.limit - 1) };
  const num = (): bigint => {
    acceptOp(c, '=');
    const neg = acceptOp(c, '-');
    const t = advance(c);
    if (t.kind !== 'num') fail(c, 'expected a number');
    return BigInt(neg ? `-${t.value}` : t.value);
  };
  for (;;) {
    if (acceptWord(c, 'INCREMENT')) { acceptWord(c, 'BY'); seq.increment = num(); }
    else if (acceptWord(c, 'START')) { acceptWord(c, 'WITH'); seq.start = num(); }
    else if (acceptWord(c, 'MINVALUE')) seq.min = num();
    else if (acceptWord(c, 'MAXVALUE')) seq.max = num();
    else if (acceptWord(c, 'CACHE')) seq.cache = num();
    else if (acceptWord(c, 'NOCACHE')) seq.cache = 1n;
    else if (acceptWord(c, 'CYCLE')) seq.cycle = true;
    else if (acceptWord(c, 'NOCYCLE') || acceptWord(c, 'NOMINVALUE') || acceptWord(c, 'NOMAXVALUE')) continue;
    else if (acceptWords(c, 'NO', 'CYCLE')) seq.cycle = false;
    else if (acceptWords(c, 'NO', 'MINVALUE') || acceptWords(c, 'NO', 'MAXVALUE')) continue;
    else break;
  }
  const object = objectPath('sequence', name);
  const opts = { name, columns: [], uniques: [], checks: [], foreignKeys: [], indexes: [], options: {}, span: seq.span };
  parseTableOptions(c, opts);
  if (!atEnd(c)) fail(c, 'unexpected text in CREATE SEQUENCE');
  place(c, s, schemaOf(s.catalog, name.schema).sequences, seq, orReplace, object, ifNotExists);
}
