import type { QName } from '../model/catalog.js';
import type { DiagnosticCode, Severity } from '../model/diagnostics.js';
import { assertNever, walkExpr, type Cast, type Expr } from '../model/expr.js';
import { dataType, type DataType } from '../model/types.js';
import type { TranspileContext } from './context.js';
import { translateCall, convertWithStyle } from './functions.js';
import { findTypeRule, renderTypeTemplate, typeKey, PG_STRING_TYPES } from './types.js';

/** A problem found while translating one expression; the caller decides what happens to the owning object. */
export interface ExprProblem {
  code: DiagnosticCode;
  message: string;
  rule?: string;
  severity?: Severity;
}

/** What an expression can see: the dialect's rules, its table's columns (source names) and their PostgreSQL types. */
export interface ExprEnv {
  ctx: TranspileContext;
  /** Source table the expression belongs to; column refs map through it. */
  table?: QName;
  /** PostgreSQL type of each column, by TARGET column name. */
  columnTypes?: Map<string, DataType>;
}

export interface ExprResult {
  expr: Expr;
  problems: ExprProblem[];
  /** True when some part could not be translated (PGS3001/PGS3002): the object goes to manual. */
  failed: boolean;
}

/** Translate a source expression into PostgreSQL's spelling of the shared AST. */
export function translateExpr(e: Expr, env: ExprEnv): ExprResult {
  const problems: ExprProblem[] = [];
  const expr = tx(e, env, problems);
  return { expr, problems, failed: problems.some((p) => p.code === 'PGS3001' || p.code === 'PGS3002' || p.code === 'PGS2001') };
}

/** Operators both sources write the same way as PostgreSQL. */
const SAME_OPS = new Set(['-', '*', '/', '%', '=', '<>', '<', '>', '<=', '>=', 'and', 'or', '&', '|', '<<', '>>',
  'is distinct from', 'is not distinct from', '~', '||']);

function tx(e: Expr, env: ExprEnv, out: ExprProblem[]): Expr {
  const sub = (x: Expr): Expr => tx(x, env, out);
  const { ctx } = env;
  switch (e.kind) {
    case 'string': return { kind: 'string', value: e.value, span: e.span };
    case 'number': case 'null': case 'bool': case 'bytes': case 'star': return e;
    case 'column': return { ...e, parts: mapColumnParts(e.parts, env) };
    case 'variable':
      out.push({ code: 'PGS3002', message: `variable ${e.system ? '@@' : '@'}${e.name} has no meaning in a PostgreSQL ${'expression'} here` });
      return { kind: 'opaque', text: `${e.system ? '@@' : '@'}${e.name}`, span: e.span };
    case 'call': return translateCall(e, e.args.map(sub), env, out);
    case 'binary': return translateBinary(e.op.toLowerCase(), sub(e.left), sub(e.right), env, out, e);
    case 'unary': return { ...e, op: e.op === '!' ? 'not' : e.op, operand: sub(e.operand) };
    case 'paren': return { ...e, expr: sub(e.expr) };
    case 'case': return {
      ...e,
      operand: e.operand && sub(e.operand),
      whens: e.whens.map((w) => ({ when: sub(w.when), then: sub(w.then) })),
      else: e.else && sub(e.else),
    };
    case 'cast': return translateCast(e, sub(e.expr), env, out);
    case 'in': return { ...e, expr: sub(e.expr), list: e.list.map(sub) };
    case 'between': return { ...e, expr: sub(e.expr), low: sub(e.low), high: sub(e.high) };
    case 'like': return translateLike(e, sub(e.expr), sub(e.pattern), e.escape && sub(e.escape), ctx.dialect, out);
    case 'isnull': return { ...e, expr: sub(e.expr) };
    case 'exists': case 'subquery':
      out.push({ code: 'PGS3002', message: 'subqueries are not allowed in PostgreSQL defaults, CHECK constraints or generated columns' });
      return e;
    case 'interval': return { ...e, value: sub(e.value) };
    case 'opaque':
      out.push({ code: 'PGS3002', message: `expression not understood: ${e.text}${e.reason ? ` (${e.reason})` : ''}` });
      return e;
    default: return assertNever(e);
  }
}

