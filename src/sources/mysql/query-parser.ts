import type { Expr } from '../../model/expr.js';
import type {
  Cte, FromItem, JoinSource, Query, Select, SelectItem, SetOperation, TableSource,
} from '../../model/query.js';
import grammar from '../../../grammars/mysql.json' with { type: 'json' };
import {
  MAX_DEPTH, acceptOp, acceptWord, acceptWords, expectWord, fail, failDepth, identifier, isOp,
  matchingParen, peek, peekOp, peekWord, spanOf, textOf, type Cursor,
} from './cursor.js';
import { parseExpr } from './expr-parser.js';
import { parseNameList } from './table-parts.js';
import { parseOrderItems, parseWindowSpec, resolveNamedWindows, resolveOrderWindows } from './query-window.js';

/**
 * MySQL/MariaDB SELECT → the shared Query AST (grammars/mysql.ebnf, "query"). Choices the AST leaves open:
 * - WITH over a set operation: SetOperation has no `with`, so the result is `SELECT * FROM (<setop>) AS _cte_scope`
 *   carrying the CTEs (same rows, same order).
 * - WINDOW w AS (...) is inlined into every OVER w / OVER (w ...) (Select has no named-window list).
 * - STRAIGHT_JOIN / SQL_* / HIGH_PRIORITY modifiers are planner hints with no meaning for results: dropped.
 * - INTO ..., FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE, PROCEDURE go to `unsupported` as written.
 * Throws ParseFailure (cursor.ts) on syntax it does not understand; callers turn that into a diagnostic.
 */

const RESERVED = new Set(grammar.reservedWords);
const IGNORED_MODIFIERS = new Set([
  'HIGH_PRIORITY', 'STRAIGHT_JOIN', 'SQL_SMALL_RESULT', 'SQL_BIG_RESULT', 'SQL_BUFFER_RESULT', 'SQL_CACHE',
  'SQL_NO_CACHE', 'SQL_CALC_FOUND_ROWS',
]);
/** Words that end a select item or a FROM item (used where MySQL allows an alias without AS). */
const CLAUSE_WORDS = new Set(['OFFSET', 'ROWS', 'RETURNING', 'FETCH']);

/** query = [WITH [RECURSIVE] cte {, cte}] set_expr [ORDER BY ...] [LIMIT ...] [locking] */
export function parseQuery(c: Cursor): Query {
  if (++c.depth > MAX_DEPTH) failDepth(c);
  const start = c.i;
  let withClause: Select['with'];
  if (acceptWord(c, 'WITH')) withClause = { ...(acceptWord(c, 'RECURSIVE') ? { recursive: true } : {}), ctes: parseCtes(c) };
  let q = parseSetExpr(c);
  parseQueryTail(c, q);
  if (withClause) q = attachWith(c, start, q, withClause);
  c.depth--;
  return q;
}

/** Parses tokens [from, to) as one complete query; throws ParseFailure when anything is left over. */
export function parseQueryRange(c: Cursor, from: number, to: number): Query {
  const savedLimit = c.limit;
  const depth = c.depth;
  c.limit = to;
  c.i = from;
  try {
    const q = parseQuery(c);
    if (c.i < to) fail(c, 'unexpected text after the query');
    return q;
  } finally {
    c.limit = savedLimit;
    c.depth = depth;
    c.i = Math.max(c.i, to);
  }
}

function parseCtes(c: Cursor): Cte[] {
  const ctes: Cte[] = [];
  do {
    const name = identifier(c, 'CTE name');
    const columns = peekOp(c, '(') ? parseNameList(c) : undefined;
    expectWord(c, 'AS');
    ctes.push({ name, ...(columns ? { columns } : {}), query: parseParenQuery(c) });
  } while (acceptOp(c, ','));
  return ctes;
}

function attachWith(c: Cursor, start: number, q: Query, w: NonNullable<Select['with']>): Query {
  if (q.kind === 'select' && !q.with) { q.with = w; return q; }
  // CTEs scope over the whole set operation: wrap it so the AST can carry them
  return {
    kind: 'select', with: w, columns: [{ expr: { kind: 'star' } }],
    from: [{ kind: 'derived', query: q, alias: '_cte_scope' }], groupBy: [], orderBy: [], span: spanOf(c, start, c.i - 1),
  };
}

/** '(' query ')' */
export function parseParenQuery(c: Cursor): Query {
  const open = c.i;
  if (!peekOp(c, '(')) fail(c, "expected '('");
  const close = matchingParen(c, open);
  if (close < 0) fail(c, 'unbalanced parentheses');
  const q = parseQueryRange(c, open + 1, close);
  c.i = close + 1;
  return q;
}

