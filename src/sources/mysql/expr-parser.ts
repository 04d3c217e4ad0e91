import { diag, type Diagnostic } from '../../model/diagnostics.js';
import type { Expr } from '../../model/expr.js';
import { extend } from '../../model/objects.js';
import type { Query } from '../../model/query.js';
import type { SourceSpan } from '../../model/source.js';
import { dataType } from '../../model/types.js';
import grammar from '../../../grammars/mysql.json' with { type: 'json' };
import {
  MAX_DEPTH, acceptOp, acceptWord, advance, expectOp, expectWord, fail, failDepth, identifier, isIdentifierToken, isParseFailure, isWord, matchingParen,
  peek, peekOp, peekWord, raw, spanOf, textOf, type Cursor,
} from './cursor.js';
import { parseDataType } from './data-type.js';
import { createLexer, offsetSpan, type Token } from './lexer.js';
import { parseQueryRange } from './query-parser.js';
import { parseOrderItems, parseOver } from './query-window.js';
import { parseSpecialCall, rowItems, rowComparison } from './expr-special.js';

const BINARY_OPS: Record<string, { prec: number; op: string }> = grammar.binaryOperators;
const PREC = grammar.precedence;
const NILADIC = new Set(grammar.niladicFunctions);
const RESERVED = new Set(grammar.reservedWords);
const INTERVAL_UNITS = new Set(grammar.intervalUnits);

/** Attach the span of tokens [start, c.i - 1] to a node. */
function at<T extends Expr>(c: Cursor, start: number, node: T): T {
  node.span = spanOf(c, start, c.i - 1);
  return node;
}

/**
 * The span `at` attaches, for nodes written with it in their literal: a field added to a literal later costs a second
 * object (V8 property array), and column defaults (literals, NULL, CURRENT_TIMESTAMP) are kept for every column.
 */
function spanHere(c: Cursor, start: number): SourceSpan {
  return spanOf(c, start, c.i - 1);
}

function opaqueOf(c: Cursor, from: number, to: number, reason: string): Expr {
  return { kind: 'opaque', text: textOf(c, from, to), reason, span: spanOf(c, from, to) };
}

function binaryOpOf(t: Token): { prec: number; op: string } | undefined {
  if (t.kind === 'op' || t.kind === 'word') return BINARY_OPS[t.value];
  return undefined;
}

/** expr with operators binding tighter than `minPrec` (grammars/mysql.json precedence; higher binds tighter). */
export function parseExpr(c: Cursor, minPrec = 0): Expr {
  if (++c.depth > MAX_DEPTH) failDepth(c);
  const start = c.i;
  let left = parseUnary(c);
  for (;;) {
    const t = peek(c);
    if (c.i >= c.limit) break;
    const bin = binaryOpOf(t);
    if (bin) {
      if (bin.prec <= minPrec) break;
      c.i++;
      // := is right-associative; everything else is left-associative
      const right = (COMPARISONS.has(bin.op) && parseQuantified(c)) || parseExpr(c, bin.op === ':=' ? bin.prec - 1 : bin.prec);
      left = rowComparison(bin.op, left, right) ?? { kind: 'binary', op: bin.op, left, right };
      left = at(c, start, left);
      continue;
    }
    if (t.kind !== 'word') break;
    if (t.value === 'COLLATE') {
      if (PREC.collate <= minPrec) break;
      c.i++;
      const name = advance(c);
      const value = name.kind === 'word' ? c.text.slice(name.start, name.end) : name.value;
      // the shared AST carries COLLATE on the node itself
      left = at(c, start, extend(left, { collate: value }));
      continue;
    }
    if (PREC.comparison <= minPrec) break;
    const next = postfixComparison(c, left, start);
    if (!next) break;
    left = next;
  }
  c.depth--;
  return left;
}

