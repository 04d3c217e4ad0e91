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
 * Only counts are kept (Schema.data, aggregated per table); row values are skipped without building anything. A
 * select of values only (SELECT 1, 'a' UNION ALL SELECT ...) is rows too; any other select or exec is PGS1014.
 */
/** Words that make a SELECT more than a row of values. */
const QUERY_WORDS = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'INTO', 'TOP', 'DISTINCT', 'EXCEPT', 'INTERSECT', 'OPTION', 'FOR']);

/**
 * Rows of `SELECT v, ... [UNION ALL SELECT v, ...]` over toks[a, b) (seed scripts write data so): how many, or -1 when
 * it is a query (FROM, WHERE, UNION without ALL ...). The data phase reads each SELECT as a VALUES row.
 */
function literalSelectRows(toks: Token[], a: number, b: number): number {
  const word = (k: number, w: string): boolean => k < b && isWord(toks[k]!, w);
  if (!word(a, 'SELECT')) return -1;
  let rows = 1;
  let depth = 0;
  for (let k = a + 1; k < b; k++) {
    const t = toks[k]!;
    if (t.kind === 'op') depth += t.value === '(' ? 1 : t.value === ')' ? -1 : 0;
    if (depth > 0 || t.kind !== 'word') continue;
    if (QUERY_WORDS.has(t.upper)) return -1;
    if (t.upper === 'UNION') {
      if (!word(k + 1, 'ALL') || !word(k + 2, 'SELECT')) return -1;
      rows++;
      k += 2;
    }
  }
  return rows;
}

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
    const from = c.i;
    skipRest(c, SELECT_EXEMPT);
    rows = literalSelectRows(c.toks, from, c.i);
    if (rows > 0) chunk = { source: c.source ?? fixedText(c.src), start: start.start, end: prev(c).end, statements: 1, ...(columns ? { columns } : {}), span: spanOf(c, start, prev(c)) };
  }
  if (rows < 0 || table.name.startsWith('#')) {
    const what = table.name.startsWith('#') ? `INSERT into temporary table ${table.name}` : `INSERT into ${table.schema}.${table.name} from a query or procedure`;
    report(s, 'PGS1014', `${what} skipped`, { span: spanOf(c, start, prev(c)) });
    return;
  }
  const insert = { table, ...(columns ? { columns } : {}), rows, span: spanOf(c, start, prev(c)) };
  s.lastRun = addInsertData(s.data, (name) => schemaFor(s, name), insert, chunk, c.src, s.lastRun, prev(c).end);
}