/** UNION and EXCEPT are left-associative at one level; INTERSECT binds tighter (MariaDB 10.5+, MySQL 8.0.31+). */
function parseSetExpr(c: Cursor): Query {
  const start = c.i;
  let left = parseIntersect(c);
  for (;;) {
    const w = peek(c).value;
    if (peek(c).kind !== 'word' || (w !== 'UNION' && w !== 'EXCEPT')) return left;
    c.i++;
    const all = setQuantifier(c);
    const right = parseIntersect(c);
    left = setop(c, start, w === 'UNION' ? 'union' : 'except', all, left, right);
  }
}

function parseIntersect(c: Cursor): Query {
  const start = c.i;
  let left = parseQueryPrimary(c);
  while (acceptWord(c, 'INTERSECT')) {
    const all = setQuantifier(c);
    left = setop(c, start, 'intersect', all, left, parseQueryPrimary(c));
  }
  return left;
}

function setQuantifier(c: Cursor): boolean {
  if (acceptWord(c, 'ALL')) return true;
  acceptWord(c, 'DISTINCT');
  return false;
}

function setop(c: Cursor, start: number, op: SetOperation['op'], all: boolean, left: Query, right: Query): SetOperation {
  return { kind: 'setop', op, ...(all ? { all: true } : {}), left, right, orderBy: [], span: spanOf(c, start, c.i - 1) };
}

/** A bare SELECT (its ORDER BY / LIMIT belong to the enclosing query level) or a parenthesised query. */
function parseQueryPrimary(c: Cursor): Query {
  if (peekOp(c, '(')) return parseParenQuery(c);
  if (peekWord(c, 'SELECT')) return parseSelect(c);
  if (peekWord(c, 'VALUES') || peekWord(c, 'TABLE')) fail(c, 'VALUES / TABLE statements are not supported in a query');
  return fail(c, 'expected SELECT');
}

/** ORDER BY / LIMIT after the last query primary apply to the whole level (MySQL's rule for unions). */
function parseQueryTail(c: Cursor, q: Query): void {
  const orderBy = acceptWords(c, 'ORDER', 'BY') ? parseOrderItems(c) : undefined;
  const limit = peekWord(c, 'LIMIT') ? parseLimit(c) : undefined;
  const locking = parseLocking(c);
  if (!orderBy && !limit && !locking.length) return;
  if (q.kind === 'select') {
    if ((orderBy && q.orderBy.length) || (limit && q.limit)) fail(c, 'ORDER BY / LIMIT given twice for one query');
  }
  if (orderBy) {
    q.orderBy = orderBy;
    if (q.kind === 'select') resolveOrderWindows(c, q, orderBy);
  }
  if (limit?.limit) q.limit = limit.limit;
  if (limit?.offset) q.offset = limit.offset;
  if (locking.length) {
    const target = leftmostSelect(q);
    target.unsupported = [...(target.unsupported ?? []), ...locking];
  }
}

function leftmostSelect(q: Query): Select {
  return q.kind === 'select' ? q : leftmostSelect(q.left);
}

/** LIMIT n | LIMIT offset, n | LIMIT n OFFSET m */
function parseLimit(c: Cursor): { limit?: Expr; offset?: Expr } {
  expectWord(c, 'LIMIT');
  const first = parseExpr(c);
  if (acceptOp(c, ',')) return { offset: first, limit: parseExpr(c) };
  if (acceptWord(c, 'OFFSET')) return { limit: first, offset: parseExpr(c) };
  if (peekWord(c, 'ROWS') && peekWord(c, 'EXAMINED', 1)) fail(c, 'LIMIT ROWS EXAMINED is not supported');
  return { limit: first };
}

/** FOR UPDATE [OF ...] [NOWAIT | SKIP LOCKED | WAIT n], FOR SHARE, LOCK IN SHARE MODE, INTO ... at the end. */
function parseLocking(c: Cursor): string[] {
  const out: string[] = [];
  for (;;) {
    const start = c.i;
    if (peekWord(c, 'FOR') && (peekWord(c, 'UPDATE', 1) || peekWord(c, 'SHARE', 1))) {
      c.i += 2;
      skipUntilClause(c);
    } else if (acceptWords(c, 'LOCK', 'IN', 'SHARE', 'MODE')) {
      // nothing more to read
    } else if (peekWord(c, 'INTO') || peekWord(c, 'PROCEDURE')) {
      c.i++;
      skipUntilClause(c);
    } else return out;
    out.push(textOf(c, start, c.i - 1));
  }
}

