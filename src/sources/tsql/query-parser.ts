import type { Diagnostic } from '../../model/diagnostics.js';
import type { Expr } from '../../model/expr.js';
import type { FromItem, OrderItem, Query, Select, SelectItem } from '../../model/query.js';
import type { Token } from './lexer.js';
import grammar from '../../../grammars/tsql.json' with { type: 'json' };
import { lexAll } from './lexer.js';
import {
  type Cursor, type TsqlSyntaxError, acceptOp, acceptWord, acceptWords, atEnd, enter, expectIdent, expectOp, expectWord,
  isOp, isSyntaxError, isWord, leave, next, peek, prev, spanOf, syntaxError, textOf,
} from './cursor.js';
import { parseExpr } from './expr-parser.js';
import { parseFromList } from './from-parser.js';
import { parseOrderItems } from './window-parser.js';

/**
 * T-SQL SELECT → the shared Query AST (grammars/tsql.ebnf, "query"). Choices the AST leaves open:
 * - WITH over a set operation: SetOperation has no `with`, so the result is `SELECT * FROM (<setop>) AS _cte_scope`
 *   carrying the CTEs and the set operation's ORDER BY/OFFSET/FETCH (same rows, same order; as the MySQL parser does).
 * - A CTE that names itself in its own FROM makes the WITH `recursive` (T-SQL has no RECURSIVE keyword).
 * - TOP (n) keeps n without the parentheses.
 * - INTO, FOR XML/JSON/BROWSE and OPTION (...) go to the leftmost SELECT's `unsupported`, as written.
 * Throws a TsqlSyntaxError on syntax it does not understand; parseTsqlQuery/parseQueryAt turn that into PGS1001.
 */

const RESERVED = new Set(grammar.reservedWords);
/** Clause words T-SQL does not reserve but that cannot be a bare alias. */
const NOT_ALIAS = new Set(['OFFSET', 'WINDOW']);

/** Cursors parsing a whole query: a subquery that fails fails the query instead of falling back to text. */
const strictCursors = new WeakSet<Cursor>();

export function canBeAlias(t: Token): boolean {
  return t.kind === 'ident' || (t.kind === 'word' && !RESERVED.has(t.upper) && !NOT_ALIAS.has(t.upper));
}

/** '(' ... at offset k opens a query: SELECT or WITH after any number of '('. */
export function isQueryStart(c: Cursor, k: number): boolean {
  let j = k;
  while (isOp(peek(c, j), '(')) j++;
  return isWord(peek(c, j), 'SELECT') || (isWord(peek(c, j), 'WITH') && j === k);
}

/**
 * Run `parse` for an optional AST (a subquery's `select`, a window spec): outside a strict query parse a syntax error
 * rewinds the cursor and gives undefined, so CHECK/DEFAULT expressions keep their old text-only behaviour.
 */
export function tolerant<T>(c: Cursor, parse: () => T): T | undefined {
  const at = c.i;
  try {
    return parse();
  } catch (err) {
    if (strictCursors.has(c) || !isSyntaxError(err) || err.tooDeep) throw err;
    c.i = at;
    return undefined;
  }
}

/** '(' query ')' */
export function parseParenQuery(c: Cursor): Query {
  expectOp(c, '(');
  const q = parseQuery(c);
  expectOp(c, ')');
  return q;
}

/** query := [WITH cte {',' cte}] query_expr [ORDER BY order_items [OFFSET expr ROW[S] [FETCH (NEXT|FIRST) expr ROW[S] ONLY]]] [FOR ...] [OPTION (...)] */
export function parseQuery(c: Cursor): Query {
  enter(c);
  try {
    const start = c.i;
    const ctes = acceptWord(c, 'WITH') ? parseCtes(c) : undefined;
    let q = parseUnionLevel(c);
    const tail = parseQueryTail(c);
    if (ctes) q = attachWith(c, start, q, ctes, tail);
    else applyTail(c, q, tail);
    return q;
  } finally {
    leave(c);
  }
}

interface QueryTail {
  orderBy?: OrderItem[];
  offset?: Expr;
  fetch?: { count: Expr };
  unsupported: string[];
}

