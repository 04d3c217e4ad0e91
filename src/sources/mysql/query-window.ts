import { walkExpr, type Expr } from '../../model/expr.js';
import type { OrderItem, Select, WindowSpec } from '../../model/query.js';
import {
  acceptOp, acceptWord, acceptWords, fail, identifier, matchingParen, peek, peekOp, textOf, type Cursor,
} from './cursor.js';
import { parseExpr } from './expr-parser.js';

/** expr [ASC | DESC] {, ...} */
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

const SPEC_WORDS = new Set(['PARTITION', 'ORDER', 'ROWS', 'RANGE', 'GROUPS']);

/** '(' [window_name] [PARTITION BY exprs] [ORDER BY items] [frame] ')' — the frame is kept as written. */
export function parseWindowSpec(c: Cursor): WindowSpec {
  if (!peekOp(c, '(')) fail(c, "expected '(' for a window specification");
  const close = matchingParen(c, c.i);
  if (close < 0) fail(c, 'unbalanced parentheses');
  const saved = c.limit;
  c.limit = close;
  c.i++;
  const spec: WindowSpec = { partitionBy: [], orderBy: [] };
  try {
    const t = peek(c);
    if ((t.kind === 'word' && !SPEC_WORDS.has(t.value)) || t.kind === 'qid') spec.name = identifier(c, 'window name');
    if (acceptWords(c, 'PARTITION', 'BY')) do spec.partitionBy.push(parseExpr(c)); while (acceptOp(c, ','));
    if (acceptWords(c, 'ORDER', 'BY')) spec.orderBy = parseOrderItems(c);
    if (c.i < close) {
      const w = peek(c).value;
      if (w !== 'ROWS' && w !== 'RANGE' && w !== 'GROUPS') fail(c, 'unexpected text in a window specification');
      spec.frame = textOf(c, c.i, close - 1);
    }
  } finally {
    c.limit = saved;
  }
  c.i = close + 1;
  return spec;
}

/** OVER w | OVER (spec) */
export function parseOver(c: Cursor): WindowSpec {
  if (peekOp(c, '(')) return parseWindowSpec(c);
  return { name: identifier(c, 'window name'), partitionBy: [], orderBy: [] };
}

/** Named windows of a SELECT, kept until its ORDER BY (parsed after the WINDOW clause) is resolved too. */
const namedWindows = new WeakMap<Select, Map<string, WindowSpec>>();

/** Inlines WINDOW definitions into every OVER w / OVER (w ...) of the select list, HAVING and (later) ORDER BY. */
export function resolveNamedWindows(c: Cursor, sel: Select, defs: Map<string, WindowSpec>): void {
  // a definition may build on an earlier one: WINDOW w1 AS (PARTITION BY a), w2 AS (w1 ORDER BY b)
  for (const [k, spec] of defs) defs.set(k, inline(c, spec, defs, k));
  namedWindows.set(sel, defs);
  for (const item of sel.columns) resolveIn(c, item.expr, defs);
  if (sel.having) resolveIn(c, sel.having, defs);
}

/** Resolves OVER w in a select's ORDER BY items once they are parsed. */
export function resolveOrderWindows(c: Cursor, sel: Select, items: OrderItem[]): void {
  const defs = namedWindows.get(sel);
  if (defs) for (const item of items) resolveIn(c, item.expr, defs);
}

function resolveIn(c: Cursor, e: Expr, defs: Map<string, WindowSpec>): void {
  walkExpr(e, (x) => {
    if (x.kind === 'call' && x.window?.name) x.window = inline(c, x.window, defs);
  });
}

function inline(c: Cursor, spec: WindowSpec, defs: Map<string, WindowSpec>, self?: string): WindowSpec {
  if (!spec.name) return spec;
  const key = spec.name.toLowerCase();
  const def = key === self ? undefined : defs.get(key);
  if (!def) return spec;
  if (spec.partitionBy.length) fail(c, `window ${spec.name} is refined with PARTITION BY`);
  const out: WindowSpec = {
    partitionBy: def.partitionBy, orderBy: spec.orderBy.length ? spec.orderBy : def.orderBy,
  };
  const frame = spec.frame ?? def.frame;
  if (frame) out.frame = frame;
  return out;
}