function mapColumnParts(parts: string[], env: ExprEnv): string[] {
  const { names } = env.ctx;
  const col = parts[parts.length - 1]!;
  const last = env.table ? names.column(env.table, col) : names.fold(col);
  if (parts.length === 1) return [last];
  // Qualified references inside one table's expression name the table itself (or its alias): keep the mapped table name.
  const qual = parts.slice(0, -1);
  const schema = qual.length > 1 ? qual[qual.length - 2]! : env.table?.schema ?? '';
  const rel = env.ctx.names.relation({ schema, name: qual[qual.length - 1]! });
  return rel ? [rel.name, last] : [...qual.map(names.fold), last];
}

/** PostgreSQL type of an already translated expression, where it is cheap to know. */
export function pgTypeOf(e: Expr, env: ExprEnv): DataType | undefined {
  switch (e.kind) {
    case 'string': return dataType('text');
    case 'column': return env.columnTypes?.get(e.parts[e.parts.length - 1]!);
    case 'cast': return e.type;
    case 'paren': return pgTypeOf(e.expr, env);
    case 'binary': return e.op === '||' ? dataType('text') : undefined;
    case 'call': return STRING_FUNCTIONS.has(e.name[e.name.length - 1]!.toLowerCase()) ? dataType('text') : undefined;
    default: return undefined;
  }
}

const STRING_FUNCTIONS = new Set(['concat', 'concat_ws', 'upper', 'lower', 'ltrim', 'rtrim', 'btrim', 'substring', 'substr',
  'replace', 'left', 'right', 'reverse', 'repeat', 'lpad', 'rpad', 'chr', 'md5', 'to_char']);

export const isStringTyped = (e: Expr, env: ExprEnv): boolean => {
  const t = pgTypeOf(e, env);
  return !!t && !t.schema && !t.array && PG_STRING_TYPES.has(t.name);
};

const isBoolTyped = (e: Expr, env: ExprEnv): boolean => pgTypeOf(e, env)?.name === 'boolean';

function bitToBool(e: Expr): Expr {
  return e.kind === 'number' && (e.value === '0' || e.value === '1') ? { kind: 'bool', value: e.value === '1', span: e.span } : e;
}

function translateBinary(op: string, left: Expr, right: Expr, env: ExprEnv, out: ExprProblem[], src: Expr): Expr {
  const { dialect } = env.ctx;
  const node = (o: string, l = left, r = right): Expr => ({ kind: 'binary', op: o, left: l, right: r, span: src.span });
  switch (op) {
    case '+':
      // T-SQL overloads + for strings; PostgreSQL concatenates with ||.
      if (dialect === 'tsql' && (isStringTyped(left, env) || isStringTyped(right, env))) return node('||');
      return node('+');
    case '!=': return node('<>');
    case '<=>': return node('is not distinct from');
    case 'regexp': case 'rlike': return node('~');
    case '^': return node('#');
    case '&&': return node('and');
    case 'div': return { kind: 'call', name: ['div'], args: [left, right], span: src.span };
    case '||':
      // MySQL's || is logical OR unless PIPES_AS_CONCAT is set.
      return dialect === 'mysql' ? node('or') : node('||');
    case 'xor': return node('<>');
    case '=': case '<>':
      // bit columns become boolean: compare with true/false, not 0/1.
      if (isBoolTyped(left, env)) return node(op, left, bitToBool(right));
      if (isBoolTyped(right, env)) return node(op, bitToBool(left), right);
      return node(op);
    default:
      if (SAME_OPS.has(op)) return node(op);
      out.push({ code: 'PGS3002', message: `operator ${op} has no PostgreSQL equivalent here` });
      return node(op);
  }
}

