import { assertNever, type Expr } from '../../model/expr.js';
import { NILADIC_FUNCTIONS } from './keywords.js';
import { printFailure } from './print-error.js';
import { printType } from './print-type.js';
import { quoteFunctionName, quoteIdent, quoteLiteral } from './quote.js';
import { printOrderBy, printQuery, printWindow } from './print-query.js';

/** Binding strength, PostgreSQL's operator precedence table (higher binds tighter). */
const enum Prec {
  Or = 1,
  And = 2,
  Not = 3,
  Is = 4,
  Compare = 5,
  Pattern = 6, // BETWEEN IN LIKE ILIKE SIMILAR
  Other = 7, // any other operator: || ~ & | # << >>
  Add = 8,
  Mul = 9,
  Exp = 10,
  Unary = 11,
  Atom = 12,
}

/** Source spellings → PostgreSQL operator and its precedence. */
const BINARY_OPS: Record<string, { text: string; prec: Prec }> = {
  or: { text: 'OR', prec: Prec.Or },
  and: { text: 'AND', prec: Prec.And },
  is: { text: 'IS', prec: Prec.Is },
  'is not': { text: 'IS NOT', prec: Prec.Is },
  'is distinct from': { text: 'IS DISTINCT FROM', prec: Prec.Is },
  'is not distinct from': { text: 'IS NOT DISTINCT FROM', prec: Prec.Is },
  '<=>': { text: 'IS NOT DISTINCT FROM', prec: Prec.Is },
  '=': { text: '=', prec: Prec.Compare },
  '<>': { text: '<>', prec: Prec.Compare },
  '!=': { text: '<>', prec: Prec.Compare },
  '<': { text: '<', prec: Prec.Compare },
  '>': { text: '>', prec: Prec.Compare },
  '<=': { text: '<=', prec: Prec.Compare },
  '>=': { text: '>=', prec: Prec.Compare },
  '||': { text: '||', prec: Prec.Other },
  '&': { text: '&', prec: Prec.Other },
  '|': { text: '|', prec: Prec.Other },
  '#': { text: '#', prec: Prec.Other },
  '<<': { text: '<<', prec: Prec.Other },
  '>>': { text: '>>', prec: Prec.Other },
  '~': { text: '~', prec: Prec.Other },
  '~*': { text: '~*', prec: Prec.Other },
  '!~': { text: '!~', prec: Prec.Other },
  '!~*': { text: '!~*', prec: Prec.Other },
  regexp: { text: '~', prec: Prec.Other },
  '->': { text: '->', prec: Prec.Other },
  '->>': { text: '->>', prec: Prec.Other },
  '#>': { text: '#>', prec: Prec.Other },
  '#>>': { text: '#>>', prec: Prec.Other },
  '#-': { text: '#-', prec: Prec.Other },
  '@>': { text: '@>', prec: Prec.Other },
  '<@': { text: '<@', prec: Prec.Other },
  '+': { text: '+', prec: Prec.Add },
  '-': { text: '-', prec: Prec.Add },
  '*': { text: '*', prec: Prec.Mul },
  '/': { text: '/', prec: Prec.Mul },
  '%': { text: '%', prec: Prec.Mul },
  '^': { text: '^', prec: Prec.Exp },
};

/** Comparison operators do not associate in PostgreSQL (a = b = c is an error). */
const NON_ASSOCIATIVE = new Set<Prec>([Prec.Compare, Prec.Is, Prec.Pattern]);

/** MySQL compound interval units and PostgreSQL's field qualifier for them. */
const COMPOUND_UNITS: Record<string, string> = {
  year_month: 'YEAR TO MONTH',
  day_hour: 'DAY TO HOUR',
  day_minute: 'DAY TO MINUTE',
  day_second: 'DAY TO SECOND',
  hour_minute: 'HOUR TO MINUTE',
  hour_second: 'HOUR TO SECOND',
  minute_second: 'MINUTE TO SECOND',
};

export interface ExprPrintOptions {
  /** 'inline' prints opaque text as written (for manual drafts); the default raises a print failure. */
  opaque?: 'fail' | 'inline';
}

/** A PostgreSQL expression tree as text, with the parentheses its shape needs. */
export function printExpr(e: Expr, opts: ExprPrintOptions = {}): string {
  return print(e, opts).text;
}