/** Skips to the next top-level clause keyword (used only for clauses kept as text). */
function skipUntilClause(c: Cursor): void {
  const stops = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT', 'FOR', 'LOCK', 'UNION', 'EXCEPT', 'INTERSECT', 'INTO']);
  while (c.i < c.limit) {
    const t = peek(c);
    if (t.kind === 'word' && stops.has(t.value)) return;
    if (isOp(t, '(')) {
      const close = matchingParen(c, c.i);
      if (close < 0) fail(c, 'unbalanced parentheses');
      c.i = close + 1;
    } else if (isOp(t, ')')) return;
    else c.i++;
  }
}

/** SELECT [modifiers] items [INTO] [FROM ...] [WHERE] [GROUP BY [WITH ROLLUP]] [HAVING] [WINDOW] (no ORDER/LIMIT) */
function parseSelect(c: Cursor): Select {
  const start = c.i;
  expectWord(c, 'SELECT');
  const sel: Select = { kind: 'select', columns: [], from: [], groupBy: [], orderBy: [] };
  for (;;) {
    const t = peek(c);
    if (t.kind !== 'word') break;
    if (t.value === 'DISTINCT' || t.value === 'DISTINCTROW') { c.i++; sel.distinct = true; }
    else if (t.value === 'ALL' || IGNORED_MODIFIERS.has(t.value)) c.i++;
    else break;
  }
  do sel.columns.push(parseSelectItem(c)); while (acceptOp(c, ','));
  const unsupported = parseLocking(c).filter((s) => s.toUpperCase().startsWith('INTO'));
  if (acceptWord(c, 'FROM')) {
    if (!acceptWord(c, 'DUAL')) do sel.from.push(parseTableRef(c)); while (acceptOp(c, ','));
  }
  if (acceptWord(c, 'WHERE')) sel.where = parseExpr(c);
  if (acceptWords(c, 'GROUP', 'BY')) {
    do {
      sel.groupBy.push(parseExpr(c));
      // GROUP BY x ASC/DESC was removed in MySQL 8 and never changed grouping
      if (!acceptWord(c, 'ASC')) acceptWord(c, 'DESC');
    } while (acceptOp(c, ','));
    if (acceptWords(c, 'WITH', 'ROLLUP')) sel.grouping = 'rollup';
  }
  if (acceptWord(c, 'HAVING')) sel.having = parseExpr(c);
  if (acceptWord(c, 'WINDOW')) {
    const windows = new Map<string, ReturnType<typeof parseWindowSpec>>();
    do {
      const name = identifier(c, 'window name');
      expectWord(c, 'AS');
      windows.set(name.toLowerCase(), parseWindowSpec(c));
    } while (acceptOp(c, ','));
    resolveNamedWindows(c, sel, windows);
  }
  if (unsupported.length) sel.unsupported = unsupported;
  sel.span = spanOf(c, start, c.i - 1);
  return sel;
}

function parseSelectItem(c: Cursor): SelectItem {
  const expr = parseExpr(c);
  const alias = parseAlias(c, true);
  return alias === undefined ? { expr } : { expr, alias };
}

/** [AS] alias — an identifier, or a 'string' where MySQL allows one (select items). */
function parseAlias(c: Cursor, allowString: boolean): string | undefined {
  const t = peek(c);
  if (t.kind === 'word' && t.value === 'AS') {
    c.i++;
    return identifier(c, 'alias', allowString);
  }
  if (t.kind === 'qid' || (allowString && t.kind === 'str')) { c.i++; return t.value; }
  if (t.kind === 'word' && !RESERVED.has(t.value) && !CLAUSE_WORDS.has(t.value)) {
    c.i++;
    return c.text.slice(t.start, t.end);
  }
  return undefined;
}

/** table_ref = table_factor { join } */
function parseTableRef(c: Cursor): FromItem {
  const start = c.i;
  let left = parseTableFactor(c);
  for (;;) {
    const join = parseJoin(c, start, left);
    if (!join) return left;
    left = join;
  }
}

