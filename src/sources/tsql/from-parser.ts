import type { Call, Expr } from '../../model/expr.js';
import type { FromItem, JoinSource, JoinType } from '../../model/query.js';
import type { Token } from './lexer.js';
import {
  type Cursor, acceptOp, acceptWord, acceptWords, expectIdent, expectOp, expectWord, isIdent, isOp, isSyntaxError, isWord,
  next, parseMultipartName, peek, prev, spanOf, syntaxError, textOf,
} from './cursor.js';
import { parseExpr } from './expr-parser.js';
import { canBeAlias, isQueryStart, parseQuery } from './query-parser.js';

/** Legacy `FROM t (NOLOCK)` is told from a table-valued call by its first word being a table hint. */
const TABLE_HINTS = new Set([
  'NOLOCK', 'READUNCOMMITTED', 'READCOMMITTED', 'READCOMMITTEDLOCK', 'REPEATABLEREAD', 'SERIALIZABLE', 'SNAPSHOT',
  'UPDLOCK', 'XLOCK', 'TABLOCK', 'TABLOCKX', 'PAGLOCK', 'ROWLOCK', 'NOWAIT', 'READPAST', 'HOLDLOCK', 'NOEXPAND', 'INDEX',
  'FORCESEEK', 'FORCESCAN', 'KEEPIDENTITY', 'KEEPDEFAULTS', 'IGNORE_CONSTRAINTS', 'IGNORE_TRIGGERS', 'SPATIAL_WINDOW_MAX_CELLS',
]);

/** from := table_source {',' table_source} */
export function parseFromList(c: Cursor): FromItem[] {
  const items = [parseTableSource(c)];
  while (acceptOp(c, ',')) items.push(parseTableSource(c));
  return items;
}

/** table_source := table_primary {join_tail} */
function parseTableSource(c: Cursor): FromItem {
  let left = parseTablePrimary(c);
  while ((isWord(peek(c), 'PIVOT') || isWord(peek(c), 'UNPIVOT')) && isOp(peek(c, 1), '(')) left = isWord(peek(c), 'PIVOT') ? parsePivot(c, left) : parseUnpivot(c, left);
  while (joinStart(c)) left = parseJoinTail(c, left);
  return left;
}

/** unpivot := UNPIVOT '(' value FOR name IN '(' column {',' column} ')' ')' [AS] alias */
function parseUnpivot(c: Cursor, source: FromItem): FromItem {
  const start = peek(c);
  c.i++;
  expectOp(c, '(');
  const value = expectIdent(c, 'value column');
  expectWord(c, 'FOR');
  const name = expectIdent(c, 'name column');
  const { names: columns, alias } = parseInListAndAlias(c, 'UNPIVOT');
  return { kind: 'unpivot', source, value, name, columns, alias, span: spanOf(c, start, prev(c)) };
}

/** pivot := PIVOT '(' aggregate '(' value ')' FOR column IN '(' name {',' name} ')' ')' [AS] alias */
function parsePivot(c: Cursor, source: FromItem): FromItem {
  const start = peek(c);
  c.i++;
  expectOp(c, '(');
  const aggregate = parseExpr(c);
  if (aggregate.kind !== 'call' || aggregate.args.length !== 1) throw syntaxError(c, 'expected an aggregate of one column in PIVOT');
  expectWord(c, 'FOR');
  const column: Expr = { kind: 'column', parts: parseMultipartName(c) };
  const { names: values, alias } = parseInListAndAlias(c, 'PIVOT');
  return { kind: 'pivot', source, aggregate, column, values, alias, span: spanOf(c, start, prev(c)) };
}

/** The end of PIVOT and UNPIVOT: IN '(' name {',' name} ')' ')' [AS] alias (the alias is required). */
function parseInListAndAlias(c: Cursor, what: string): { names: string[]; alias: string } {
  expectWord(c, 'IN');
  expectOp(c, '(');
  const names = [expectIdent(c, 'name')];
  while (acceptOp(c, ',')) names.push(expectIdent(c, 'name'));
  expectOp(c, ')');
  expectOp(c, ')');
  const alias = parseAlias(c);
  if (alias === undefined) throw syntaxError(c, `${what} needs an alias`);
  return { names, alias };
}