function parseQueryTail(c: Cursor): QueryTail {
  const tail: QueryTail = { unsupported: [] };
  if (acceptWords(c, 'ORDER', 'BY')) {
    tail.orderBy = parseOrderItems(c);
    if (acceptWord(c, 'OFFSET')) {
      tail.offset = parseExpr(c);
      if (!acceptWord(c, 'ROWS')) expectWord(c, 'ROW');
      if (acceptWord(c, 'FETCH')) {
        if (!acceptWord(c, 'NEXT')) expectWord(c, 'FIRST');
        const count = parseExpr(c);
        if (!acceptWord(c, 'ROWS')) expectWord(c, 'ROW');
        expectWord(c, 'ONLY');
        tail.fetch = { count };
      }
    }
  }
  if (isWord(peek(c), 'FOR') && ['XML', 'JSON', 'BROWSE'].includes(peek(c, 1).upper)) tail.unsupported.push(skipClause(c));
  if (isWord(peek(c), 'OPTION') && isOp(peek(c, 1), '(')) tail.unsupported.push(skipClause(c));
  return tail;
}

/** Tokens to the end of the query (depth-0 ')', ';', OPTION, end of batch), as written. */
function skipClause(c: Cursor): string {
  const from = next(c);
  let depth = 0;
  for (;;) {
    const t = peek(c);
    if (atEnd(t) || isOp(t, ';') || (depth === 0 && (isOp(t, ')') || isWord(t, 'OPTION') || isWord(t, 'WITH') && isWord(peek(c, 1), 'CHECK')))) break;
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth--;
    c.i++;
  }
  return textOf(c, from, prev(c)).replace(/\s+/g, ' ');
}

function applyTail(c: Cursor, q: Query, tail: QueryTail): void {
  if (tail.orderBy) {
    if (q.orderBy.length || q.offset || q.fetch) throw syntaxError(c, 'ORDER BY given twice for one query');
    q.orderBy = tail.orderBy;
    if (tail.offset) q.offset = tail.offset;
    if (tail.fetch) q.fetch = tail.fetch;
  }
  if (tail.unsupported.length) {
    const target = leftmostSelect(q);
    target.unsupported = [...(target.unsupported ?? []), ...tail.unsupported];
  }
}

function leftmostSelect(q: Query): Select {
  return q.kind === 'select' ? q : leftmostSelect(q.left);
}

function attachWith(c: Cursor, start: number, q: Query, ctes: Cte[], tail: QueryTail): Query {
  const w = { ...(ctes.some(isSelfReferencing) ? { recursive: true } : {}), ctes };
  if (q.kind === 'select' && !q.with) {
    q.with = w;
    applyTail(c, q, tail);
    return q;
  }
  // CTEs scope over the whole set operation: wrap it so the AST can carry them
  const outer: Select = {
    kind: 'select', with: w, columns: [{ expr: { kind: 'star' } }],
    from: [{ kind: 'derived', query: q, alias: '_cte_scope' }], groupBy: [], orderBy: [], span: spanOf(c, c.toks[start]!, prev(c)),
  };
  applyTail(c, outer, tail);
  return outer;
}

type Cte = NonNullable<Select['with']>['ctes'][number];

/** cte := name ['(' col {',' col} ')'] AS '(' query ')' */
function parseCtes(c: Cursor): Cte[] {
  const ctes: Cte[] = [];
  do {
    const name = expectIdent(c, 'CTE name');
    let columns: string[] | undefined;
    if (acceptOp(c, '(')) {
      columns = [expectIdent(c, 'column name')];
      while (acceptOp(c, ',')) columns.push(expectIdent(c, 'column name'));
      expectOp(c, ')');
    }
    expectWord(c, 'AS');
    const query = parseParenQuery(c);
    ctes.push({ name, ...(columns ? { columns } : {}), query });
  } while (acceptOp(c, ','));
  return ctes;
}

function isSelfReferencing(cte: Cte): boolean {
  const me = cte.name.toLowerCase();
  const inFrom = (f: FromItem): boolean => {
    switch (f.kind) {
      case 'table': return f.name.length === 1 && f.name[0]!.toLowerCase() === me;
      case 'join': return inFrom(f.left) || inFrom(f.right);
      case 'derived': return inQuery(f.query);
      case 'function': case 'values': return false;
      case 'pivot': case 'unpivot': return inFrom(f.source);
      default: { const never: never = f; return never; }
    }
  };
  const inQuery = (q: Query): boolean => (q.kind === 'select' ? q.from.some(inFrom) : inQuery(q.left) || inQuery(q.right));
  return inQuery(cte.query);
}