function parseJoin(c: Cursor, start: number, left: FromItem): JoinSource | undefined {
  const t = peek(c);
  if (t.kind !== 'word') return undefined;
  let natural = false;
  let type: JoinSource['type'];
  if (acceptWord(c, 'NATURAL')) natural = true;
  const w = peek(c).value;
  if (w === 'JOIN' || w === 'INNER' || w === 'CROSS') {
    if (w !== 'JOIN') c.i++;
    expectWord(c, 'JOIN');
    type = w === 'CROSS' ? 'cross' : 'inner';
  } else if (w === 'STRAIGHT_JOIN') {
    c.i++;
    type = 'straight';
  } else if (w === 'LEFT' || w === 'RIGHT') {
    c.i++;
    acceptWord(c, 'OUTER');
    expectWord(c, 'JOIN');
    type = w === 'LEFT' ? 'left' : 'right';
  } else if (natural) {
    return fail(c, 'expected JOIN after NATURAL');
  } else return undefined;
  const right = type === 'left' || type === 'right' ? parseTableRef(c) : parseTableFactor(c);
  const join: JoinSource = { kind: 'join', type, ...(natural ? { natural: true } : {}), left, right };
  if (!natural) {
    if (acceptWord(c, 'ON')) join.on = parseExpr(c);
    else if (acceptWord(c, 'USING')) join.using = parseNameList(c);
    else if (type === 'left' || type === 'right') fail(c, `expected ON or USING after ${type.toUpperCase()} JOIN`);
  }
  // MySQL: JOIN / CROSS JOIN / INNER JOIN are one operator; a condition makes it inner, none makes it cross
  if (type === 'inner' || type === 'cross') join.type = join.on || join.using || natural ? 'inner' : 'cross';
  join.span = spanOf(c, start, c.i - 1);
  return join;
}

/** name [PARTITION (...)] [[AS] alias] [index hints] | [LATERAL] (query) [AS] alias [(cols)] | ( table_refs ) */
function parseTableFactor(c: Cursor): FromItem {
  const start = c.i;
  const lateral = acceptWord(c, 'LATERAL');
  if (peekOp(c, '(')) {
    if (lateral || startsQuery(c)) {
      const query = parseParenQuery(c);
      const alias = parseAlias(c, false);
      if (alias === undefined) fail(c, 'a derived table needs an alias');
      const columns = peekOp(c, '(') ? parseNameList(c) : undefined;
      return {
        kind: 'derived', query, alias, ...(columns ? { columns } : {}), ...(lateral ? { lateral: true } : {}),
        span: spanOf(c, start, c.i - 1),
      };
    }
    const close = matchingParen(c, c.i);
    if (close < 0) fail(c, 'unbalanced parentheses');
    const saved = c.limit;
    c.limit = close;
    c.i++;
    let inner: FromItem;
    try {
      inner = parseTableRef(c);
      // (a, b) inside parentheses is a cross join
      while (acceptOp(c, ',')) inner = { kind: 'join', type: 'cross', left: inner, right: parseTableRef(c) };
      if (c.i < close) fail(c, 'unexpected text in a parenthesised join');
    } finally {
      c.limit = saved;
    }
    c.i = close + 1;
    return inner;
  }
  if (peekWord(c, 'JSON_TABLE')) fail(c, 'JSON_TABLE is not supported');
  const name = [identifier(c, 'table name')];
  while (peekOp(c, '.')) {
    c.i++;
    name.push(identifier(c, 'table name'));
  }
  if (acceptWord(c, 'PARTITION')) parseNameList(c);
  const table: TableSource = { kind: 'table', name };
  const alias = parseAlias(c, false);
  if (alias !== undefined) table.alias = alias;
  const hints = parseIndexHints(c);
  if (hints.length) table.hints = hints;
  table.span = spanOf(c, start, c.i - 1);
  return table;
}

/** True when the '(' at the cursor opens a query (possibly behind more parentheses) rather than a join. */
function startsQuery(c: Cursor): boolean {
  let k = 0;
  while (peekOp(c, '(', k)) k++;
  return peekWord(c, 'SELECT', k) || peekWord(c, 'WITH', k) || peekWord(c, 'VALUES', k);
}

/** {USE|IGNORE|FORCE} {INDEX|KEY} [FOR {JOIN|ORDER BY|GROUP BY}] (names) — kept as written. */
function parseIndexHints(c: Cursor): string[] {
  const hints: string[] = [];
  for (;;) {
    const w = peek(c).value;
    if (peek(c).kind !== 'word' || (w !== 'USE' && w !== 'IGNORE' && w !== 'FORCE')) return hints;
    const start = c.i;
    c.i++;
    if (!acceptWord(c, 'INDEX') && !acceptWord(c, 'KEY')) fail(c, 'expected INDEX or KEY');
    if (acceptWord(c, 'FOR')) {
      if (!acceptWord(c, 'JOIN')) {
        if (!acceptWord(c, 'ORDER')) expectWord(c, 'GROUP');
        expectWord(c, 'BY');
      }
    }
    const open = c.i;
    const close = peekOp(c, '(') ? matchingParen(c, open) : -1;
    if (close < 0) fail(c, "expected '(' with index names");
    c.i = close + 1;
    hints.push(textOf(c, start, c.i - 1));
    const n = peek(c, 1).value;
    if (peekOp(c, ',') && (n === 'USE' || n === 'IGNORE' || n === 'FORCE')) c.i++;
  }
}