/** IS, [NOT] IN / LIKE / REGEXP / BETWEEN, SOUNDS LIKE, MEMBER OF; undefined when the next token is none of them. */
function postfixComparison(c: Cursor, left: Expr, start: number): Expr | undefined {
  const t = peek(c);
  if (t.value === 'IS') {
    c.i++;
    const not = acceptWord(c, 'NOT');
    if (acceptWord(c, 'NULL') || acceptWord(c, 'UNKNOWN')) return at(c, start, { kind: 'isnull', expr: left, not });
    const b = advance(c);
    if (!isWord(b, 'TRUE') && !isWord(b, 'FALSE')) fail(c, 'expected NULL, TRUE, FALSE or UNKNOWN after IS');
    return at(c, start, { kind: 'binary', op: not ? 'is not' : 'is', left, right: { kind: 'bool', value: b.value === 'TRUE' } });
  }
  if (t.value === 'SOUNDS' && peekWord(c, 'LIKE', 1)) {
    c.i += 2;
    return at(c, start, { kind: 'binary', op: 'sounds like', left, right: parseExpr(c, PREC.comparison) });
  }
  if (t.value === 'MEMBER' && peekWord(c, 'OF', 1)) {
    c.i += 2;
    return at(c, start, { kind: 'binary', op: 'member of', left, right: parseExpr(c, PREC.comparison) });
  }
  const notFirst = t.value === 'NOT';
  const w = notFirst ? peek(c, 1) : t;
  if (w.kind !== 'word') return undefined;
  switch (w.value) {
    case 'IN': {
      c.i += notFirst ? 2 : 1;
      const { list, select } = parseInList(c);
      return at(c, start, { kind: 'in', expr: left, list, ...(select ? { select } : {}), ...(notFirst ? { not: true } : {}) });
    }
    case 'LIKE': case 'REGEXP': case 'RLIKE': {
      c.i += notFirst ? 2 : 1;
      const pattern = parseExpr(c, PREC.comparison);
      const escape = w.value === 'LIKE' && acceptWord(c, 'ESCAPE') ? parseExpr(c, PREC.comparison) : undefined;
      return at(c, start, {
        kind: 'like', op: w.value === 'LIKE' ? 'like' : 'rlike', expr: left, pattern,
        ...(escape ? { escape } : {}), ...(notFirst ? { not: true } : {}),
      });
    }
    case 'BETWEEN': {
      c.i += notFirst ? 2 : 1;
      const low = parseExpr(c, PREC.between);
      expectWord(c, 'AND');
      const high = parseExpr(c, PREC.between);
      return at(c, start, { kind: 'between', expr: left, low, high, ...(notFirst ? { not: true } : {}) });
    }
    default:
      return undefined;
  }
}

/** IN (a, b, ...) or IN (SELECT ...) — the latter with `select` set and an empty list (model/expr.ts InList). */
function parseInList(c: Cursor): { list: Expr[]; select?: Query } {
  if (!peekOp(c, '(')) fail(c, "expected '(' after IN");
  if (startsSubquery(c)) {
    const sub = parseSubquery(c);
    return { list: [], select: sub.select };
  }
  c.i++;
  const list: Expr[] = [];
  if (!peekOp(c, ')')) do list.push(parseExpr(c)); while (acceptOp(c, ','));
  expectOp(c, ')');
  return { list };
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '<=>']);

/** ALL | ANY | SOME '(' query ')' on the right of a comparison; undefined when the cursor holds none. */
function parseQuantified(c: Cursor): Expr | undefined {
  const start = c.i;
  if (!(peekWord(c, 'ALL') || peekWord(c, 'ANY') || peekWord(c, 'SOME'))) return undefined;
  const all = peekWord(c, 'ALL');
  c.i++;
  if (!peekOp(c, '(') || !startsSubquery(c)) {
    c.i = start;
    return undefined;
  }
  return at(c, start, { ...parseSubquery(c), quantifier: all ? 'all' : 'any' });
}

/** True when the '(' at the cursor opens a query: ( SELECT | WITH | ( ... SELECT. */
function startsSubquery(c: Cursor): boolean {
  let k = 1;
  while (peekOp(c, '(', k)) k++;
  return peekWord(c, 'SELECT', k) || peekWord(c, 'WITH', k);
}