function joinStart(c: Cursor): boolean {
  const t = peek(c);
  if (t.kind !== 'word') return false;
  switch (t.upper) {
    case 'JOIN': case 'INNER': case 'LEFT': case 'RIGHT': case 'FULL': return true;
    case 'CROSS': return isWord(peek(c, 1), 'JOIN') || isWord(peek(c, 1), 'APPLY');
    case 'OUTER': return isWord(peek(c, 1), 'APPLY');
    default: return false;
  }
}

/**
 * join_tail := [INNER | (LEFT|RIGHT|FULL) [OUTER]] JOIN table_primary {join_tail} ON expr
 *            | CROSS JOIN table_primary | (CROSS|OUTER) APPLY table_primary
 * The {join_tail} before ON is T-SQL's nested form: a JOIN b JOIN c ON b.x = c.x ON a.y = b.y.
 */
function parseJoinTail(c: Cursor, left: FromItem): JoinSource {
  const start = peek(c);
  let type: JoinType;
  if (acceptWords(c, 'CROSS', 'JOIN')) type = 'cross';
  else if (acceptWords(c, 'CROSS', 'APPLY')) type = 'cross apply';
  else if (acceptWords(c, 'OUTER', 'APPLY')) type = 'outer apply';
  else {
    const w = next(c).upper;
    type = w === 'LEFT' ? 'left' : w === 'RIGHT' ? 'right' : w === 'FULL' ? 'full' : 'inner';
    if (w !== 'JOIN') {
      if (type !== 'inner') acceptWord(c, 'OUTER');
      if (['HASH', 'LOOP', 'MERGE', 'REMOTE'].includes(peek(c).upper)) throw syntaxError(c, 'join hints are not supported');
      expectWord(c, 'JOIN');
    }
  }
  let right = parseTablePrimary(c);
  if (type === 'cross' || type === 'cross apply' || type === 'outer apply') {
    return { kind: 'join', type, left, right, span: spanOf(c, start, prev(c)) };
  }
  while (joinStart(c)) right = parseJoinTail(c, right);
  expectWord(c, 'ON');
  const on = parseExpr(c);
  return { kind: 'join', type, left, right, on, span: spanOf(c, start, prev(c)) };
}

/**
 * table_primary := multipart_name [alias] [hints] | multipart_name '(' args ')' [alias ['(' cols ')']]
 *   | '(' query ')' alias ['(' cols ')'] | '(' VALUES row {',' row} ')' alias ['(' cols ')'] | '(' table_source ')'
 */
function parseTablePrimary(c: Cursor): FromItem {
  const start = peek(c);
  if (isOp(start, '(')) return parseParenSource(c, start);
  if (start.kind === 'variable') throw syntaxError(c, 'table variables are not supported in a query');
  if (!isIdent(start) || (start.kind === 'word' && !canBeAlias(start) && !isOp(peek(c, 1), '.') && !isOp(peek(c, 1), '(')) || isWord(start, 'OPENJSON')) {
    throw syntaxError(c, 'expected a table');
  }
  const name = parseMultipartName(c);
  if (isOp(peek(c), '(') && !isLegacyHints(c)) {
    const call = parseCallArgs(c, name, start);
    const alias = parseAlias(c);
    const columns = alias !== undefined ? parseColumnList(c) : undefined;
    return { kind: 'function', call, ...(alias !== undefined ? { alias } : {}), ...(columns ? { columns } : {}), span: spanOf(c, start, prev(c)) };
  }
  if (isWord(peek(c), 'TABLESAMPLE') || isWord(peek(c), 'FOR') && isWord(peek(c, 1), 'SYSTEM_TIME')) {
    throw syntaxError(c, `${peek(c).value} is not supported`);
  }
  let hints = isLegacyHints(c) ? parseHintList(c) : undefined;
  const alias = parseAlias(c);
  if (isWord(peek(c), 'WITH') && isOp(peek(c, 1), '(')) { c.i++; hints = [...(hints ?? []), ...parseHintList(c)]; }
  else if (isLegacyHints(c)) hints = [...(hints ?? []), ...parseHintList(c)];
  return {
    kind: 'table', name, ...(alias !== undefined ? { alias } : {}), ...(hints ? { hints } : {}), span: spanOf(c, start, prev(c)),
  };
}

