import type { Expr } from '../../model/expr.js';
import { dataType } from '../../model/types.js';
import { type Cursor, acceptOp, acceptWord, expectOp, expectWord, next, peek, prev, spanOf, syntaxError } from './cursor.js';
import { parseDataType } from './data-type.js';
import { parseExpr } from './expr-parser.js';
import { extend } from '../../model/objects.js';

/** ODBC literal escapes and the type each one gives in SQL Server. */
const ODBC_TYPES: Record<string, string> = { D: 'date', T: 'time', TS: 'datetime' };

/**
 * odbc_escape := '{' (D | T | TS) string '}' | '{' FN call '}'
 * {d 'x'} is CAST('x' AS date) (SQL Server types it date; {ts} is datetime); {fn f(...)} is the call itself.
 */
export function parseOdbcEscape(c: Cursor): Expr {
  const open = expectOp(c, '{');
  const kind = next(c);
  let e: Expr;
  if (kind.upper === 'FN') {
    e = parseExpr(c);
    if (e.kind !== 'call') throw syntaxError(c, 'expected a function call in {fn ...}', kind);
  } else {
    const type = ODBC_TYPES[kind.upper];
    const lit = next(c);
    if (!type || lit.kind !== 'string') throw syntaxError(c, "expected {d '...'}, {t '...'}, {ts '...'} or {fn ...}", kind);
    e = { kind: 'cast', expr: { kind: 'string', value: lit.value, span: spanOf(c, lit) }, type: dataType(type), form: 'cast' };
  }
  const close = expectOp(c, '}');
  return extend(e, { span: spanOf(c, open, close) });
}

/**
 * parse_call := (PARSE | TRY_PARSE) '(' expr AS data_type [USING expr] ')'
 * The AST has no cast form with a culture, so this is a call: args [expr, 'type as written', culture?].
 */
export function parseParseCall(c: Cursor): Expr {
  const name = next(c);
  expectOp(c, '(');
  const expr = parseExpr(c);
  expectWord(c, 'AS');
  const typeStart = peek(c);
  const type = parseDataType(c);
  const typeLit: Expr = { kind: 'string', value: type.raw, span: spanOf(c, typeStart, prev(c)) };
  const culture = acceptWord(c, 'USING') ? parseExpr(c) : undefined;
  const close = expectOp(c, ')');
  return { kind: 'call', name: [name.value], args: culture ? [expr, typeLit, culture] : [expr, typeLit], span: spanOf(c, name, close) };
}

const TRIM_SIDES: Record<string, string> = { LEADING: 'LTRIM', TRAILING: 'RTRIM', BOTH: 'TRIM' };

/**
 * trim_call := TRIM '(' [LEADING | TRAILING | BOTH] [expr FROM] expr ')'
 * TRIM(chars FROM s) is the call TRIM(s, chars) (a character set, like btrim); LEADING/TRAILING become SQL Server
 * 2022's LTRIM(s, chars)/RTRIM(s, chars), so the AST needs no trim-specific shape.
 */
export function parseTrimCall(c: Cursor): Expr {
  const name = next(c);
  expectOp(c, '(');
  const side = peek(c).kind === 'word' ? TRIM_SIDES[peek(c).upper] : undefined;
  if (side) c.i++;
  let args: Expr[];
  if (side && acceptWord(c, 'FROM')) args = [parseExpr(c)];
  else {
    const first = parseExpr(c);
    if (acceptWord(c, 'FROM')) args = [parseExpr(c), first];
    else {
      if (side) throw syntaxError(c, 'expected FROM');
      args = [first];
      while (acceptOp(c, ',')) args.push(parseExpr(c));
    }
  }
  const close = expectOp(c, ')');
  return { kind: 'call', name: [side && side !== 'TRIM' ? side : name.value], args, span: spanOf(c, name, close) };
}
