import type { Call, Expr } from '../model/expr.js';
import type { Select, SelectItem } from '../model/query.js';
import { dataType } from '../model/types.js';
import { isStringTyped, type ExprEnv, type ExprProblem } from './expr.js';

/**
 * T-SQL's string aggregation idiom: FOR XML PATH('') over unnamed columns writes their values one after another
 * over all rows (STUFF((SELECT ',' + x FROM ... FOR XML PATH('')), 1, 1, '')). It becomes string_agg(v, ''
 * ORDER BY ...) with the entities SQL Server writes (&amp; &lt; &gt; &#x0D;), so the result is the same. With
 * `, TYPE` the result is that XML, whose .value('.', type) reads the text back without the entities.
 */
const XML_PATH_TEXT = /^\s*FOR\s+XML\s+PATH\s*\(\s*N?''\s*\)\s*(,\s*TYPE\s*)?$/i;

const str = (value: string): Expr => ({ kind: 'string', value });
const call = (name: string, ...args: Expr[]): Call => ({ kind: 'call', name: [name], args });
const CR: Expr = call('chr', { kind: 'number', value: '13' });
/** Characters and the entities FOR XML writes for them ('&' first when escaping, last when reading back). */
const ENTITIES: [Expr, string][] = [[str('&'), '&amp;'], [str('<'), '&lt;'], [str('>'), '&gt;'], [CR, '&#x0D;']];

/** The select of a FOR XML PATH('') concatenation as string_agg (in place), or false when it is not that form. */
export function xmlPathConcat(clause: string, q: Select, select: Select, env: ExprEnv, out: ExprProblem[]): boolean {
  if (!XML_PATH_TEXT.test(clause) || q.groupBy.length || q.having || q.top || q.distinct || q.offset || q.fetch) return false;
  const unnamed = (c: SelectItem) => c.expr.kind !== 'star' && (c.alias === undefined || c.alias.toLowerCase() === 'text()');
  if (!q.columns.every(unnamed)) return false;
  const text = (e: Expr): Expr => (isStringTyped(e, env) || e.kind === 'string' ? e : { kind: 'cast', expr: e, type: TEXT, form: 'cast' });
  const escaped = (e: Expr): Expr => ENTITIES.reduce<Expr>((v, [c, entity]) => call('replace', v, c, str(entity)), e);
  const value = select.columns.map((c) => escaped(text(c.expr))).reduce((l, r) => ({ kind: 'binary', op: '||', left: l, right: r }));
  select.columns = [{ expr: { ...call('string_agg', value, str('')), ...(select.orderBy.length ? { orderBy: select.orderBy } : {}) } }];
  select.orderBy = [];
  const entities = /TYPE\s*$/i.test(clause) ? 'as XML text: & < > and CR as entities, which .value() reads back' : 'the &amp; &lt; &gt; &#x0D; entities SQL Server writes are kept';
  out.push({ code: 'PGS3003', message: `${clause.trim()} string concatenation becomes string_agg (${entities})` });
  return true;
}

/**
 * (SELECT ... FOR XML PATH(''), TYPE).value('.', 'nvarchar(max)'): the concatenation's text with its entities read
 * back. A call not of that form is an unknown function (reported).
 */
export function isXmlPathValue(c: Call): boolean {
  const [node, path] = c.args;
  if (c.name.join('.').toLowerCase() !== '.value' || node?.kind !== 'subquery' || path?.kind !== 'string' || path.value !== '.') return false;
  const clause = node.select?.kind === 'select' ? node.select.unsupported?.find((u) => XML_PATH_TEXT.test(u)) : undefined;
  return !!clause && /TYPE\s*$/i.test(clause);
}

/** The translated subquery of an isXmlPathValue call, its entities read back. */
export function xmlPathValue(translated: Expr): Expr {
  // The text is the value whatever the type named (string_agg gives text; nvarchar(max) is text here).
  return [...ENTITIES].reverse().reduce<Expr>((v, [ch, entity]) => call('replace', v, str(entity), ch), translated);
}

const TEXT = dataType('text');
