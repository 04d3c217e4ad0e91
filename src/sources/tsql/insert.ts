import type { DataChunk } from '../../model/catalog.js';
import { fixedText } from '../../model/source.js';
import { addInsertData } from '../data-runs.js';
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
    do {
      skipParens(c);
      rows++;
    } while (acceptOp(c, ','));
    // Offsets only: the data phase reads the statement again when it writes the rows.
    chunk = { source: c.source ?? fixedText(c.src), start: start.start, end: prev(c).end, statements: 1, ...(columns ? { columns } : {}), span: spanOf(c, start, prev(c)) };
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
  const insert = { table, ...(columns ? { columns } : {}), rows, span: spanOf(c, start, prev(c)) };
  s.lastRun = addInsertData(s.data, (name) => schemaFor(s, name), insert, chunk, c.src, s.lastRun, prev(c).end);
}
