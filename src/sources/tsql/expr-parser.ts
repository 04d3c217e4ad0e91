import { exactSize } from '../../collections.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { Expr } from '../../model/expr.js';
import { extend } from '../../model/objects.js';
import type { OrderItem, WindowSpec } from '../../model/query.js';
import type { Token } from './lexer.js';
import grammar from '../../../grammars/tsql.json' with { type: 'json' };
import { lexAll } from './lexer.js';
import { parseDataType } from './data-type.js';
import { parseOdbcEscape, parseParseCall, parseTrimCall } from './expr-escapes.js';
import { parseParenQuery, tolerant } from './query-parser.js';
import { parseWindowSpec, parseWithinGroup } from './window-parser.js';
import {
  type Cursor, acceptOp, acceptWord, atEnd, enter, expectOp, expectWord, isIdent, isOp, isSyntaxError, isWord, leave,
  next, peek, prev, skipParens, spanOf, syntaxError, textOf,
} from './cursor.js';

const BINARY_PREC: Record<string, number> = grammar.binaryPrecedence;
const NOT_PREC = grammar.notPrecedence;
const CMP_PREC = grammar.comparisonPrecedence;
const UNARY_PREC = grammar.unaryPrecedence;
const NILADIC = new Set(grammar.niladicFunctions);
const RESERVED = new Set(grammar.reservedWords);

/** Parse one expression at the cursor (throws a syntax error on malformed input). */
export function parseExpr(c: Cursor): Expr {
  return parseBinary(c, 0);
}

/**
 * Parse an expression that must end where `isStop` says; when the parser fails or stops early, the tokens up to
 * the next stop at parenthesis depth 0 become an `opaque` node with the exact text. Nesting errors still throw.
 */
export function parseExprOrOpaque(c: Cursor, isStop: (t: Token) => boolean): Expr {
  const start = c.i;
  let reason = 'expression syntax not understood';
  try {
    const e = parseExpr(c);
    if (isStop(peek(c))) return e;
    reason = `unexpected '${peek(c).value}'`;
  } catch (err) {
    if (!isSyntaxError(err) || err.tooDeep) throw err;
    reason = err.message;
  }
  c.i = start;
  let depth = 0;
  while (!atEnd(peek(c)) && !(depth === 0 && isStop(peek(c)))) {
    const t = next(c);
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) { if (depth === 0) { c.i--; break; } depth--; }
  }
  if (c.i === start) throw syntaxError(c, 'expected an expression');
  const a = c.toks[start]!, b = prev(c);
  return { kind: 'opaque', text: textOf(c, a, b), reason, span: spanOf(c, a, b) };
}

/**
 * Parse a standalone T-SQL expression (DEFAULT, CHECK, computed column, filtered-index text from elsewhere, e.g.
 * sys.default_constraints.definition in the introspector). `line`/`col` place the text inside its file for spans.
 */
export function parseTsqlExpr(text: string, file = '<expr>', line = 1, col = 1): { expr: Expr; diagnostics: Diagnostic[] } {
  const { tokens, diagnostics } = lexAll(text, file, line, col);
  const c: Cursor = { src: text, file, toks: tokens, i: 0, depth: 0 };
  try {
    return { expr: parseExprOrOpaque(c, (t) => t.kind === 'eof'), diagnostics };
  } catch (err) {
    const t = tokens[0]!;
    const span = spanOf(c, t, tokens[tokens.length - 1]!);
    const tooDeep = isSyntaxError(err) && err.tooDeep;
    diagnostics.push({
      code: tooDeep ? 'PGS1005' : 'PGS1001', severity: 'error',
      message: err instanceof Error ? err.message : String(err), span,
    });
    return { expr: { kind: 'opaque', text, reason: 'not parsed', span }, diagnostics };
  }
}

function binaryOp(t: Token): string | undefined {
  if (t.kind === 'op') return BINARY_PREC[t.value] !== undefined ? t.value : undefined;
  if (t.kind === 'word' && (t.upper === 'AND' || t.upper === 'OR')) return t.upper.toLowerCase();
  return undefined;
}