/** '(' query ')' — parsed (a failure inside propagates, so a view reports its exact position) and kept as text. */
function parseSubquery(c: Cursor): { kind: 'subquery'; query: string; select: Query; span: SourceSpan } {
  const open = c.i;
  const close = matchingParen(c, open);
  if (close < 0) fail(c, 'unbalanced parentheses');
  const select = parseQueryRange(c, open + 1, close);
  c.i = close + 1;
  return { kind: 'subquery', query: textOf(c, open + 1, close - 1), select, span: spanOf(c, open, close) };
}

function parseUnary(c: Cursor): Expr {
  const start = c.i;
  const t = peek(c);
  if (t.kind === 'op') {
    switch (t.value) {
      case '-': case '+': {
        c.i++;
        const n = peek(c);
        if (n.kind === 'num' && (binaryOpOf(peek(c, 1))?.prec ?? 0) <= PREC.unaryMinus) {
          c.i++;
          // a signed literal stays one number (DEFAULT -1)
          return at(c, start, { kind: 'number', value: t.value === '-' ? `-${n.value}` : n.value });
        }
        return at(c, start, { kind: 'unary', op: t.value, operand: parseExpr(c, PREC.unaryMinus) });
      }
      case '~':
        c.i++;
        return at(c, start, { kind: 'unary', op: '~', operand: parseExpr(c, PREC.unaryMinus) });
      case '!':
        c.i++;
        return at(c, start, { kind: 'unary', op: '!', operand: parseExpr(c, PREC.bang) });
    }
  } else if (t.kind === 'word') {
    switch (t.value) {
      case 'NOT':
        c.i++;
        return at(c, start, { kind: 'unary', op: 'not', operand: parseExpr(c, PREC.not) });
      case 'BINARY':
        c.i++;
        return at(c, start, { kind: 'cast', expr: parseExpr(c, PREC.collate), type: dataType('binary', [], { raw: 'BINARY' }), form: 'cast' });
      case 'INTERVAL': {
        c.i++;
        const value = parseExpr(c);
        const u = advance(c);
        if (u.kind !== 'word' || !INTERVAL_UNITS.has(u.value)) fail(c, 'expected an interval unit');
        return at(c, start, { kind: 'interval', value, unit: u.value.toLowerCase() });
      }
      case 'EXISTS': {
        c.i++;
        if (!peekOp(c, '(')) fail(c, "expected '(' after EXISTS");
        const sub = parseSubquery(c);
        return at(c, start, { kind: 'exists', query: sub.query, select: sub.select });
      }
    }
  }
  return parsePrimary(c);
}

function parsePrimary(c: Cursor): Expr {
  const start = c.i;
  const t = advance(c);
  switch (t.kind) {
    case 'num':
      return { kind: 'number', value: t.value, span: spanHere(c, start) };
    case 'str': {
      let value = t.value;
      while (peek(c).kind === 'str' && !peek(c).charset && !peek(c).national) value += advance(c).value;
      if (!t.national && !t.charset) return { kind: 'string', value, span: spanHere(c, start) };
      return at(c, start, {
        kind: 'string', value, ...(t.national ? { national: true } : {}), ...(t.charset ? { charset: t.charset } : {}),
      });
    }
    case 'hex':
      return at(c, start, { kind: 'bytes', hex: t.value.toLowerCase() });
    case 'bits':
      return at(c, start, { kind: 'bytes', hex: bitsToHex(t.value), bits: t.value });
    case 'var':
      return at(c, start, { kind: 'variable', name: t.value });
    case 'sysvar':
      return at(c, start, { kind: 'variable', name: t.value, system: true });
    case 'op':
      if (t.value === '(') return parseParenthesised(c, start);
      if (t.value === '*') return at(c, start, { kind: 'star' });
      c.i--;
      return fail(c, 'expected an expression');
    case 'word':
      return parseWordPrimary(c, t, start);
    case 'qid':
      return parseNameOrCall(c, start);
    case 'delim': case 'eof':
      c.i--;
      return fail(c, 'expected an expression');
  }
}

