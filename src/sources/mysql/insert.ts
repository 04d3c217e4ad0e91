import { objectPath, schemaOf } from '../../model/catalog.js';
import { fixedText } from '../../model/source.js';
import { addInsertData } from '../data-runs.js';
import { acceptOp, acceptWord, atEnd, identifier, isIdentifierToken, matchingParen, peek, peekOp, peekWord, spanOf, type Cursor } from './cursor.js';
import { qualifiedName, report, type Session } from './session.js';
import { parseNameList } from './table-parts.js';
import { applySequenceRow, insertTargetSequence } from './sequence-table.js';

/**
 * INSERT [LOW_PRIORITY|DELAYED|HIGH_PRIORITY] [IGNORE] [INTO] tbl [PARTITION (..)] ([(cols)] VALUES (..), (..) ... | SET c = v, ...)
 * Rows are counted, not kept: the copy stage reads data from its own source. INSERT ... SELECT is PGS1014.
 */
export function parseInsert(c: Cursor, s: Session): void {
  c.i++;
  while (acceptWord(c, 'LOW_PRIORITY') || acceptWord(c, 'DELAYED') || acceptWord(c, 'HIGH_PRIORITY') || acceptWord(c, 'IGNORE')) { /* modifiers */ }
  acceptWord(c, 'INTO');
  const table = qualifiedName(c, s, 'table name');
  if (acceptWord(c, 'PARTITION')) parseNameList(c);
  let columns = peekOp(c, '(') && !peekWord(c, 'SELECT', 1) ? parseNameList(c) : undefined;
  // INSERT ... SET a = v, b = w is one row with those columns.
  const set = !columns && acceptWord(c, 'SET') ? setColumns(c) : undefined;
  if (set) columns = set;
  else if (!acceptWord(c, 'VALUES') && !acceptWord(c, 'VALUE')) {
    report(c, s, 'PGS1014', `INSERT INTO ${table.name} without a VALUES list skipped`, 0, c.toks.length - 1, objectPath('data', table));
    c.i = c.limit;
    return;
  }
  let rows = 0;
  if (set) rows = 1;
  else if (c.skimmed && atEnd(c)) rows = c.skimmed.rows;
  else do {
    acceptWord(c, 'ROW');
    const close = peekOp(c, '(') ? matchingParen(c, c.i) : -1;
    if (close < 0) break;
    rows++;
    c.i = close + 1;
  } while (acceptOp(c, ','));
  // trailing AS alias / ON DUPLICATE KEY UPDATE ... do not change which rows are inserted
  if (!atEnd(c) && !peekWord(c, 'ON') && !peekWord(c, 'AS')) {
    report(c, s, 'PGS1014', `INSERT INTO ${table.name}: VALUES list not understood; skipped`, 0, c.toks.length - 1, objectPath('data', table));
    c.i = c.limit;
    return;
  }
  c.i = c.limit;
  // MariaDB's INSERT into a sequence (a dump's SEQUENCE=1 table) sets its state: not data
  const seq = insertTargetSequence(s, table);
  if (seq) return applySequenceRow(c, s, seq, columns);
  // Offsets only: the data phase reads the statement again when it writes the rows (a trailing ON DUPLICATE KEY is ignored there).
  const span = spanOf(c, 0, c.toks.length - 1);
  const chunk = { source: c.source ?? fixedText(c.text), start: c.toks[0]!.start, end: c.end.start, statements: 1, ...(columns ? { columns } : {}), span };
  s.lastRun = addInsertData(s.data, (name) => schemaOf(s.catalog, name), { table, ...(columns ? { columns } : {}), rows, span }, chunk, c.text, s.lastRun, c.end.end, true);
}

/** The columns of `SET a = v, b = w` (the values are skipped to a top-level ',' or the end), or undefined when it is not that form. */
function setColumns(c: Cursor): string[] | undefined {
  const names: string[] = [];
  do {
    if (!isIdentifierToken(peek(c)) || !peekOp(c, '=', 1)) return undefined;
    names.push(identifier(c, 'column name'));
    c.i++;
    for (let depth = 0; !atEnd(c) && !(depth === 0 && (peekOp(c, ',') || peekWord(c, 'ON') || peekWord(c, 'AS'))); c.i++) {
      if (peekOp(c, '(')) depth++;
      else if (peekOp(c, ')')) depth--;
    }
  } while (acceptOp(c, ','));
  return names;
}