function parseBinary(c: Cursor, minPrec: number): Expr {
  enter(c);
  try {
    let left = parsePrefix(c);
    for (;;) {
      const t = peek(c);
      const op = binaryOp(t);
      if (op !== undefined) {
        const prec = BINARY_PREC[op]!;
        if (prec < minPrec) break;
        c.i++;
        const right = (COMPARISONS.has(op) && parseQuantified(c)) || parseBinary(c, prec + 1);
        left = { kind: 'binary', op, left, right, span: join(left, right) };
        continue;
      }
      if (CMP_PREC < minPrec || t.kind !== 'word') break;
      const post = parseComparisonPostfix(c, left);
      if (!post) break;
      left = post;
    }
    return left;
  } finally {
    leave(c);
  }
}

/** IS [NOT] NULL, [NOT] BETWEEN, [NOT] IN, [NOT] LIKE; undefined when the next word is none of these. */
function parseComparisonPostfix(c: Cursor, left: Expr): Expr | undefined {
  const start = c.i;
  if (acceptWord(c, 'IS')) {
    const not = acceptWord(c, 'NOT');
    expectWord(c, 'NULL');
    return withSpan({ kind: 'isnull', expr: left, ...(not ? { not } : {}) }, c, left);
  }
  const not = acceptWord(c, 'NOT');
  const t = peek(c);
  if (isWord(t, 'BETWEEN')) {
    c.i++;
    const low = parseBinary(c, CMP_PREC + 1);
    expectWord(c, 'AND');
    const high = parseBinary(c, CMP_PREC + 1);
    return withSpan({ kind: 'between', expr: left, low, high, ...(not ? { not } : {}) }, c, left);
  }
  if (isWord(t, 'IN')) {
    c.i++;
    let list: Expr[];
    if (isSubqueryStart(c, 1)) {
      const sub = parseSubquery(c);
      if (sub.kind === 'subquery' && sub.select) {
        return withSpan({ kind: 'in', expr: left, list: [], select: sub.select, ...(not ? { not } : {}) }, c, left);
      }
      list = [sub];
    } else {
      expectOp(c, '(');
      list = [parseExpr(c)];
      while (acceptOp(c, ',')) list.push(parseExpr(c));
      expectOp(c, ')');
    }
    return withSpan({ kind: 'in', expr: left, list, ...(not ? { not } : {}) }, c, left);
  }
  if (isWord(t, 'LIKE')) {
    c.i++;
    const pattern = parseBinary(c, CMP_PREC + 1);
    const escape = acceptWord(c, 'ESCAPE') ? parseBinary(c, CMP_PREC + 1) : undefined;
    return withSpan({ kind: 'like', op: 'like', expr: left, pattern, ...(escape ? { escape } : {}), ...(not ? { not } : {}) }, c, left);
  }
  c.i = start;
  return undefined;
}

function parsePrefix(c: Cursor): Expr {
  const t = peek(c);
  if (isWord(t, 'NOT')) {
    c.i++;
    const operand = parseBinary(c, NOT_PREC);
    return { kind: 'unary', op: 'not', operand, span: spanOf(c, t, prev(c)) };
  }
  if (t.kind === 'op' && (t.value === '-' || t.value === '+' || t.value === '~')) {
    c.i++;
    const operand = parseBinary(c, UNARY_PREC);
    // -1 is one literal, as the NumberLit contract spells it.
    if (t.value === '-' && operand.kind === 'number' && !operand.value.startsWith('-') && operand.collate === undefined) {
      return { kind: 'number', value: `-${operand.value}`, span: spanOf(c, t, prev(c)) };
    }
    return { kind: 'unary', op: t.value, operand, span: spanOf(c, t, prev(c)) };
  }
  return parsePostfix(c, parsePrimary(c));
}