function parseParenthesised(c: Cursor, start: number): Expr {
  c.i = start;
  if (startsSubquery(c)) return parseSubquery(c);
  c.i = start + 1;
  const inner = parseExpr(c);
  if (peekOp(c, ',')) {
    // row constructor (a, b): no AST node; kept opaque, its items remembered for (a, b) = (c, d)
    const items = [inner];
    while (acceptOp(c, ',')) items.push(parseExpr(c));
    expectOp(c, ')');
    const row = opaqueOf(c, start, c.i - 1, 'row constructor');
    rowItems.set(row, items);
    return row;
  }
  expectOp(c, ')');
  return at(c, start, { kind: 'paren', expr: inner });
}

/** A sequence name [db.]seq as a column reference, the argument NEXT VALUE FOR carries. */
function sequenceName(c: Cursor): Expr {
  const parts = [identifier(c, 'sequence name')];
  while (peekOp(c, '.') && isIdentifierToken(peek(c, 1))) {
    c.i++;
    parts.push(identifier(c, 'sequence name'));
  }
  return { kind: 'column', parts };
}

/**
 * CURRENT_TIMESTAMP and the other niladic calls are the defaults of many columns: their name and (empty) argument
 * lists are shared, frozen, one per spelling (nothing changes a parsed call's name or arguments).
 */
const NO_ARGS: Expr[] = Object.freeze([]) as unknown as Expr[];
const niladicNames = new Map<string, string[]>();
function niladicName(name: string): string[] {
  let shared = niladicNames.get(name);
  if (!shared) {
    shared = Object.freeze([name]) as unknown as string[];
    if (niladicNames.size < 256) niladicNames.set(name, shared);
  }
  return shared;
}

function parseWordPrimary(c: Cursor, t: Token, start: number): Expr {
  switch (t.value) {
    case 'NULL': return { kind: 'null', span: spanHere(c, start) };
    case 'TRUE': return { kind: 'bool', value: true, span: spanHere(c, start) };
    case 'FALSE': return { kind: 'bool', value: false, span: spanHere(c, start) };
    case 'CASE': return parseCase(c, start);
    case 'CAST':
      if (peekOp(c, '(')) return guardedCall(c, start, () => parseCast(c, start));
      break;
    case 'CONVERT':
      if (peekOp(c, '(')) return guardedCall(c, start, () => parseConvert(c, start));
      break;
    case 'EXTRACT': case 'TRIM': case 'POSITION': case 'SUBSTRING': case 'SUBSTR': case 'MID': {
      const special = peekOp(c, '(') ? parseSpecialCall(c, t) : undefined;
      if (special) return at(c, start, special);
      break;
    }
    case 'NEXTVAL':
      // MariaDB nextval(seq) is NEXT VALUE FOR seq; nextval('name') stays a call (a user function emulating sequences)
      if (peekOp(c, '(') && isIdentifierToken(peek(c, 1))) {
        const close = matchingParen(c, c.i);
        c.i++;
        const seq = sequenceName(c);
        if (c.i === close) {
          c.i++;
          return at(c, start, { kind: 'call', name: ['NEXT VALUE FOR'], args: [seq] });
        }
        c.i = start + 1;
      }
      break;
    case 'NEXT':
      if (peekWord(c, 'VALUE') && peekWord(c, 'FOR', 1)) {
        c.i += 2;
        return at(c, start, { kind: 'call', name: ['NEXT VALUE FOR'], args: [sequenceName(c)] });
      }
      break;
    case 'MATCH':
      if (peekOp(c, '(')) {
        // full-text MATCH (cols) AGAINST (... [IN BOOLEAN MODE]) has no portable AST
        const close = matchingParen(c, c.i);
        if (close < 0) fail(c, 'unbalanced parentheses');
        c.i = close + 1;
        expectWord(c, 'AGAINST');
        const end = matchingParen(c, c.i);
        if (end < 0) fail(c, "expected '(' after AGAINST");
        c.i = end + 1;
        return opaqueOf(c, start, end, 'full-text MATCH ... AGAINST');
      }
      break;
    case 'DATE': case 'TIME': case 'TIMESTAMP':
      if (peek(c).kind === 'str') {
        // typed literal DATE '2020-01-01'
        const lit = parsePrimary(c);
        return at(c, start, { kind: 'cast', expr: lit, type: dataType(t.value.toLowerCase(), [], { raw: t.value }), form: 'cast' });
      }
      break;
  }
  if (NILADIC.has(t.value) && !peekOp(c, '(')) {
    return { kind: 'call', name: niladicName(raw(c, t)), args: NO_ARGS, niladic: true, span: spanHere(c, start) };
  }
  if (RESERVED.has(t.value) && !peekOp(c, '(')) {
    c.i--;
    fail(c, 'expected an expression');
  }
  return parseNameOrCall(c, start);
}

