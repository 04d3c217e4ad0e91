import type { QName } from '../model/catalog.js';
import type { Expr } from '../model/expr.js';
import type { DataType } from '../model/types.js';

/**
 * Text for what the transpiler itself writes (trigger functions, manual drafts). The real printer lives in
 * src/target/postgres; this one is deliberately small and always parenthesises, as drafts are read by people.
 */
const RESERVED = new Set(['all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'both', 'case', 'cast', 'check',
  'collate', 'column', 'constraint', 'create', 'current_catalog', 'current_date', 'current_role', 'current_time', 'current_timestamp',
  'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for', 'foreign', 'from',
  'grant', 'group', 'having', 'in', 'initially', 'intersect', 'into', 'lateral', 'leading', 'limit', 'localtime', 'localtimestamp', 'not',
  'null', 'offset', 'on', 'only', 'or', 'order', 'placing', 'primary', 'references', 'returning', 'select', 'session_user', 'some',
  'symmetric', 'system_user', 'table', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using', 'variadic', 'when', 'where',
  'window', 'with']);

export function quoteIdent(s: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(s) && !RESERVED.has(s) ? s : `"${s.replaceAll('"', '""')}"`;
}

export function quoteQName(q: QName): string {
  return q.schema ? `${quoteIdent(q.schema)}.${quoteIdent(q.name)}` : quoteIdent(q.name);
}

export function typeText(t: DataType): string {
  const base = t.schema ? `${quoteIdent(t.schema)}.${quoteIdent(t.name)}` : t.name;
  const args = t.args.filter((a) => a !== 'max');
  return `${base}${args.length ? `(${args.join(',')})` : ''}${t.array ? '[]' : ''}`;
}

const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;

export function exprText(e: Expr): string {
  switch (e.kind) {
    case 'string': return lit(e.value);
    case 'number': return e.value;
    case 'null': return 'NULL';
    case 'bool': return e.value ? 'true' : 'false';
    case 'bytes': return e.bits !== undefined ? `B${lit(e.bits)}` : `'\\x${e.hex}'::bytea`;
    case 'column': return e.parts.map(quoteIdent).join('.');
    case 'variable': return `${e.system ? '@@' : '@'}${e.name}`;
    case 'call': {
      if (e.niladic && e.args.length === 0) return e.name.join('.').toUpperCase();
      return `${e.name.join('.')}(${e.distinct ? 'DISTINCT ' : ''}${e.star ? '*' : e.args.map(exprText).join(', ')})${e.over ? ` OVER (${e.over})` : ''}`;
    }
    case 'binary': return `${exprText(e.left)} ${e.op.toUpperCase()} ${exprText(e.right)}`;
    case 'unary': return e.op === 'not' || e.op === '!' ? `NOT ${exprText(e.operand)}` : `${e.op}${exprText(e.operand)}`;
    case 'paren': return `(${exprText(e.expr)})`;
    case 'case': return `CASE${e.operand ? ` ${exprText(e.operand)}` : ''}${e.whens.map((w) => ` WHEN ${exprText(w.when)} THEN ${exprText(w.then)}`).join('')}${e.else ? ` ELSE ${exprText(e.else)}` : ''} END`;
    case 'cast': return `CAST(${exprText(e.expr)} AS ${typeText(e.type)})`;
    case 'in': return `${exprText(e.expr)} ${e.not ? 'NOT IN' : 'IN'} (${e.list.map(exprText).join(', ')})`;
    case 'between': return `${exprText(e.expr)} ${e.not ? 'NOT BETWEEN' : 'BETWEEN'} ${exprText(e.low)} AND ${exprText(e.high)}`;
    case 'like': return `${exprText(e.expr)} ${e.not ? 'NOT ' : ''}${e.op === 'similar' ? 'SIMILAR TO' : e.op === 'rlike' ? '~' : e.op.toUpperCase()} ${exprText(e.pattern)}${e.escape ? ` ESCAPE ${exprText(e.escape)}` : ''}`;
    case 'isnull': return `${exprText(e.expr)} IS ${e.not ? 'NOT ' : ''}NULL`;
    case 'exists': return `${e.not ? 'NOT ' : ''}EXISTS (${e.query})`;
    case 'subquery': return `(${e.query})`;
    case 'interval': return `INTERVAL ${lit(`${e.value.kind === 'number' || e.value.kind === 'string' ? e.value.value : exprText(e.value)} ${e.unit}`)}`;
    case 'star': return e.table ? `${e.table.join('.')}.*` : '*';
    case 'opaque': return `/* not converted: */ ${e.text}`;
    default: return e satisfies never;
  }
}