/** postfix := primary { COLLATE name | AT TIME ZONE primary } */
function parsePostfix(c: Cursor, e: Expr): Expr {
  for (;;) {
    if (isWord(peek(c), 'COLLATE')) {
      c.i++;
      const name = peek(c);
      if (!isIdent(name)) throw syntaxError(c, 'expected a collation name');
      c.i++;
      e = extend(e, { collate: name.value });
    } else if (isWord(peek(c), 'AT') && isWord(peek(c, 1), 'TIME') && isWord(peek(c, 2), 'ZONE')) {
      const start = peek(c);
      c.i += 3;
      const zone = parsePrimary(c);
      e = { kind: 'binary', op: 'at time zone', left: e, right: zone, span: spanOf(c, start, prev(c)) };
    } else {
      return e;
    }
  }
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '!<', '!>']);

/** ALL | ANY | SOME '(' SELECT ... ')' on the right of a comparison; undefined when the cursor holds none. */
function parseQuantified(c: Cursor): Expr | undefined {
  const q = peek(c);
  if (!(isWord(q, 'ALL') || isWord(q, 'ANY') || isWord(q, 'SOME')) || !isSubqueryStart(c, 2)) return undefined;
  c.i++;
  const sub = parseSubquery(c);
  return sub.kind === 'subquery' ? { ...sub, quantifier: isWord(q, 'ALL') ? 'all' : 'any', span: spanOf(c, q, prev(c)) } : sub;
}

function isSubqueryStart(c: Cursor, k: number): boolean {
  if (!isOp(peek(c, k - 1), '(')) return false;
  const t = peek(c, k);
  return isWord(t, 'SELECT') || isWord(t, 'WITH') || (isOp(t, '(') && isWord(peek(c, k + 1), 'SELECT'));
}

/** '(' SELECT ... ')': text, plus the parsed query when it parses (query-parser.ts). */
function parseSubquery(c: Cursor): Expr {
  const openIdx = c.i;
  const open = peek(c);
  const select = tolerant(c, () => parseParenQuery(c));
  const close = select ? prev(c) : skipParens(c);
  const inner = c.toks[openIdx + 1]!;
  return {
    kind: 'subquery', query: c.src.slice(inner.start, close.start).trim(), ...(select ? { select } : {}), span: spanOf(c, open, close),
  };
}

/** (SELECT ... FOR XML ..., TYPE).value('.', 'nvarchar(max)'): an xml method on a subquery, the call `.value(subquery, ...)`. */
function methodOfSubquery(c: Cursor, open: Token, sub: Expr): Expr {
  if (!isOp(peek(c), '.') || !isIdent(peek(c, 1)) || !isOp(peek(c, 2), '(')) return sub;
  const method = peek(c, 1).value;
  c.i += 3;
  const args: Expr[] = [sub];
  if (!isOp(peek(c), ')')) do args.push(parseExpr(c)); while (acceptOp(c, ','));
  const close = expectOp(c, ')');
  return { kind: 'call', name: [`.${method}`], args, span: spanOf(c, open, close) };
}

function parsePrimary(c: Cursor): Expr {
  const t = peek(c);
  switch (t.kind) {
    case 'string':
      c.i++;
      return t.national ? { kind: 'string', value: t.value, national: true, span: stringSpan(c, t) } : { kind: 'string', value: t.value, span: stringSpan(c, t) };
    case 'number':
      c.i++;
      return { kind: 'number', value: t.value, span: spanOf(c, t) };
    case 'money':
      c.i++;
      return { kind: 'number', value: t.value, span: spanOf(c, t) };
    case 'binary':
      c.i++;
      return { kind: 'bytes', hex: t.value, span: spanOf(c, t) };
    case 'variable':
      c.i++;
      return { kind: 'variable', name: t.value, span: spanOf(c, t) };
    case 'sysvar':
      c.i++;
      return { kind: 'variable', name: t.value, system: true, span: spanOf(c, t) };
    case 'op':
      if (t.value === '(') {
        if (isSubqueryStart(c, 1)) return methodOfSubquery(c, t, parseSubquery(c));
        c.i++;
        const inner = parseExpr(c);
        const close = expectOp(c, ')');
        return { kind: 'paren', expr: inner, span: spanOf(c, t, close) };
      }
      if (t.value === '*') {
        c.i++;
        return { kind: 'star', span: spanOf(c, t) };
      }
      if (t.value === '{') return parseOdbcEscape(c);
      throw syntaxError(c, 'expected an expression');
    case 'word':
      return parseWordPrimary(c, t);
    case 'ident':
      return parseNameOrCall(c, t);
    case 'go': case 'eof': case 'sqlcmd':
      throw syntaxError(c, 'expected an expression');
    default: {
      const never: never = t.kind;
      throw syntaxError(c, `unexpected token ${String(never)}`);
    }
  }
}