/** name[.name...] — a column reference, t.*, or a function call when '(' follows. */
function parseNameOrCall(c: Cursor, start: number): Expr {
  const parts = [nameText(c, c.toks[start]!)];
  while (peekOp(c, '.')) {
    const n = peek(c, 1);
    if (n.kind === 'op' && n.value === '*') {
      c.i += 2;
      return at(c, start, { kind: 'star', table: parts });
    }
    if (n.kind !== 'word' && n.kind !== 'qid') break;
    c.i += 2;
    parts.push(nameText(c, n));
  }
  if (!peekOp(c, '(')) return { kind: 'column', parts, span: spanHere(c, start) };
  return guardedCall(c, start, () => parseCallArgs(c, start, parts));
}

function nameText(c: Cursor, t: Token): string {
  return t.kind === 'word' ? raw(c, t) : t.value;
}

/** Runs a call parser; special syntax it does not know (TRIM(x FROM y), MATCH ... AGAINST) becomes an opaque node. */
function guardedCall(c: Cursor, start: number, parse: () => Expr): Expr {
  const depth = c.depth;
  try {
    return parse();
  } catch (e) {
    if (!isParseFailure(e) || e.failure === 'depth') throw e;
    c.depth = depth;
    c.i = start;
    while (!peekOp(c, '(')) c.i++;
    const close = matchingParen(c, c.i);
    if (close < 0) throw e;
    c.i = close + 1;
    return opaqueOf(c, start, close, e.message);
  }
}

function parseCallArgs(c: Cursor, start: number, name: string[]): Expr {
  expectOp(c, '(');
  const node: Expr & { kind: 'call' } = { kind: 'call', name, args: [] };
  if (peekOp(c, '*') && peekOp(c, ')', 1)) {
    c.i++;
    node.star = true;
  } else if (!peekOp(c, ')')) {
    if (acceptWord(c, 'DISTINCT')) node.distinct = true;
    else acceptWord(c, 'ALL');
    do node.args.push(parseExpr(c)); while (acceptOp(c, ','));
    // aggregate ordering: GROUP_CONCAT(x ORDER BY y), JSON_ARRAYAGG(x ORDER BY y) (MariaDB)
    if (acceptWord(c, 'ORDER')) {
      expectWord(c, 'BY');
      node.orderBy = parseOrderItems(c);
    }
  }
  if (name.length === 1 && name[0]!.toUpperCase() === 'GROUP_CONCAT') {
    // the separator is always the last argument (',' when not written), so GROUP_CONCAT(a, b) stays unambiguous
    const sepStart = c.i;
    const sep: Expr = acceptWord(c, 'SEPARATOR') ? parsePrimary(c) : { kind: 'string', value: ',' };
    if (sep.kind !== 'string') { c.i = sepStart; fail(c, 'expected a string after SEPARATOR'); }
    node.args.push(sep);
  }
  expectOp(c, ')');
  if (peekWord(c, 'OVER')) {
    const overStart = c.i + 1;
    c.i++;
    node.window = parseOver(c);
    node.over = textOf(c, overStart, c.i - 1);
  }
  return at(c, start, node);
}

function parseCast(c: Cursor, start: number): Expr {
  expectOp(c, '(');
  const expr = parseExpr(c);
  expectWord(c, 'AS');
  const { type } = parseDataType(c);
  if (acceptWord(c, 'ARRAY')) type.array = true;
  expectOp(c, ')');
  return at(c, start, { kind: 'cast', expr, type, form: 'cast' });
}