/** query_expr := intersect_term {(UNION [ALL] | EXCEPT) intersect_term} — INTERSECT binds tighter (T-SQL precedence). */
function parseUnionLevel(c: Cursor): Query {
  let left = parseIntersectLevel(c);
  for (;;) {
    const t = peek(c);
    if (!isWord(t, 'UNION') && !isWord(t, 'EXCEPT')) return left;
    c.i++;
    const all = isWord(t, 'UNION') && acceptWord(c, 'ALL');
    const right = parseIntersectLevel(c);
    left = {
      kind: 'setop', op: isWord(t, 'UNION') ? 'union' : 'except', ...(all ? { all } : {}), left, right, orderBy: [],
      span: joinSpans(left, right),
    };
  }
}

function parseIntersectLevel(c: Cursor): Query {
  let left = parseQueryPrimary(c);
  while (acceptWord(c, 'INTERSECT')) {
    const right = parseQueryPrimary(c);
    left = { kind: 'setop', op: 'intersect', left, right, orderBy: [], span: joinSpans(left, right) };
  }
  return left;
}

function parseQueryPrimary(c: Cursor): Query {
  if (isOp(peek(c), '(')) return parseParenQuery(c);
  return parseSelectCore(c);
}

/**
 * select_core := SELECT [ALL | DISTINCT] [TOP ('(' expr ')' | number | variable) [PERCENT] [WITH TIES]] select_item {',' select_item}
 *   [INTO name] [FROM from] [WHERE expr] [GROUP BY group_by] [HAVING expr]
 */
function parseSelectCore(c: Cursor): Select {
  const start = expectWord(c, 'SELECT');
  const sel: Select = { kind: 'select', columns: [], from: [], groupBy: [], orderBy: [] };
  if (acceptWord(c, 'DISTINCT')) sel.distinct = true;
  else acceptWord(c, 'ALL');
  if (acceptWord(c, 'TOP')) sel.top = parseTop(c);
  do sel.columns.push(parseSelectItem(c)); while (acceptOp(c, ','));
  if (isWord(peek(c), 'INTO')) {
    const from = next(c);
    expectIdent(c, 'table name');
    while (acceptOp(c, '.')) if (!isOp(peek(c), '.')) expectIdent(c, 'table name');
    sel.unsupported = [textOf(c, from, prev(c))];
  }
  if (acceptWord(c, 'FROM')) sel.from = parseFromList(c);
  if (acceptWord(c, 'WHERE')) sel.where = parseExpr(c);
  if (acceptWords(c, 'GROUP', 'BY')) parseGroupBy(c, sel);
  if (acceptWord(c, 'HAVING')) sel.having = parseExpr(c);
  sel.span = spanOf(c, start, prev(c));
  return sel;
}

function parseTop(c: Cursor): NonNullable<Select['top']> {
  let count: Expr;
  if (isOp(peek(c), '(')) {
    c.i++;
    count = parseExpr(c);
    expectOp(c, ')');
  } else {
    const t = next(c);
    if (t.kind === 'number') count = { kind: 'number', value: t.value, span: spanOf(c, t) };
    else if (t.kind === 'variable') count = { kind: 'variable', name: t.value, span: spanOf(c, t) };
    else throw syntaxError(c, 'expected a TOP count', t);
  }
  const percent = acceptWord(c, 'PERCENT');
  const withTies = acceptWords(c, 'WITH', 'TIES');
  return { count, ...(percent ? { percent } : {}), ...(withTies ? { withTies } : {}) };
}

/** select_item := '*' | name '.' '*' | alias '=' expr | expr [[AS] alias] — an alias may be a 'string'. */
function parseSelectItem(c: Cursor): SelectItem {
  const t = peek(c);
  if (isOp(peek(c, 1), '=') && (canBeAlias(t) || t.kind === 'string')) {
    c.i += 2;
    return { expr: parseExpr(c), alias: t.value };
  }
  if (t.kind === 'variable' && (isOp(peek(c, 1), '=') || /^[-+*/%&|^]=$/.test(peek(c, 1).value))) {
    throw syntaxError(c, 'variable assignment in a SELECT is not a query');
  }
  const expr = parseExpr(c);
  if (acceptWord(c, 'AS')) {
    const a = next(c);
    if (a.kind !== 'ident' && a.kind !== 'word' && a.kind !== 'string') throw syntaxError(c, 'expected an alias', a);
    return { expr, alias: a.value };
  }
  const a = peek(c);
  if (canBeAlias(a) || a.kind === 'string') { c.i++; return { expr, alias: a.value }; }
  return { expr };
}