function parseWordPrimary(c: Cursor, t: Token): Expr {
  const u = t.upper;
  if (u === 'NULL') { c.i++; return { kind: 'null', span: spanOf(c, t) }; }
  if (u === 'CASE') return parseCase(c);
  if (u === 'EXISTS') {
    c.i++;
    const q = parseSubquery(c);
    const select = q.kind === 'subquery' ? q.select : undefined;
    return { kind: 'exists', query: q.kind === 'subquery' ? q.query : '', ...(select ? { select } : {}), span: spanOf(c, t, prev(c)) };
  }
  if ((u === 'CAST' || u === 'TRY_CAST') && isOp(peek(c, 1), '(')) {
    c.i += 2;
    const expr = parseExpr(c);
    expectWord(c, 'AS');
    const type = parseDataType(c);
    const close = expectOp(c, ')');
    return { kind: 'cast', expr, type, form: u === 'CAST' ? 'cast' : 'try_cast', span: spanOf(c, t, close) };
  }
  if ((u === 'CONVERT' || u === 'TRY_CONVERT') && isOp(peek(c, 1), '(')) {
    c.i += 2;
    const type = parseDataType(c);
    expectOp(c, ',');
    const expr = parseExpr(c);
    const style = acceptOp(c, ',') ? parseExpr(c) : undefined;
    const close = expectOp(c, ')');
    return {
      kind: 'cast', expr, type, ...(style ? { style } : {}), form: u === 'CONVERT' ? 'convert' : 'try_convert',
      span: spanOf(c, t, close),
    };
  }
  if ((u === 'PARSE' || u === 'TRY_PARSE') && isOp(peek(c, 1), '(')) return parseParseCall(c);
  if (u === 'TRIM' && isOp(peek(c, 1), '(')) return parseTrimCall(c);
  if (u === 'NEXT' && isWord(peek(c, 1), 'VALUE') && isWord(peek(c, 2), 'FOR')) {
    c.i += 3;
    const seq = parseNameOrCall(c, peek(c));
    return { kind: 'call', name: ['NEXT VALUE FOR'], args: [seq], span: spanOf(c, t, prev(c)) };
  }
  if (NILADIC.has(u) && !isOp(peek(c, 1), '(')) {
    c.i++;
    return { kind: 'call', name: [t.value], args: [], niladic: true, span: spanOf(c, t) };
  }
  if (RESERVED.has(u) && !isOp(peek(c, 1), '(')) throw syntaxError(c, 'expected an expression');
  return parseNameOrCall(c, t);
}

function parseCase(c: Cursor): Expr {
  const start = next(c);
  const operand = isWord(peek(c), 'WHEN') ? undefined : parseExpr(c);
  const whens: { when: Expr; then: Expr }[] = [];
  while (acceptWord(c, 'WHEN')) {
    const when = parseExpr(c);
    expectWord(c, 'THEN');
    whens.push({ when, then: parseExpr(c) });
  }
  if (whens.length === 0) throw syntaxError(c, 'expected WHEN');
  const els = acceptWord(c, 'ELSE') ? parseExpr(c) : undefined;
  const end = expectWord(c, 'END');
  return {
    kind: 'case', ...(operand ? { operand } : {}), whens, ...(els ? { else: els } : {}), span: spanOf(c, start, end),
  };
}