/** CONVERT(x, type) and CONVERT(x USING cs) — the latter is CAST(x AS CHAR CHARACTER SET cs). */
function parseConvert(c: Cursor, start: number): Expr {
  expectOp(c, '(');
  const expr = parseExpr(c);
  if (acceptWord(c, 'USING')) {
    const cs = advance(c);
    const name = cs.kind === 'word' ? c.text.slice(cs.start, cs.end) : cs.value;
    expectOp(c, ')');
    return at(c, start, { kind: 'cast', expr, type: dataType('char', [], { charset: name, raw: `USING ${name}` }), form: 'convert' });
  }
  expectOp(c, ',');
  const { type } = parseDataType(c);
  expectOp(c, ')');
  return at(c, start, { kind: 'cast', expr, type, form: 'convert' });
}

function parseCase(c: Cursor, start: number): Expr {
  const operand = peekWord(c, 'WHEN') ? undefined : parseExpr(c);
  const whens: { when: Expr; then: Expr }[] = [];
  while (acceptWord(c, 'WHEN')) {
    const when = parseExpr(c);
    expectWord(c, 'THEN');
    whens.push({ when, then: parseExpr(c) });
  }
  if (!whens.length) fail(c, 'expected WHEN');
  const otherwise = acceptWord(c, 'ELSE') ? parseExpr(c) : undefined;
  expectWord(c, 'END');
  return at(c, start, { kind: 'case', ...(operand ? { operand } : {}), whens, ...(otherwise ? { else: otherwise } : {}) });
}

function bitsToHex(bits: string): string {
  if (!bits) return '';
  return BigInt(`0b${bits}`).toString(16);
}

/**
 * Parses tokens [from, to) as one expression. Syntax the parser does not understand becomes an `opaque` node
 * with the exact text; only nesting deeper than MAX_DEPTH escapes (as a depth failure for the statement).
 */
export function parseExprRange(c: Cursor, from: number, to: number): Expr {
  const savedLimit = c.limit;
  const depth = c.depth;
  c.limit = to;
  c.i = from;
  let e: Expr;
  try {
    e = parseExpr(c);
    if (c.i < to) e = opaqueOf(c, from, to - 1, `unexpected ${textOf(c, c.i, c.i)}`);
  } catch (err) {
    if (!isParseFailure(err) || err.failure === 'depth') { c.limit = savedLimit; throw err; }
    e = from < to ? opaqueOf(c, from, to - 1, err.message) : fail(c, 'expected an expression');
  }
  c.depth = depth;
  c.limit = savedLimit;
  c.i = to;
  return e;
}

/** '(' expr ')' — returns the expression (parentheses not kept) and its source text. */
export function parseParenExpr(c: Cursor): { expr: Expr; raw: string } {
  if (!peekOp(c, '(')) fail(c, "expected '('");
  const open = c.i;
  const close = matchingParen(c, open);
  if (close < 0) fail(c, 'unbalanced parentheses');
  const expr = parseExprRange(c, open + 1, close);
  c.i = close + 1;
  return { expr, raw: textOf(c, open + 1, close - 1) };
}

/** A cursor over a standalone text (one expression or query, not a script): tokens up to the first delimiter. */
export function standaloneCursor(text: string, file: string, diagnostics: Diagnostic[]): Cursor {
  const lx = createLexer(file, text, diagnostics);
  const toks: Token[] = [];
  let t = lx.next();
  for (; t.kind !== 'eof' && t.kind !== 'delim'; t = lx.next()) toks.push(t);
  return { text, lines: lx.lines, toks, i: 0, limit: toks.length, depth: 0, end: t, diagnostics };
}

/** Parse a standalone MySQL expression (for tools and tests); never throws. */
export function parseMysqlExpr(text: string, file = '<expr>'): { expr: Expr; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const c = standaloneCursor(text, file, diagnostics);
  const toks = c.toks;
  try {
    if (!toks.length) fail(c, 'expected an expression');
    return { expr: parseExprRange(c, 0, toks.length), diagnostics };
  } catch (err) {
    const message = isParseFailure(err) ? err.message : String(err);
    const code = isParseFailure(err) && err.failure === 'depth' ? 'PGS1005' : 'PGS1001';
    diagnostics.push(diag(code, message, { span: offsetSpan(c.lines, 0, text.length) }));
    return { expr: { kind: 'opaque', text, reason: message }, diagnostics };
  }
}
