import type { Expr } from '../../model/expr.js';
import type { OrderItem, WindowSpec } from '../../model/query.js';
import {
  type Cursor, acceptOp, acceptWord, acceptWords, atEnd, expectOp, expectWord, isOp, isWord, next, peek, prev, syntaxError,
  textOf,
} from './cursor.js';
import { parseExpr } from './expr-parser.js';

/** order_item := expr [ASC | DESC]  (T-SQL has no NULLS FIRST/LAST) */
export function parseOrderItems(c: Cursor): OrderItem[] {
  const items: OrderItem[] = [];
  do {
    const expr = parseExpr(c);
    if (acceptWord(c, 'DESC')) items.push({ expr, desc: true });
    else {
      acceptWord(c, 'ASC');
      items.push({ expr });
    }
  } while (acceptOp(c, ','));
  return items;
}

/** '(' ORDER BY order_items ')' after WITHIN GROUP. */
export function parseWithinGroup(c: Cursor): OrderItem[] {
  expectOp(c, '(');
  expectWord(c, 'ORDER');
  expectWord(c, 'BY');
  const items = parseOrderItems(c);
  expectOp(c, ')');
  return items;
}

/**
 * over := '(' [PARTITION BY expr {',' expr}] [ORDER BY order_items] [(ROWS | RANGE) frame] ')'
 * The frame is kept as written: ROWS/RANGE frames mean the same in PostgreSQL.
 */
export function parseWindowSpec(c: Cursor): WindowSpec {
  expectOp(c, '(');
  const partitionBy: Expr[] = [];
  if (acceptWords(c, 'PARTITION', 'BY')) {
    do partitionBy.push(parseExpr(c)); while (acceptOp(c, ','));
  }
  const orderBy = acceptWords(c, 'ORDER', 'BY') ? parseOrderItems(c) : [];
  let frame: string | undefined;
  if (isWord(peek(c), 'ROWS') || isWord(peek(c), 'RANGE')) {
    const from = peek(c);
    while (!isOp(peek(c), ')')) {
      const t = next(c);
      if (atEnd(t) || isOp(t, '(')) throw syntaxError(c, 'expected a window frame', t);
    }
    frame = textOf(c, from, prev(c)).replace(/\s+/g, ' ');
  }
  expectOp(c, ')');
  return { partitionBy, orderBy, ...(frame ? { frame } : {}) };
}