/** T-SQL LIKE with [...] character classes → SIMILAR TO, with SIMILAR's other metacharacters escaped. */
export function likeToSimilar(pattern: string): string {
  let out = '';
  let inClass = false;
  for (const ch of pattern) {
    if (inClass) {
      out += ch === '\\' ? '\\\\' : ch;
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if ('|*+?{}()\\'.includes(ch)) {
      out += `\\${ch}`;
    } else out += ch;
  }
  return out;
}

function translateLike(e: Extract<Expr, { kind: 'like' }>, expr: Expr, pattern: Expr, escape: Expr | undefined, dialect: string, out: ExprProblem[]): Expr {
  if (e.op === 'rlike') return { kind: 'binary', op: e.not ? '!~' : '~', left: expr, right: pattern, span: e.span };
  if (dialect === 'tsql' && e.op === 'like' && pattern.kind === 'string' && /\[[^\]]*\]/.test(pattern.value)) {
    if (escape) {
      out.push({ code: 'PGS3003', message: `LIKE pattern ${pattern.value} with ESCAPE kept as LIKE: character classes [...] match literally in PostgreSQL` });
      return { ...e, expr, pattern, escape };
    }
    return { ...e, op: 'similar', expr, pattern: { kind: 'string', value: likeToSimilar(pattern.value), span: pattern.span } };
  }
  return { ...e, expr, pattern, escape };
}

/** MySQL CAST target spellings that are not column types. */
const MYSQL_CAST_TYPES: Record<string, string> = {
  signed: 'bigint', 'signed integer': 'bigint', unsigned: 'bigint', 'unsigned integer': 'bigint', integer: 'bigint',
  char: 'text', nchar: 'text', binary: 'bytea', json: 'jsonb', double: 'double precision', float: 'real',
};

/** Map a type written in an expression (CAST/CONVERT) with the same rules as columns. */
export function mapCastType(t: DataType, env: ExprEnv, out: ExprProblem[]): DataType {
  const { ctx } = env;
  const k = typeKey(t.name);
  if (ctx.dialect === 'mysql' && MYSQL_CAST_TYPES[k] && !(k === 'char' && t.args.length)) return dataType(MYSQL_CAST_TYPES[k]!);
  // T-SQL: (n)varchar/(n)char without a length means 30 in CAST and CONVERT.
  const src = ctx.dialect === 'tsql' && t.args.length === 0 && ['varchar', 'nvarchar', 'char', 'nchar'].includes(k) ? { ...t, args: [30] } : t;
  const rule = findTypeRule(ctx.typeRules, src, {});
  if (!rule || rule.to === 'enum-type' || rule.to === 'set-array') {
    out.push({ code: 'PGS2001', message: `no type rule matches ${t.raw} in a cast` });
    return dataType('text');
  }
  return renderTypeTemplate(rule.to, src);
}

function translateCast(e: Cast, inner: Expr, env: ExprEnv, out: ExprProblem[]): Expr {
  const type = mapCastType(e.type, env, out);
  if (e.form === 'try_cast' || e.form === 'try_convert') {
    out.push({ code: 'PGS3003', message: `${e.form.toUpperCase()} becomes CAST: invalid values raise an error instead of giving NULL` });
  }
  if (e.style) return convertWithStyle(inner, type, e.style, out, e);
  return { kind: 'cast', expr: inner, type, form: 'cast', span: e.span };
}

/** Functions whose result changes between calls or sessions: a generated column over them cannot be STORED. */
const NOT_IMMUTABLE = new Set(['now', 'current_timestamp', 'current_date', 'current_time', 'localtime', 'localtimestamp',
  'clock_timestamp', 'statement_timestamp', 'transaction_timestamp', 'timeofday', 'random', 'gen_random_uuid', 'current_user',
  'session_user', 'current_role', 'user', 'current_schema', 'current_catalog', 'current_database', 'current_setting',
  'inet_client_addr', 'to_char', 'age', 'txid_current', 'nextval', 'currval', 'setseed']);

export function isImmutable(e: Expr): boolean {
  let ok = true;
  walkExpr(e, (x) => {
    if (x.kind === 'call' && NOT_IMMUTABLE.has(x.name[x.name.length - 1]!.toLowerCase())) ok = false;
    if (x.kind === 'subquery' || x.kind === 'exists' || x.kind === 'opaque') ok = false;
  });
  return ok;
}