interface Printed { text: string; prec: Prec }

function print(e: Expr, o: ExprPrintOptions): Printed {
  // The transpiler leaves only PostgreSQL collation names on nodes.
  if (e.collate) return atom(`(${print({ ...e, collate: undefined }, o).text} COLLATE ${quoteIdent(e.collate)})`);
  switch (e.kind) {
    case 'string': return atom(quoteLiteral(e.value));
    case 'number': return { text: e.value, prec: e.value.startsWith('-') ? Prec.Unary : Prec.Atom };
    case 'null': return atom('NULL');
    case 'bool': return atom(e.value ? 'TRUE' : 'FALSE');
    case 'bytes': return atom(`'\\x${e.hex}'::bytea`);
    case 'column': return atom(e.parts.length === 1 ? quoteIdent(e.parts[0]!) : e.parts.map(quoteIdent).join('.'));
    case 'variable': throw printFailure(`variable ${e.system ? '@@' : '@'}${e.name} has no PostgreSQL form here`);
    case 'star': return atom(e.table ? `${e.table.map(quoteIdent).join('.')}.*` : '*');
    case 'call': return atom(printCall(e, o));
    case 'binary': {
      const op = BINARY_OPS[e.op.toLowerCase()];
      if (!op) throw printFailure(`operator ${e.op} has no PostgreSQL form`);
      const left = operand(e.left, op.prec, NON_ASSOCIATIVE.has(op.prec), o);
      // Left-associative: a right child of equal strength needs parentheses (a - (b - c)); AND/OR are associative.
      const sameAssoc = (op.prec === Prec.And || op.prec === Prec.Or) && e.right.kind === 'binary' && e.right.op.toLowerCase() === e.op.toLowerCase();
      const right = operand(e.right, op.prec, !sameAssoc, o);
      return { text: `${left} ${op.text} ${right}`, prec: op.prec };
    }
    case 'unary': {
      if (e.op === 'not' || e.op === '!') {
        const inner = print(e.operand, o);
        return { text: `NOT ${inner.prec === Prec.Atom ? inner.text : `(${inner.text})`}`, prec: Prec.Not };
      }
      const inner = print(e.operand, o);
      const wrap = inner.prec < Prec.Unary || inner.text.startsWith('-') || inner.text.startsWith('+');
      const text = wrap ? `(${inner.text})` : inner.text;
      return { text: `${e.op}${text}`, prec: Prec.Unary };
    }
    case 'paren': return atom(`(${print(e.expr, o).text})`);
    case 'case': {
      const parts = ['CASE'];
      if (e.operand) parts.push(print(e.operand, o).text);
      for (const w of e.whens) parts.push(`WHEN ${print(w.when, o).text} THEN ${print(w.then, o).text}`);
      if (e.else) parts.push(`ELSE ${print(e.else, o).text}`);
      parts.push('END');
      return atom(parts.join(' '));
    }
    case 'cast': return atom(`CAST(${print(e.expr, o).text} AS ${printType(e.type)})`);
    case 'in': {
      if (e.select) return { text: `${operand(e.expr, Prec.Pattern, true, o)} ${e.not ? 'NOT IN' : 'IN'} (${printQuery(e.select, { ...o, compact: true })})`, prec: Prec.Pattern };
      const list = e.list.map((x) => print(x, o).text).join(', ');
      return { text: `${operand(e.expr, Prec.Pattern, true, o)} ${e.not ? 'NOT IN' : 'IN'} (${list})`, prec: Prec.Pattern };
    }
    case 'between': {
      // BETWEEN bounds are b_expr in the grammar: no comparisons, boolean or pattern operators without parentheses.
      const low = operand(e.low, Prec.Other, false, o);
      const high = operand(e.high, Prec.Other, false, o);
      return { text: `${operand(e.expr, Prec.Pattern, true, o)} ${e.not ? 'NOT BETWEEN' : 'BETWEEN'} ${low} AND ${high}`, prec: Prec.Pattern };
    }
    case 'like': {
      const left = operand(e.expr, Prec.Pattern, true, o);
      const pattern = operand(e.pattern, Prec.Pattern, true, o);
      if (e.op === 'rlike') {
        if (e.escape) throw printFailure('regular-expression match with ESCAPE has no PostgreSQL form');
        return { text: `${left} ${e.not ? '!~' : '~'} ${operand(e.pattern, Prec.Other, true, o)}`, prec: Prec.Other };
      }
      const word = e.op === 'similar' ? 'SIMILAR TO' : e.op.toUpperCase();
      const escape = e.escape ? ` ESCAPE ${operand(e.escape, Prec.Pattern, true, o)}` : '';
      return { text: `${left} ${e.not ? 'NOT ' : ''}${word} ${pattern}${escape}`, prec: Prec.Pattern };
    }
    case 'isnull': return { text: `${operand(e.expr, Prec.Is, true, o)} ${e.not ? 'IS NOT NULL' : 'IS NULL'}`, prec: Prec.Is };
    case 'exists': return { text: `${e.not ? 'NOT ' : ''}EXISTS (${subqueryText(e.select, e.query, o)})`, prec: e.not ? Prec.Not : Prec.Atom };
    case 'subquery': return atom(`${e.quantifier ? `${e.quantifier.toUpperCase()} ` : ''}(${subqueryText(e.select, e.query, o)})`);
    case 'interval': return printInterval(e.value, e.unit, o);
    case 'opaque':
      if (o.opaque === 'inline') return atom(`/* not converted: */ ${e.text}`);
      throw printFailure(`syntax not converted: ${e.text}${e.reason ? ` (${e.reason})` : ''}`);
    default: return assertNever(e);
  }
}