function isLegacyHints(c: Cursor): boolean {
  const t = peek(c, 1);
  return isOp(peek(c), '(') && t.kind === 'word' && TABLE_HINTS.has(t.upper) && (isOp(peek(c, 2), ')') || isOp(peek(c, 2), ',') || isOp(peek(c, 2), '(') || isOp(peek(c, 2), '='));
}

/** '(' hint {',' hint} ')', each hint as written (NOLOCK, INDEX(ix), INDEX = ix). */
function parseHintList(c: Cursor): string[] {
  expectOp(c, '(');
  const hints: string[] = [];
  do {
    const from = peek(c);
    if (from.kind !== 'word') throw syntaxError(c, 'expected a table hint');
    c.i++;
    if (acceptOp(c, '=')) next(c);
    else if (isOp(peek(c), '(')) {
      c.i++;
      let depth = 1;
      while (depth > 0) {
        const t = next(c);
        if (t.kind === 'eof' || t.kind === 'go') throw syntaxError(c, "expected ')'", t);
        if (isOp(t, '(')) depth++;
        else if (isOp(t, ')')) depth--;
      }
    }
    hints.push(textOf(c, from, prev(c)));
  } while (acceptOp(c, ','));
  expectOp(c, ')');
  return hints;
}

function parseParenSource(c: Cursor, start: Token): FromItem {
  if (isWord(peek(c, 1), 'VALUES')) {
    c.i += 2;
    const rows: Expr[][] = [];
    do {
      expectOp(c, '(');
      const row = [parseExpr(c)];
      while (acceptOp(c, ',')) row.push(parseExpr(c));
      expectOp(c, ')');
      rows.push(row);
    } while (acceptOp(c, ','));
    expectOp(c, ')');
    const alias = parseAlias(c);
    const columns = parseColumnList(c);
    return { kind: 'values', rows, ...(alias !== undefined ? { alias } : {}), ...(columns ? { columns } : {}), span: spanOf(c, start, prev(c)) };
  }
  if (isQueryStart(c, 1)) {
    const at = c.i;
    try {
      return parseDerived(c, start);
    } catch (err) {
      // '((SELECT ...) a JOIN b ON ...)': a parenthesised join that starts with a derived table; one retry only.
      if (!isSyntaxError(err) || err.tooDeep || !isOp(c.toks[at + 1]!, '(')) throw err;
      c.i = at;
    }
  }
  c.i++;
  const inner = parseTableSource(c);
  expectOp(c, ')');
  return inner;
}

function parseDerived(c: Cursor, start: Token): FromItem {
  expectOp(c, '(');
  const query = parseQuery(c);
  expectOp(c, ')');
  const alias = parseAlias(c);
  if (alias === undefined) throw syntaxError(c, 'a derived table needs an alias');
  const columns = parseColumnList(c);
  return { kind: 'derived', query, alias, ...(columns ? { columns } : {}), span: spanOf(c, start, prev(c)) };
}

function parseCallArgs(c: Cursor, name: string[], start: Token): Call {
  expectOp(c, '(');
  const args: Expr[] = [];
  if (!isOp(peek(c), ')')) {
    do args.push(parseExpr(c)); while (acceptOp(c, ','));
  }
  expectOp(c, ')');
  return { kind: 'call', name, args, span: spanOf(c, start, prev(c)) };
}

/** [AS] alias — a bare word counts only when it is not a keyword that can follow a table. */
function parseAlias(c: Cursor): string | undefined {
  if (acceptWord(c, 'AS')) return expectIdent(c, 'alias');
  const t = peek(c);
  if (t.kind === 'ident' || (t.kind === 'word' && canBeAlias(t) && !joinStart(c))) { c.i++; return t.value; }
  return undefined;
}

function parseColumnList(c: Cursor): string[] | undefined {
  if (!isOp(peek(c), '(')) return undefined;
  c.i++;
  const cols = [expectIdent(c, 'column name')];
  while (acceptOp(c, ',')) cols.push(expectIdent(c, 'column name'));
  expectOp(c, ')');
  return cols;
}