/** name, a.b.c, a.*, or a call a.b(args) [OVER (...)]. */
function parseNameOrCall(c: Cursor, first: Token): Expr {
  if (!isIdent(first)) throw syntaxError(c, 'expected an expression');
  c.i++;
  const parts = [first.value];
  while (isOp(peek(c), '.')) {
    c.i++;
    const t = peek(c);
    if (isOp(t, '*')) {
      c.i++;
      return { kind: 'star', table: parts, span: spanOf(c, first, t) };
    }
    if (isOp(t, '.')) { parts.push(''); continue; }
    if (!isIdent(t)) throw syntaxError(c, 'expected a name');
    c.i++;
    parts.push(t.value);
  }
  // A CLR type's static method, hierarchyid::GetRoot(): one name for the function rules (HIERARCHYID::GETROOT).
  if (parts.length === 1 && isOp(peek(c), '::') && isIdent(peek(c, 1)) && isOp(peek(c, 2), '(')) {
    parts[0] = `${first.value}::${peek(c, 1).value}`;
    c.i += 2;
  }
  if (!isOp(peek(c), '(')) return { kind: 'column', parts: exactSize(parts), span: spanOf(c, first, prev(c)) };
  c.i++;
  const args: Expr[] = [];
  let star = false;
  let distinct = false;
  if (isOp(peek(c), '*') && isOp(peek(c, 1), ')')) { c.i++; star = true; }
  else if (!isOp(peek(c), ')')) {
    distinct = acceptWord(c, 'DISTINCT');
    if (!distinct) acceptWord(c, 'ALL');
    args.push(parseExpr(c));
    while (acceptOp(c, ',')) args.push(parseExpr(c));
  }
  let close = expectOp(c, ')');
  let over: string | undefined;
  let orderBy: OrderItem[] | undefined;
  let window: WindowSpec | undefined;
  if (isWord(peek(c), 'WITHIN') && isWord(peek(c, 1), 'GROUP') || isWord(peek(c), 'OVER')) {
    const from = peek(c);
    let asText = false;
    if (acceptWord(c, 'WITHIN')) {
      c.i++;
      orderBy = tolerant(c, () => parseWithinGroup(c));
      close = orderBy ? prev(c) : skipParens(c);
      asText = !orderBy;
    }
    if (acceptWord(c, 'OVER')) {
      window = tolerant(c, () => parseWindowSpec(c));
      close = window ? prev(c) : skipParens(c);
      asText = true;
    }
    // The text of OVER (and of a WITHIN GROUP not parsed) for drafts; a parsed WITHIN GROUP alone is `orderBy`.
    if (asText) over = textOf(c, from, close);
  }
  const span = spanOf(c, first, close);
  // Most calls have none of the optional keys: one literal; else the keys in the order the type lists them.
  if (!star && !distinct && !over && !window && !orderBy) return { kind: 'call', name: exactSize(parts), args: exactSize(args), span };
  return {
    kind: 'call', name: exactSize(parts), args: exactSize(args), ...(star ? { star } : {}), ...(distinct ? { distinct } : {}),
    ...(over ? { over } : {}), ...(window ? { window } : {}), ...(orderBy ? { orderBy } : {}), span,
  };
}

function join(a: Expr, b: Expr): Expr['span'] {
  if (!a.span || !b.span) return a.span ?? b.span;
  return { file: a.span.file, line: a.span.line, col: a.span.col, endLine: b.span.endLine, endCol: b.span.endCol };
}

function withSpan<T extends Expr>(e: T, c: Cursor, left: Expr): T {
  const end = prev(c);
  if (left.span) e.span = { file: left.span.file, line: left.span.line, col: left.span.col, endLine: end.endLine, endCol: end.endCol };
  return e;
}

/**
 * spanOf for string literals, as an allocation site of its own: V8 decides per site whether what it allocates goes
 * straight to the old generation (the garbage collector then never copies it). Most spans are kept with their node;
 * string literals are often parsed to be read and dropped (procedure arguments: sp_addextendedproperty, sp_rename,
 * sp_executesql), and sharing spanOf's site they kept it from being tenured (20 % more copying in the parse of
 * the bench input).
 */
function stringSpan(c: Cursor, a: Token): Expr['span'] {
  return { file: c.file, line: a.line, col: a.col, endLine: a.endLine, endCol: a.endCol };
}