function atom(text: string): Printed {
  return { text, prec: Prec.Atom };
}

/** Parenthesise a child that binds looser than its parent (or equally, when `strict`). */
function operand(e: Expr, parent: Prec, strict: boolean, o: ExprPrintOptions): string {
  const p = print(e, o);
  return p.prec < parent || (strict && p.prec === parent) ? `(${p.text})` : p.text;
}

/** A nested query prints from its tree. */
function subqueryText(select: Parameters<typeof printQuery>[0] | undefined, text: string, o: ExprPrintOptions): string {
  // Without a tree the text is kept as written (callers that print source text own the risk).
  return select ? printQuery(select, { ...o, compact: true }) : text;
}

function printCall(e: Extract<Expr, { kind: 'call' }>, o: ExprPrintOptions): string {
  const last = e.name[e.name.length - 1]?.toLowerCase() ?? '';
  if (e.niladic && e.name.length === 1 && NILADIC_FUNCTIONS.has(last)) return last.toUpperCase();
  const name = e.name.map(quoteFunctionName).join('.');
  if (e.niladic && e.args.length === 0) return `${name}()`;
  const args = e.star ? '*' : `${e.distinct ? 'DISTINCT ' : ''}${e.args.map((a) => print(a, o).text).join(', ')}`;
  const order = e.orderBy?.length ? ` ORDER BY ${printOrderBy(e.orderBy, o)}` : '';
  const within = e.withinGroup && order ? ` WITHIN GROUP (${order.trim()})` : '';
  const filter = e.filter ? ` FILTER (WHERE ${print(e.filter, o).text})` : '';
  const over = e.window ? ` OVER ${printWindow(e.window, o)}` : e.over ? ` OVER ${e.over.trim().startsWith('(') ? e.over.trim() : `(${e.over.trim()})`}` : '';
  return `${name}(${args}${within ? '' : order})${within}${filter}${over}`;
}

function printInterval(value: Expr, unitRaw: string, o: ExprPrintOptions): Printed {
  const unit = unitRaw.toLowerCase();
  const compound = COMPOUND_UNITS[unit];
  const literal = value.kind === 'number' ? value.value : value.kind === 'string' ? value.value : undefined;
  if (compound) {
    if (literal === undefined) throw printFailure(`INTERVAL with unit ${unitRaw} needs a literal value`);
    return atom(`INTERVAL ${quoteLiteral(literal)} ${compound}`);
  }
  if (unit.includes('_')) throw printFailure(`interval unit ${unitRaw} has no PostgreSQL form`);
  if (literal !== undefined && /^[-+]?\d+(\.\d+)?$/.test(literal.trim())) {
    return atom(`INTERVAL ${quoteLiteral(`${literal.trim()} ${unit}`)}`);
  }
  return { text: `(${print(value, o).text}) * INTERVAL ${quoteLiteral(`1 ${unit}`)}`, prec: Prec.Mul };
}
