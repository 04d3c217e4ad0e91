import type { DataChunk, DataSet } from '../../model/catalog.js';
import type { Token } from './lexer.js';
import {
  type Cursor, acceptOp, acceptWord, acceptWords, expectIdent, isOp, isWord, expectOp, parseMultipartName, peek, prev, skipParens, spanOf,
} from './cursor.js';
import { type Session, qname, report, schemaFor } from './session.js';
import { skipRest } from './table.js';

const SELECT_EXEMPT = new Set(['SELECT', 'EXEC', 'EXECUTE']);

/**
 * insert := INSERT [TOP '(' n ')' [PERCENT]] [INTO] name ['(' cols ')'] (VALUES row {',' row} | DEFAULT VALUES | select | exec)
 * Only counts are kept (Schema.data, aggregated per table); row values are skipped without building anything.
 */
export function parseInsert(s: Session, c: Cursor, start: Token): void {
  c.i++;
  if (acceptWord(c, 'TOP')) {
    if (isOp(peek(c), '(')) skipParens(c);
    acceptWord(c, 'PERCENT');
  }
  acceptWord(c, 'INTO');
  if (peek(c).kind === 'variable') {
    skipRest(c, SELECT_EXEMPT);
    report(s, 'PGS1014', 'INSERT into a table variable skipped', { span: spanOf(c, start, prev(c)) });
    return;
  }
  const table = qname(s, parseMultipartName(c));
  let columns: string[] | undefined;
  if (isOp(peek(c), '(') && !isWord(peek(c, 1), 'SELECT')) {
    c.i++;
    columns = [expectIdent(c, 'column name')];
    while (acceptOp(c, ',')) columns.push(expectIdent(c, 'column name'));
    expectOp(c, ')');
  }
  let rows: number;
  let chunk: DataChunk | undefined;
  if (acceptWord(c, 'VALUES')) {
    rows = 0;
    const from = peek(c).start;
    do {
      skipParens(c);
      rows++;
    } while (acceptOp(c, ','));
    // Offsets only: the data phase lexes the rows again when it writes them.
    chunk = { text: c.src, start: from, end: prev(c).end, ...(columns ? { columns } : {}), span: spanOf(c, start, prev(c)) };
  } else if (acceptWords(c, 'DEFAULT', 'VALUES')) {
    rows = 1;
  } else {
    skipRest(c, SELECT_EXEMPT);
    rows = -1;
  }
  if (rows < 0 || table.name.startsWith('#')) {
    const what = table.name.startsWith('#') ? `INSERT into temporary table ${table.name}` : `INSERT into ${table.schema}.${table.name} from a query or procedure`;
    report(s, 'PGS1014', `${what} skipped`, { span: spanOf(c, start, prev(c)) });
    return;
  }
  const key = `${table.schema}.${table.name}`.toLowerCase();
  let ds = s.data.get(key);
  if (!ds) {
    ds = { table, ...(columns ? { columns } : {}), statements: 0, rows: 0, span: spanOf(c, start, prev(c)) } satisfies DataSet;
    schemaFor(s, table.schema).data.push(ds);
    s.data.set(key, ds);
  }
  ds.statements++;
  ds.rows += rows;
  if (chunk) (ds.chunks ??= []).push(chunk);
}
