import type { Expr } from '../../model/expr.js';
import grammar from '../../../grammars/mysql.json' with { type: 'json' };
import { acceptOp, acceptWord, expectOp, expectWord, peek, type Cursor } from './cursor.js';
import { parseExpr } from './expr-parser.js';
import type { Token } from './lexer.js';

/**
 * Calls with SQL-standard keyword syntax, normalised to plain calls (name as written):
 * - EXTRACT(unit FROM x)            → EXTRACT('unit', x)     unit lower-case, as a string literal
 * - POSITION(a IN b)                → POSITION(a, b)         same argument order as LOCATE(a, b)
 * - SUBSTRING(x FROM a [FOR b])     → SUBSTRING(x, a [, b])
 * - TRIM([side] [r] FROM x)         → TRIM(x, r, 'side')     r defaults to ' ', side to 'both'; TRIM(x) stays one argument
 */
const INTERVAL_UNITS = new Set(grammar.intervalUnits);
const PREC = grammar.precedence;

/** Parses the special form at '(' after `t`; undefined (cursor unchanged) when the word is used as a plain call. */
export function parseSpecialCall(c: Cursor, t: Token): Expr | undefined {
  const name = [c.text.slice(t.start, t.end)];
  switch (t.value) {
    case 'EXTRACT': {
      const u = peek(c, 1);
      if (u.kind !== 'word' || !INTERVAL_UNITS.has(u.value)) return undefined;
      c.i += 2;
      expectWord(c, 'FROM');
      const x = parseExpr(c);
      expectOp(c, ')');
      return { kind: 'call', name, args: [{ kind: 'string', value: u.value.toLowerCase() }, x] };
    }
    case 'POSITION': {
      c.i++;
      // stop below comparison level so IN is ours, not a postfix IN list
      const needle = parseExpr(c, PREC.comparison);
      expectWord(c, 'IN');
      const hay = parseExpr(c);
      expectOp(c, ')');
      return { kind: 'call', name, args: [needle, hay] };
    }
    case 'SUBSTRING': case 'SUBSTR': case 'MID': {
      c.i++;
      const args = [parseExpr(c)];
      if (acceptWord(c, 'FROM')) {
        args.push(parseExpr(c));
        if (acceptWord(c, 'FOR')) args.push(parseExpr(c));
      } else while (acceptOp(c, ',')) args.push(parseExpr(c));
      expectOp(c, ')');
      return { kind: 'call', name, args };
    }
    case 'TRIM': {
      c.i++;
      const sideWord = peek(c).value;
      const side = peek(c).kind === 'word' && (sideWord === 'LEADING' || sideWord === 'TRAILING' || sideWord === 'BOTH')
        ? (c.i++, sideWord.toLowerCase()) : undefined;
      let remove: Expr = { kind: 'string', value: ' ' };
      if (!acceptWord(c, 'FROM')) {
        const first = parseExpr(c);
        if (!side && acceptOp(c, ')')) return { kind: 'call', name, args: [first] };
        remove = first;
        expectWord(c, 'FROM');
      }
      const x = parseExpr(c);
      expectOp(c, ')');
      return { kind: 'call', name, args: [x, remove, { kind: 'string', value: side ?? 'both' }] };
    }
    default:
      return undefined;
  }
}

/** Items of row constructors (a, b), which stay `opaque` in the AST; used to expand (a, b) = (c, d). */
export const rowItems = new WeakMap<Expr, Expr[]>();

/** (a, b) = (c, d) → a = c AND b = d; <=> likewise; <> / != → a <> c OR b <> d. Other row comparisons stay opaque. */
export function rowComparison(op: string, left: Expr, right: Expr): Expr | undefined {
  const l = rowItems.get(left);
  const r = rowItems.get(right);
  if (!l || !r || l.length !== r.length) return undefined;
  const joiner = op === '=' || op === '<=>' ? 'and' : op === '<>' || op === '!=' ? 'or' : undefined;
  if (!joiner) return undefined;
  const parts: Expr[] = l.map((x, k) => ({ kind: 'binary', op, left: x, right: r[k]! }));
  const chain = parts.reduce((acc, p) => ({ kind: 'binary', op: joiner, left: acc, right: p }));
  return { kind: 'paren', expr: chain };
}
