import type { View } from '../../model/catalog.js';
import type { FromItem, JoinSource, OrderItem, Query, Select, SetOperation, WindowSpec } from '../../model/query.js';
import { printExpr, type ExprPrintOptions } from './print-expr.js';
import { printFailure } from './print-error.js';
import { quoteIdent, quoteQName } from './quote.js';

/** Options for a query: `compact` prints one line (subqueries inside expressions). */
export interface QueryPrintOptions extends ExprPrintOptions {
  compact?: boolean;
}

/**
 * A PostgreSQL query tree as text: each clause on its own line, select items and joins one per line,
 * nested queries indented by two spaces per level. Deterministic: the same tree prints the same text.
 */
export function printQuery(q: Query, o: QueryPrintOptions = {}): string {
  return lines(q, o).join(o.compact ? ' ' : '\n');
}

/** CREATE VIEW for a PostgreSQL view carrying a query tree (options: check_option, security_invoker). */
export function printCreateView(v: View, o: QueryPrintOptions = {}): string {
  if (!v.select) throw new Error(`view ${v.name.name} has no query tree`);
  const cols = v.columns?.length ? ` (${v.columns.map(quoteIdent).join(', ')})` : '';
  const withOpts = v.options.security_invoker === 'true' ? ' WITH (security_invoker = true)' : '';
  const check = v.options.check_option ? `\nWITH ${v.options.check_option.toUpperCase()} CHECK OPTION` : '';
  return `CREATE VIEW ${quoteQName(v.name)}${cols}${withOpts} AS\n${printQuery(v.select, { ...o, compact: false })}${check}`;
}

const indent = (ls: string[], o: QueryPrintOptions): string[] => (o.compact ? ls : ls.map((l) => `  ${l}`));

function lines(q: Query, o: QueryPrintOptions): string[] {
  return q.kind === 'select' ? selectLines(q, o) : setOpLines(q, o);
}

/** A query as an operand or a FROM item: parenthesised, nested lines indented. */
export function nested(q: Query, o: QueryPrintOptions): string[] {
  const body = lines(q, o);
  if (o.compact) return [`(${body.join(' ')})`];
  return ['(', ...indent(body, o), ')'];
}

const SETOP_RANK: Record<SetOperation['op'], number> = { union: 1, except: 1, intersect: 2 };

function setOpLines(q: SetOperation, o: QueryPrintOptions): string[] {
  const operand = (c: Query, right: boolean): string[] => {
    const paged = c.orderBy.length > 0 || !!c.limit || !!c.offset || !!c.fetch || (c.kind === 'select' && !!c.with);
    // Set operations associate left; a right operand that is one, or a looser one under INTERSECT, needs parentheses.
    const needs = paged || (c.kind === 'setop' && (right || SETOP_RANK[c.op] < SETOP_RANK[q.op]));
    return needs ? nested(c, o) : lines(c, o);
  };
  return [
    ...operand(q.left, false),
    `${q.op.toUpperCase()}${q.all ? ' ALL' : ''}`,
    ...operand(q.right, true),
    ...tailLines(q, o),
  ];
}

function selectLines(q: Select, o: QueryPrintOptions): string[] {
  const out: string[] = [];
  const x = (e: Parameters<typeof printExpr>[0]): string => printExpr(e, o);
  if (q.with) {
    const ctes = q.with.ctes.map((c, i) => {
      const cols = c.columns?.length ? ` (${c.columns.map(quoteIdent).join(', ')})` : '';
      const body = nested(c.query, o);
      const head = `${i === 0 ? `WITH ${q.with!.recursive ? 'RECURSIVE ' : ''}` : ''}${quoteIdent(c.name)}${cols} AS ${body[0]}`;
      const rest = body.slice(1);
      if (i < q.with!.ctes.length - 1) {
        if (rest.length) rest[rest.length - 1] += ',';
        else return [`${head},`];
      }
      return [head, ...rest];
    });
    out.push(...ctes.flat());
  }
  const items = q.columns.map((c) => (c.alias !== undefined ? `${x(c.expr)} AS ${quoteIdent(c.alias)}` : x(c.expr)));
  const head = `SELECT${q.distinct ? ' DISTINCT' : ''}`;
  if (o.compact || items.length === 1) out.push(`${head} ${items.join(', ')}`);
  else out.push(head, ...items.map((it, i) => `  ${it}${i < items.length - 1 ? ',' : ''}`));
  if (q.from.length) {
    const froms = q.from.map((f) => fromLines(f, o));
    froms.forEach((f, i) => {
      const last = i === froms.length - 1;
      const block = [...f];
      if (!last) block[block.length - 1] += ',';
      if (i === 0) out.push(`FROM ${block[0]}`, ...block.slice(1));
      else out.push(...indent(block, o));
    });
  }
  if (q.where) out.push(`WHERE ${x(q.where)}`);
  if (q.groupBy.length) {
    const keys = q.groupBy.map(x).join(', ');
    out.push(`GROUP BY ${q.grouping ? `${q.grouping.toUpperCase()} (${keys})` : keys}`);
  }
  if (q.having) out.push(`HAVING ${x(q.having)}`);
  out.push(...tailLines(q, o));
  return out;
}