/** group_by := [ALL] (ROLLUP '(' exprs ')' | CUBE '(' exprs ')' | expr {',' expr} [WITH (ROLLUP | CUBE)]) */
function parseGroupBy(c: Cursor, sel: Select): void {
  if (isWord(peek(c), 'ALL')) throw syntaxError(c, 'GROUP BY ALL is not supported');
  const kindWord = peek(c);
  if ((isWord(kindWord, 'ROLLUP') || isWord(kindWord, 'CUBE')) && isOp(peek(c, 1), '(')) {
    c.i += 2;
    do sel.groupBy.push(parseExpr(c)); while (acceptOp(c, ','));
    expectOp(c, ')');
    sel.grouping = isWord(kindWord, 'ROLLUP') ? 'rollup' : 'cube';
    if (isOp(peek(c), ',')) throw syntaxError(c, 'ROLLUP/CUBE mixed with plain grouping columns is not supported');
    return;
  }
  if (isWord(kindWord, 'GROUPING') && isWord(peek(c, 1), 'SETS')) throw syntaxError(c, 'GROUPING SETS is not supported');
  do {
    const t = peek(c);
    if ((isWord(t, 'ROLLUP') || isWord(t, 'CUBE') || isWord(t, 'GROUPING')) && (isOp(peek(c, 1), '(') || isWord(peek(c, 1), 'SETS'))) {
      throw syntaxError(c, 'ROLLUP/CUBE mixed with plain grouping columns is not supported');
    }
    sel.groupBy.push(parseExpr(c));
  } while (acceptOp(c, ','));
  if (acceptWords(c, 'WITH', 'ROLLUP')) sel.grouping = 'rollup';
  else if (acceptWords(c, 'WITH', 'CUBE')) sel.grouping = 'cube';
}

function joinSpans(a: Query, b: Query): Query['span'] {
  if (!a.span || !b.span) return a.span ?? b.span;
  return { file: a.span.file, line: a.span.line, col: a.span.col, endLine: b.span.endLine, endCol: b.span.endCol };
}

/** Outcome of parsing one whole query: the AST, or the error with the token it stopped at. */
/** `rest`: where the next statement starts when the query ended at ';' before more statements of the batch. */
export type QueryParse = { query: Query; rest?: number; error?: undefined } | { query?: undefined; rest?: undefined; error: TsqlSyntaxError };

const STATEMENT_STARTS = new Set(grammar.statementStarts);

/**
 * Parse the query that starts at token index `from` and must run to the end of the batch (a view body: trailing ';'
 * and WITH CHECK OPTION allowed). The cursor is left where it was; nested subqueries must parse too.
 */
export function parseQueryAt(c: Cursor, from: number): QueryParse {
  const saved = c.i, savedDepth = c.depth;
  c.i = from;
  strictCursors.add(c);
  try {
    const query = parseQuery(c);
    acceptWords(c, 'WITH', 'CHECK', 'OPTION');
    let ended = false;
    while (acceptOp(c, ';')) ended = true;
    // Exports split by ';' (DBeaver, Liquibase) write no GO after a view: its query ends at the ';'.
    if (!atEnd(peek(c)) && ended && peek(c).kind === 'word' && STATEMENT_STARTS.has(peek(c).upper)) return { query, rest: c.i };
    if (!atEnd(peek(c))) throw syntaxError(c, 'unexpected text after the query');
    return { query };
  } catch (err) {
    if (!isSyntaxError(err)) throw err;
    return { error: err };
  } finally {
    strictCursors.delete(c);
    c.i = saved;
    c.depth = savedDepth;
  }
}

/** Parse a standalone T-SQL query text; never throws: failures give `query` undefined and a PGS1001 at the exact token. */
export function parseTsqlQuery(text: string, file = '<query>', line = 1, col = 1): { query?: Query; diagnostics: Diagnostic[] } {
  const { tokens, diagnostics } = lexAll(text, file, line, col);
  const c: Cursor = { src: text, file, toks: tokens, i: 0, depth: 0 };
  const r = parseQueryAt(c, 0);
  if (r.query) return { query: r.query, diagnostics };
  diagnostics.push(queryDiagnostic(c, r.error));
  return { diagnostics };
}

export function queryDiagnostic(c: Cursor, err: TsqlSyntaxError, object?: string): Diagnostic {
  return {
    code: err.tooDeep ? 'PGS1005' : 'PGS1001', severity: 'error', message: `query not parsed: ${err.message}`,
    span: spanOf(c, err.token), ...(object ? { object } : {}),
  };
}