function tailLines(q: Pick<Select, 'orderBy' | 'limit' | 'offset' | 'fetch'>, o: QueryPrintOptions): string[] {
  const out: string[] = [];
  if (q.orderBy.length) out.push(`ORDER BY ${printOrderBy(q.orderBy, o)}`);
  if (q.fetch) {
    if (q.offset) out.push(`OFFSET ${printExpr(q.offset, o)} ROWS`);
    out.push(`FETCH FIRST ${paren(printExpr(q.fetch.count, o))} ROWS ${q.fetch.withTies ? 'WITH TIES' : 'ONLY'}`);
    return out;
  }
  if (q.limit) out.push(`LIMIT ${printExpr(q.limit, o)}`);
  if (q.offset) out.push(`OFFSET ${printExpr(q.offset, o)}`);
  return out;
}

/** FETCH FIRST takes a constant or a parenthesised expression. */
const paren = (s: string): string => (/^\d+$/.test(s) ? s : `(${s})`);

export function printOrderBy(items: OrderItem[], o: ExprPrintOptions): string {
  return items.map((i) => `${printExpr(i.expr, o)}${i.desc ? ' DESC' : ''}${i.nulls ? ` NULLS ${i.nulls.toUpperCase()}` : ''}`).join(', ');
}

export function printWindow(w: WindowSpec, o: ExprPrintOptions): string {
  if (w.name && !w.partitionBy.length && !w.orderBy.length && !w.frame) return quoteIdent(w.name);
  const parts: string[] = [];
  if (w.name) parts.push(quoteIdent(w.name));
  if (w.partitionBy.length) parts.push(`PARTITION BY ${w.partitionBy.map((e) => printExpr(e, o)).join(', ')}`);
  if (w.orderBy.length) parts.push(`ORDER BY ${printOrderBy(w.orderBy, o)}`);
  if (w.frame) parts.push(w.frame.trim());
  return `(${parts.join(' ')})`;
}

const aliasText = (alias: string | undefined, columns: string[] | undefined): string =>
  alias !== undefined ? ` AS ${quoteIdent(alias)}${columns?.length ? ` (${columns.map(quoteIdent).join(', ')})` : ''}` : '';

const JOIN_WORDS: Record<JoinSource['type'], string> = {
  inner: 'JOIN', left: 'LEFT JOIN', right: 'RIGHT JOIN', full: 'FULL JOIN', cross: 'CROSS JOIN',
  'cross apply': 'CROSS JOIN LATERAL', 'outer apply': 'LEFT JOIN LATERAL', straight: 'JOIN',
};

/** A FROM item as lines: the first is the item itself, joins follow one per line. */
function fromLines(f: FromItem, o: QueryPrintOptions): string[] {
  switch (f.kind) {
    case 'table': return [`${f.name.map(quoteIdent).join('.')}${aliasText(f.alias, undefined)}`];
    case 'derived': {
      const body = nested(f.query, o);
      const lateral = f.lateral ? 'LATERAL ' : '';
      body[0] = `${lateral}${body[0]}`;
      body[body.length - 1] += aliasText(f.alias, f.columns);
      return body;
    }
    case 'function': return [`${printExpr(f.call, o)}${aliasText(f.alias, f.columns)}`];
    case 'values': {
      const rows = f.rows.map((r) => `(${r.map((e) => printExpr(e, o)).join(', ')})`).join(', ');
      return [`(VALUES ${rows})${aliasText(f.alias, f.columns)}`];
    }
    case 'join': {
      const left = fromLines(f.left, o);
      let right = fromLines(f.right, o);
      if (f.right.kind === 'join') right = o.compact ? [`(${right.join(' ')})`] : ['(', ...indent(right, o), ')'];
      const word = `${f.natural ? 'NATURAL ' : ''}${JOIN_WORDS[f.type]}`;
      const cond = f.on ? ` ON ${printExpr(f.on, o)}` : f.using?.length ? ` USING (${f.using.map(quoteIdent).join(', ')})` : '';
      const first = `${word} ${right[0]}`;
      const joined = [first, ...right.slice(1)];
      joined[joined.length - 1] += cond;
      return [...left, ...indent(joined, o)];
    }
    // The transpiler writes PIVOT and UNPIVOT as derived tables.
    case 'pivot': case 'unpivot': throw printFailure(`${f.kind.toUpperCase()} has no PostgreSQL form`);
    default: {
      const never: never = f;
      return never;
    }
  }
}
