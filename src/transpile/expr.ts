import type { QName } from '../model/catalog.js';
import type { DiagnosticCode, Severity } from '../model/diagnostics.js';
import type { SourceSpan } from '../model/source.js';
import { assertNever, walkExpr, type Call, type Cast, type Expr } from '../model/expr.js';
import { extend } from '../model/objects.js';
import type { Query } from '../model/query.js';
import { dataType, type DataType } from '../model/types.js';
import type { TranspileContext } from './context.js';
import { translateCall, convertWithStyle } from './functions.js';
import { findTypeRule, renderTypeTemplate, typeKey, PG_STRING_TYPES } from './types.js';
import { inferType, isDateLike, isNumericClass, typeClass } from './infer.js';
import { resolveSource, type QueryScope } from './query-scope.js';
import { translateWindowedCall } from './aggregates.js';
import { translateJsonArrow } from './functions-json.js';
import { binaryCast, binaryStyleConvert } from './binary-cast.js';
import { fitFractionDigits } from './datetime-literal.js';
import { WINDOWS_ZONES } from './windows-zones.js';
import { asKnownText, isEnumValue, isSetArray, setAsText, tsqlDayNumber, tsqlDaysSince1900 } from './functions-ast.js';
import { isXmlPathValue, xmlPathValue } from './xml-path.js';

/** A problem found while translating one expression; the caller decides what happens to the owning object. */
export interface ExprProblem {
  code: DiagnosticCode;
  message: string;
  rule?: string;
  severity?: Severity;
  /** The innermost node with a span that the problem is about (set by translateExpr). */
  span?: SourceSpan;
  /** Problems with the same group are one diagnostic per object (the first, with the count; see reportOncePerGroup). */
  group?: string;
}

/** Each group's problems as its first one, its message counting them; ungrouped problems as they are, in order. */
export function reportOncePerGroup<P extends ExprProblem>(problems: P[], object: string): P[] {
  const counts = new Map<string, number>();
  for (const p of problems) if (p.group !== undefined) counts.set(p.group, (counts.get(p.group) ?? 0) + 1);
  if (!counts.size) return problems;
  const seen = new Set<string>();
  const out: P[] = [];
  for (const p of problems) {
    if (p.group === undefined) { out.push(p); continue; }
    if (seen.has(p.group)) continue;
    seen.add(p.group);
    const n = counts.get(p.group)!;
    const at = p.message.indexOf('; suggestion:');
    const cut = at < 0 ? p.message.length : at;
    out.push(n === 1 ? p : { ...p, message: `${p.message.slice(0, cut)} (${n} such calls in ${object}, reported once)${p.message.slice(cut)}` });
  }
  return out;
}

/** The xml data type's methods: on a column (or an APPLY ... .nodes() alias column) a call of one is that method. */
const XML_METHODS = new Set(['value', 'query', 'exist', 'nodes', 'modify']);

/** What an expression can see: the dialect's rules, its table's columns (source names) and their PostgreSQL types. */
export interface ExprEnv {
  ctx: TranspileContext;
  /** Source table the expression belongs to; column refs map through it. */
  table?: QName;
  /** PostgreSQL type of each column, by TARGET column name. */
  columnTypes?: Map<string, DataType>;
  /** Inside a query: the relations column references resolve against (outer levels included). */
  scope?: QueryScope;
  /** Inside a query: translates a nested query (subquery, EXISTS, IN (SELECT ...)) with this scope as its outer level. */
  subquery?: (q: Query, env: ExprEnv, out: ExprProblem[]) => Query;
}

export interface ExprResult {
  expr: Expr;
  problems: ExprProblem[];
  /** True when some part could not be translated (PGS3001/PGS3002, a call of a function in manual/): the object goes to manual. */
  failed: boolean;
}

/** Translate a source expression into PostgreSQL's spelling of the shared AST. */
export function translateExpr(e: Expr, env: ExprEnv): ExprResult {
  const problems: ExprProblem[] = [];
  const expr = tx(e, env, problems);
  return { expr, problems, failed: problems.some((p) => p.code === 'PGS3001' || p.code === 'PGS3002' || p.code === 'PGS2001' || p.code === 'PGS4008') };
}

/**
 * A method called on a column, as hierarchyid's [OrganizationNode].GetLevel(): the function rule ".GetLevel" receives the
 * column as $1 and the method's arguments after it. undefined when no such rule exists or the prefix is not a column
 * (then dbo.GetLevel() is a user function).
 */
function translateMethodCall(c: Call, env: ExprEnv, out: ExprProblem[]): Expr | undefined {
  if (c.name.length < 2 || c.window || c.over) return undefined;
  const method = `.${c.name[c.name.length - 1]!}`;
  if (env.ctx.dialect === 'tsql' && XML_METHODS.has(method.slice(1).toLowerCase()) && isColumnReference(c.name.slice(0, -1), env)) {
    out.push({
      code: 'PGS3001', group: 'xml-method',
      message: `${c.name.join('.')}(): xml data type method ${method.slice(1)}() (XQuery) has no PostgreSQL translation; suggestion: xpath('path', col) or XMLTABLE, which read XPath 1.0 (namespaces as prefixes: there is no default element namespace)`,
    });
    return c;
  }
  if (!env.ctx.functionRules.has(method.toUpperCase())) {
    if (!isColumn(c.name.slice(0, -1), env)) return undefined;
    out.push({ code: 'PGS3001', message: `${c.name.join('.')}(): method ${method.slice(1)} of a column's type (as geography's or xml's) has no PostgreSQL mapping` });
    return c;
  }
  const receiver = translateExpr({ kind: 'column', parts: c.name.slice(0, -1), ...(c.span ? { span: c.span } : {}) }, env);
  if (receiver.problems.length || !pgTypeOf(receiver.expr, env)) return undefined;
  const args = c.args.map((a) => tx(a, env, out));
  return translateCall({ ...c, name: [method] }, [receiver.expr, ...args], env, out);
}

/** Whether `parts` name a column in scope, typed or not (an APPLY alias's column has no known type), or a typed column of the table. */
function isColumnReference(parts: string[], env: ExprEnv): boolean {
  return env.scope ? !!resolveSource(env.scope, parts) : isColumn(parts, env);
}

/** Whether `parts` name a column of the expression's input (its type is known): `parts.x` is then a member of that type. */
function isColumn(parts: string[], env: ExprEnv): boolean {
  const r = translateExpr({ kind: 'column', parts }, env);
  return !r.problems.length && !!pgTypeOf(r.expr, env);
}

/** Operators both sources write the same way as PostgreSQL. */
const SAME_OPS = new Set(['-', '*', '/', '%', '=', '<>', '<', '>', '<=', '>=', 'and', 'or', '&', '|', '<<', '>>',
  'is distinct from', 'is not distinct from', '~', '||']);

function tx(e: Expr, env: ExprEnv, out: ExprProblem[]): Expr {
  const before = out.length;
  let r = txNode(e, env, out);
  if (e.collate) r = translateCollate(withoutCollate(r), e.collate, env, out);
  else if (r.collate) r = withoutCollate(r);
  // Children ran first, so a problem without a span belongs to this node.
  if (e.span) for (let i = before; i < out.length; i++) out[i]!.span ??= e.span;
  return r;
}

function txNode(e: Expr, env: ExprEnv, out: ExprProblem[]): Expr {
  const sub = (x: Expr): Expr => tx(x, env, out);
  const { ctx } = env;
  switch (e.kind) {
    case 'string': return { kind: 'string', value: e.value, span: e.span };
    case 'number': case 'null': case 'bool': case 'bytes': case 'star': return e;
    case 'column': return extend(e, { parts: mapColumnParts(e.parts, env, out) });
    case 'variable':
      // System variables (@@SPID, @@VERSION) are rules in the function files; local variables live in routines.
      if (e.system) return translateCall({ kind: 'call', name: [`@@${e.name}`], args: [], niladic: true, span: e.span }, [], env, out);
      out.push({ code: 'PGS3002', message: `variable @${e.name} has no meaning in a PostgreSQL expression here` });
      return { kind: 'opaque', text: `@${e.name}`, span: e.span };
    case 'call': {
      const xml = isXmlPathValue(e) ? xmlPathValue(sub(e.args[0]!)) : undefined;
      if (xml) return xml;
      return translateMethodCall(e, env, out) ?? booleansAsNumbers(translateWindowedCall(e, env, out, sub) ?? translateCall(e, callArgs(e, env, sub), env, out), env);
    }
    case 'binary': return translateBinary(e.op.toLowerCase(), sub(e.left), sub(e.right), env, out, e);
    case 'unary': {
      const op = e.op === '!' ? 'not' : e.op;
      const operand = sub(e.operand);
      // ~ of a bit (boolean) flips it: NOT (PostgreSQL has no ~ for boolean)
      if (op === '~' && typeClass(pgTypeOf(operand, env)) === 'boolean') return extend(e, { op: 'not' as const, operand });
      return extend(e, { op, operand: op === 'not' ? asCondition(operand, env) : operand });
    }
    case 'paren': return extend(e, { expr: sub(e.expr) });
    case 'case': {
      const operand = e.operand && sub(e.operand);
      // CASE bit WHEN 1 ...: the values compare as booleans
      const boolOperand = !!operand && typeClass(pgTypeOf(operand, env)) === 'boolean';
      return booleansAsNumbers({
        ...e,
        operand,
        whens: e.whens.map((w) => ({ when: e.operand ? (boolOperand ? bitToBool(sub(w.when)) : sub(w.when)) : asCondition(sub(w.when), env), then: sub(w.then) })),
        else: e.else && sub(e.else),
      }, env);
    }
    case 'cast': return translateCast(e, wallClockCast(e, env, out, sub) ?? sub(e.expr), env, out);
    case 'in': {
      if (!e.select) {
        let expr = sub(e.expr), list = e.list.map(sub);
        // bit IN (0, 1): compare booleans; with other numbers compare the bit as its number
        if (typeClass(pgTypeOf(expr, env)) === 'boolean' && list.some((x) => unparen(x).kind === 'number')) {
          if (list.every((x) => isBitLiteral(x) || x.kind === 'bool' || x.kind === 'null')) list = list.map(bitToBool);
          else expr = castTo(expr, INTEGER);
        }
        const asEnum = enumComparison('in', expr, list, env);
        return extend(e, asEnum ? { expr: asEnum.e, list: asEnum.others } : { expr, list });
      }
      if (!env.subquery) return noSubquery(e, out);
      return extend(e, { expr: sub(e.expr), list: [], select: env.subquery(e.select, env, out) });
    }
    case 'between': {
      const expr = sub(e.expr), low = sub(e.low), high = sub(e.high);
      // bit BETWEEN 0 AND 1 compares the bit as its number (boolean has no comparison with integers)
      if (typeClass(pgTypeOf(expr, env)) === 'boolean' && (unparen(low).kind === 'number' || unparen(high).kind === 'number')) return extend(e, { expr: castTo(expr, INTEGER), low, high });
      return extend(e, { expr, low, high });
    }
    case 'like': {
      // MySQL matches a number or a date against the pattern as its text; PostgreSQL's LIKE takes text only
      let left = ctx.dialect === 'mysql' && e.op === 'like' ? asKnownText(sub(e.expr), env) : sub(e.expr);
      const folded = ctx.dialect === 'tsql' && e.op === 'like' && !e.escape ? foldedClassPattern(e.pattern) : undefined;
      const pattern = folded ?? sub(e.pattern);
      // A case-sensitive COLLATE on the pattern: citext's LIKE would still match case-insensitively, text's does not.
      if (pattern.kind === 'cast' && pattern.collate === 'default' && pgTypeOf(left, env)?.name === 'citext') left = castTo(left, TEXT);
      return translateLike(e, left, pattern, e.escape && sub(e.escape), ctx.dialect, out);
    }
    case 'isnull': return extend(e, { expr: sub(e.expr) });
    case 'exists': case 'subquery':
      if (!env.subquery) return noSubquery(e, out);
      if (!e.select) {
        out.push({ code: 'PGS3002', message: `subquery not parsed: ${e.query}` });
        return { kind: 'opaque', text: `(${e.query})`, span: e.span };
      }
      return extend(e, { select: env.subquery(e.select, env, out) });
    case 'interval': return extend(e, { value: sub(e.value) });
    case 'opaque':
      out.push({ code: 'PGS3002', message: `expression not understood: ${e.text}${e.reason ? ` (${e.reason})` : ''}` });
      return e;
    default: return assertNever(e);
  }
}

function withoutCollate(e: Expr): Expr {
  if (e.collate === undefined) return e;
  const { collate: _source, ...rest } = e;
  return rest as Expr;
}

/**
 * expr COLLATE name. A case-sensitive source collation (MySQL *_bin / *_cs, SQL Server *_CS_* / *_BIN*) compares as text
 * in the database's deterministic default collation; a case-insensitive one, on a value that is not already, becomes
 * citext under the citext policy. Anything else is dropped with a PGS3003 naming it.
 */
function translateCollate(e: Expr, name: string, env: ExprEnv, out: ExprProblem[]): Expr {
  const n = name.toLowerCase();
  if (n === 'database_default') return e;
  if (/_bin2?$|_bin_|_cs$|_cs_/.test(n) || n === 'binary') return { ...castTo(e, TEXT), collate: 'default' };
  const ci = /_ci$|_ci_/.test(n);
  if (ci && pgTypeOf(e, env)?.name === 'citext') return e;
  if (ci && env.ctx.ciPolicy === 'citext') {
    env.ctx.extensions.add('citext');
    return castTo(e, dataType('citext'));
  }
  out.push({ code: 'PGS3003', message: `COLLATE ${name} dropped: the comparison uses the column's own collation` });
  return e;
}

function noSubquery(e: Expr, out: ExprProblem[]): Expr {
  out.push({ code: 'PGS3002', message: 'subqueries are not allowed in PostgreSQL defaults, CHECK constraints or generated columns' });
  return e;
}

function mapColumnParts(parts: string[], env: ExprEnv, out: ExprProblem[]): string[] {
  const { names } = env.ctx;
  if (env.scope) {
    const hit = resolveSource(env.scope, parts);
    if (hit?.col.missing) out.push({ code: 'PGS4007', message: `column ${parts.join('.')} is not in the output table (it went to manual/)` });
    const colName = hit?.col.name || names.fold(parts[parts.length - 1]!);
    if (hit && parts.length > 1) return [hit.rel.exposed, colName];
    if (hit) return [colName];
    if (parts.length > 1) propertyOfColumn(parts, env, out);
    // Not a FROM column: an output alias (ORDER BY alias) or a name outside the input.
    return parts.length > 1 ? [...parts.slice(0, -1).map(names.fold), colName] : [colName];
  }
  const col = parts[parts.length - 1]!;
  const last = env.table ? names.column(env.table, col) : names.fold(col);
  if (parts.length === 1) return [last];
  // Qualified references inside one table's expression name the table itself (or its alias): keep the mapped table name.
  const qual = parts.slice(0, -1);
  const schema = qual.length > 1 ? qual[qual.length - 2]! : env.table?.schema ?? '';
  const rel = env.ctx.names.relation({ schema, name: qual[qual.length - 1]! });
  if (!rel) propertyOfColumn(parts, env, out);
  return rel ? [rel.name, last] : [...qual.map(names.fold), last];
}

/** T-SQL col.Lat: a property of a column's type (geography, xml), which PostgreSQL would read as table.column. */
function propertyOfColumn(parts: string[], env: ExprEnv, out: ExprProblem[]): void {
  if (!isColumn(parts.slice(0, -1), env)) return;
  out.push({ code: 'PGS3001', message: `${parts.join('.')}: property ${parts[parts.length - 1]} of a column's type (as geography's .Lat) has no PostgreSQL equivalent` });
}

/** PostgreSQL type of an already translated expression, where it is cheap to know (see infer.ts). */
export function pgTypeOf(e: Expr, env: ExprEnv): DataType | undefined {
  return inferType(e, env);
}

export const isStringTyped = (e: Expr, env: ExprEnv): boolean => {
  const t = pgTypeOf(e, env);
  return !!t && !t.schema && !t.array && PG_STRING_TYPES.has(t.name);
};


/** e without its parentheses: SQL Server scripts literals in filters, checks and defaults as ([flag]=(0)). */
const unparen = (e: Expr): Expr => (e.kind === 'paren' ? unparen(e.expr) : e);

/** A 0 or 1 literal, also in parentheses. */
function bitLiteral(e: Expr): Extract<Expr, { kind: 'number' }> | undefined {
  const x = unparen(e);
  return x.kind === 'number' && (x.value === '0' || x.value === '1') ? x : undefined;
}

const isBitLiteral = (e: Expr): boolean => bitLiteral(e) !== undefined;

function bitToBool(e: Expr): Expr {
  const bit = bitLiteral(e);
  return bit ? { kind: 'bool', value: bit.value === '1', span: e.span } : e;
}

const NUMERIC = dataType('numeric');
const INTEGER = dataType('integer');
const BOOLEAN = dataType('boolean');
/** T-SQL's bitwise AND, OR and XOR, which keep bit operands a bit. */
const BIT_LOGIC = new Set(['&', '|', '^']);

/** bit / tinyint(1) columns become boolean; both sources compute with them as the numbers 0 and 1. */
function asNumber(e: Expr, env: ExprEnv): Expr {
  return typeClass(pgTypeOf(e, env)) === 'boolean' ? castTo(e, INTEGER) : e;
}

const BITWISE = new Set(['&', '|', '^', '<<', '>>']);
const NON_INTEGER = new Set(['exact', 'float']);
const BIGINT = dataType('bigint');

/** Operators that compute with numbers (a boolean operand counts as 0 or 1). */
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', 'div', '&', '|', '^', '<<', '>>']);

/** Aggregates over numbers: PostgreSQL has no sum(boolean) or max(boolean); the sources count true as 1. */
const NUMBER_AGGREGATES = new Set(['sum', 'avg', 'min', 'max', 'bit_and', 'bit_or', 'bit_xor', 'stddev', 'stddev_pop', 'stddev_samp',
  'var_pop', 'var_samp', 'variance']);

/** Functions whose arguments are alternative results of one type. */
const BRANCH_FUNCTIONS = new Set(['coalesce', 'greatest', 'least', 'nullif']);

/**
 * Where booleans meet numbers as one result (CASE branches, COALESCE, GREATEST) or feed a numeric aggregate, the booleans
 * become 0/1 as in both sources: PostgreSQL would reject the mix (CASE types boolean and integer cannot be matched).
 */
function booleansAsNumbers(e: Expr, env: ExprEnv): Expr {
  if (e.kind === 'call' && e.name.length === 1) {
    const name = e.name[0]!.toLowerCase();
    // MySQL's MIN/MAX of an ENUM compare its strings, not its member positions.
    if ((name === 'min' || name === 'max') && e.args.length === 1 && isEnumType(pgTypeOf(e.args[0]!, env))) return extend(e, { args: [castTo(e.args[0]!, TEXT)] });
    // MySQL's SUM/AVG of an ENUM compute with its member positions.
    if (NUMBER_AGGREGATES.has(name) && e.args.length === 1 && isEnumType(pgTypeOf(e.args[0]!, env))) return extend(e, { args: [enumPosition(e.args[0]!)] });
    if (NUMBER_AGGREGATES.has(name) && e.args.length === 1) return extend(e, { args: [asNumber(e.args[0]!, env)] });
    if (BRANCH_FUNCTIONS.has(name)) {
      const args = numberBranches(e.args, env);
      return args === e.args ? e : extend(e, { args });
    }
    return e;
  }
  if (e.kind !== 'case') return e;
  const branches = [...e.whens.map((w) => w.then), ...(e.else ? [e.else] : [])];
  const results = numberBranches(branches, env);
  if (results === branches) return e;
  return { ...e, whens: e.whens.map((w, i) => ({ when: w.when, then: results[i]! })), ...(e.else ? { else: results[e.whens.length]! } : {}) };
}

/** A call's translated arguments; those of COALESCE, GREATEST ... as one result type (their rule may wrap the call). */
function callArgs(e: Call, env: ExprEnv, sub: (x: Expr) => Expr): Expr[] {
  const args = e.args.map(sub);
  return e.name.length === 1 && BRANCH_FUNCTIONS.has(e.name[0]!.toLowerCase()) ? numberBranches(args, env) : args;
}

function numberBranches(es: Expr[], env: ExprEnv): Expr[] {
  const ts = es.map((x) => pgTypeOf(x, env));
  const ks = ts.map(typeClass);
  if (ks.includes('boolean') && ks.some(isNumericClass)) return es.map((x, i) => (ks[i] === 'boolean' ? castTo(x, INTEGER) : x));
  // A MySQL ENUM beside other strings (COALESCE(e, 'unknown')) gives a string, as in MySQL: PostgreSQL would read the strings as members.
  if (ts.some(isEnumType) && ts.some((t, i) => (ks[i] === 'string' || es[i]!.kind === 'string') && !isEnumType(t))) return es.map((x, i) => (isEnumType(ts[i]) ? castTo(x, TEXT) : x));
  return es;
}

const TEXT = dataType('text');
const isEnumType = (t: DataType | undefined): boolean => !!t?.schema && !!t.values && !t.array;

/** The member a string literal names, as MySQL matches it (case and trailing spaces ignored), or undefined. */
function enumMember(t: DataType, lit: Expr): string | undefined {
  if (lit.kind !== 'string') return undefined;
  const want = lit.value.replace(/ +$/, '').toLowerCase();
  return t.values!.find((v) => v.replace(/ +$/, '').toLowerCase() === want);
}

/**
 * A MySQL ENUM compared with strings compares as a string: a literal that names a member becomes that member (an enum
 * comparison, index-friendly); otherwise, or for an ordering (MySQL orders by the string, PostgreSQL by member position),
 * the enum is read as text. Undefined: not such a comparison.
 */
function enumComparison(op: string, e: Expr, others: Expr[], env: ExprEnv): { e: Expr; others: Expr[] } | undefined {
  const t = pgTypeOf(e, env);
  if (!isEnumType(t) || !others.every((o) => o.kind === 'string' || isStringTyped(o, env))) return undefined;
  const members = others.map((o) => enumMember(t!, o));
  if ((op === '=' || op === '<>' || op === 'in') && members.every((m) => m !== undefined)) {
    return { e, others: others.map((o, i) => ({ kind: 'string', value: members[i]!, span: o.span })) };
  }
  return { e: castTo(e, TEXT), others };
}

/** MySQL gives NULL for a division by zero (PostgreSQL raises): a divisor that may be zero goes through nullif. */
function divisor(e: Expr, env: ExprEnv): Expr {
  if (env.ctx.dialect !== 'mysql' || (e.kind === 'number' && Number(e.value) !== 0)) return e;
  return { kind: 'call', name: ['nullif'], args: [e, { kind: 'number', value: '0' }], span: e.span };
}
const castTo = (e: Expr, type: DataType): Expr => ({ kind: 'cast', expr: e, type, form: 'cast', span: e.span });
const isNumberLiteral = (e: Expr): boolean => e.kind === 'number' || (e.kind === 'unary' && e.operand.kind === 'number');

/**
 * A condition where the source accepts a number (MySQL `WHERE flag` on an integer, T-SQL never): PostgreSQL needs a boolean,
 * so a number becomes `<> 0`; booleans and unknown types stay as they are.
 */
export function asCondition(e: Expr, env: ExprEnv): Expr {
  const k = typeClass(pgTypeOf(e, env));
  if (!isNumericClass(k)) return e;
  return { kind: 'binary', op: '<>', left: e, right: { kind: 'number', value: '0' }, span: e.span };
}

/** A MySQL ENUM value as a number is its position in the member list (enum_range reads only the value's type). */
const enumPosition = (e: Expr): Expr =>
  ({ kind: 'call', name: ['array_position'], args: [{ kind: 'call', name: ['enum_range'], args: [e] }, e], span: e.span });

/** A string compared with a number is compared as a number in both sources: make the conversion explicit. */
function numberSide(strSide: Expr, numType: DataType | undefined, env: ExprEnv): Expr {
  // MySQL compares a string with a number as floating point; T-SQL converts the string to the number's type.
  const to = env.ctx.dialect === 'mysql' || !numType ? NUMERIC : numType;
  if (isEnumValue(strSide, env)) return enumPosition(strSide);
  if (strSide.kind === 'string' && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(strSide.value)) return { kind: 'number', value: strSide.value.trim().replace(/^\+/, ''), span: strSide.span };
  if (strSide.kind === 'string' && env.ctx.dialect === 'mysql') return { kind: 'number', value: mysqlStringNumber(strSide.value), span: strSide.span };
  return castTo(strSide, to);
}

/** The number MySQL reads from a string: its longest numeric prefix after leading spaces ('12.5abc' is 12.5, 'abc' is 0). */
export function mysqlStringNumber(s: string): string {
  const m = /^\s*([-+]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([-+]?\d+))?/.exec(s);
  if (!m) return '0';
  const digits = m[2]!.endsWith('.') ? m[2]!.slice(0, -1) : m[2]!.startsWith('.') ? `0${m[2]}` : m[2]!;
  return `${m[1] === '-' ? '-' : ''}${digits}${m[3] ? `e${m[3]}` : ''}`;
}

/**
 * x AT TIME ZONE z with z's Windows name as its IANA name. SQL Server gives a datetimeoffset: the instant, shown at z's
 * offset. As a value that is the instant (timezone(z, x) of a datetime, a timestamptz itself); cast to a datetime, date or
 * time (wall) it is z's local time (timezone(z, x) of a timestamptz; a datetime itself).
 */
function atTimeZone(x: Expr, zone: Expr, env: ExprEnv, out: ExprProblem[], wall = false): Expr {
  let z = zone;
  if (zone.kind === 'string') {
    const iana = WINDOWS_ZONES[zone.value.trim().toLowerCase()];
    if (iana) z = { ...zone, value: iana };
    else out.push({ code: 'PGS3001', message: `AT TIME ZONE '${zone.value}': no IANA name is known for this Windows time zone, and PostgreSQL rejects a name it does not know; suggestion: the zone's IANA name (pg_timezone_names)` });
  } else {
    out.push({ code: 'PGS3003', message: 'AT TIME ZONE with a computed zone: SQL Server takes Windows time zone names, PostgreSQL IANA names' });
  }
  const t = pgTypeOf(x, env);
  const zoned = t?.name === 'timestamptz';
  if (zoned !== wall) return x;
  return { kind: 'call', name: ['timezone'], args: [z, zoned || typeClass(t) === 'datetime' || !t ? x : castTo(x, dataType('timestamp'))] };
}

/**
 * A translated T-SQL value where SQL Server converts it to datetimeoffset (a default or CAST, a comparison with one): it
 * reads a datetime, datetime2 or date as UTC (offset +00:00), PostgreSQL a timestamp as the session time zone's local time.
 * The instant is timezone('UTC', x); of the UTC clock timezone('UTC', t) (GETUTCDATE, SYSUTCDATETIME) that is t itself.
 */
export function asDatetimeoffset(x: Expr, env: ExprEnv): Expr {
  if (env.ctx.dialect !== 'tsql') return x;
  const t = pgTypeOf(x, env);
  const k = typeClass(t);
  if (isZoned(t) || (k !== 'datetime' && k !== 'date')) return x;
  const inner = unparen(x);
  if (inner.kind === 'call' && inner.name.length === 1 && inner.name[0]!.toLowerCase() === 'timezone' && inner.args.length === 2) {
    const [zone, utc] = inner.args as [Expr, Expr];
    if (zone.kind === 'string' && zone.value.toUpperCase() === 'UTC' && isZoned(pgTypeOf(utc, env))) return utc;
  }
  return { kind: 'call', name: ['timezone'], args: [{ kind: 'string', value: 'UTC' }, k === 'date' ? castTo(x, dataType('timestamp')) : x], span: x.span };
}

/**
 * Whether a translated timestamptz value is a datetimeoffset in SQL Server: a column, variable or CAST of that type. Not
 * every timestamptz is: GETDATE() and SYSDATETIME() (local datetime values) become CURRENT_TIMESTAMP.
 */
function isDatetimeoffsetValue(x: Expr, env: ExprEnv): boolean {
  const e = unparen(x);
  return (e.kind === 'column' || e.kind === 'variable' || e.kind === 'cast') && isZoned(pgTypeOf(e, env));
}

/** CAST(x AT TIME ZONE z AS datetime2 | date | time): z's local time (see atTimeZone); undefined for any other cast. */
function wallClockCast(e: Cast, env: ExprEnv, out: ExprProblem[], sub: (x: Expr) => Expr): Expr | undefined {
  let inner = e.expr;
  while (inner.kind === 'paren') inner = inner.expr;
  if (inner.kind !== 'binary' || inner.op !== 'at time zone' || !/^(datetime2?|smalldatetime|date|time)$/i.test(e.type.name)) return undefined;
  return atTimeZone(sub(inner.left), sub(inner.right), env, out, true);
}

function translateBinary(op: string, left: Expr, right: Expr, env: ExprEnv, out: ExprProblem[], src: Expr): Expr {
  const { dialect } = env.ctx;
  if (dialect === 'tsql' && BIT_LOGIC.has(op) && typeClass(pgTypeOf(left, env)) === 'boolean' && typeClass(pgTypeOf(right, env)) === 'boolean') {
    // T-SQL bit & | ^ bit gives a bit: computed on 0/1 and read back as boolean (a NULL operand gives NULL, unlike AND/OR).
    return castTo(translateBinary(op, castTo(left, INTEGER), castTo(right, INTEGER), env, out, src), BOOLEAN);
  }
  if (ARITHMETIC.has(op)) {
    left = asNumber(left, env);
    right = asNumber(right, env);
    // T-SQL computes with a binary literal beside a number as that number (flags & 0x0F).
    if (dialect === 'tsql' && left.kind === 'bytes' && isNumericClass(typeClass(pgTypeOf(right, env)))) left = bytesAsNumber(left);
    if (dialect === 'tsql' && right.kind === 'bytes' && isNumericClass(typeClass(pgTypeOf(left, env)))) right = bytesAsNumber(right);
    // Bitwise operators work on integers (MySQL converts decimals and floats, rounding); PostgreSQL has none for numeric.
    if (BITWISE.has(op)) [left, right] = [left, right].map((x) => (NON_INTEGER.has(typeClass(pgTypeOf(x, env)) ?? '') ? castTo(x, BIGINT) : x)) as [Expr, Expr];
  }
  const node = (o: string, l = left, r = right): Expr => ({ kind: 'binary', op: o, left: l, right: r, span: src.span });
  if (op === 'at time zone') return atTimeZone(left, right, env, out);
  const lt = pgTypeOf(left, env), rt = pgTypeOf(right, env);
  const lk = typeClass(lt), rk = typeClass(rt);
  switch (op) {
    case '+': case '-': {
      // MySQL d ± INTERVAL n unit is DATE_ADD / DATE_SUB (a DATE stays a DATE for day-or-longer units).
      if (dialect === 'mysql' && (right.kind === 'interval' || (op === '+' && left.kind === 'interval'))) {
        const [d, i] = right.kind === 'interval' ? [left, right] : [right, left];
        return translateCall({ kind: 'call', name: [op === '+' ? 'DATE_ADD' : 'DATE_SUB'], args: [d, i], span: src.span }, [d, i], env, out);
      }
      // A number added to a date/time adds days (T-SQL datetime arithmetic).
      if (dialect === 'tsql' && isDateLike(lk) && isNumericClass(rk)) return node(op, left, daysInterval(right));
      if (dialect === 'tsql' && op === '+' && isDateLike(rk) && isNumericClass(lk)) return node('+', right, daysInterval(left));
      if (dialect === 'mysql' && (isDateLike(lk) || isDateLike(rk)) && (isNumericClass(lk) || isNumericClass(rk))) {
        out.push({ code: 'PGS3003', message: `MySQL ${op} between a date and a number works on the date as a number; translated as days` });
        return isDateLike(lk) ? node(op, left, daysInterval(right)) : node('+', right, daysInterval(left));
      }
      // MySQL + and - are always numeric: a string operand converts to a number.
      if (dialect === 'mysql' && (lk === 'string' || rk === 'string')) {
        return node(op, lk === 'string' ? numberSide(left, undefined, env) : left, rk === 'string' ? numberSide(right, undefined, env) : right);
      }
      if (op === '-') return node('-');
      // T-SQL overloads + for strings; PostgreSQL concatenates with ||. A number and a string add as numbers (T-SQL converts the string).
      if (dialect === 'tsql' && (lk === 'string' || rk === 'string')) {
        if (lk === 'string' && isNumericClass(rk)) return node('+', numberSide(left, rt, env), right);
        if (rk === 'string' && isNumericClass(lk)) return node('+', left, numberSide(right, lt, env));
        return node('||');
      }
      return node('+');
    }
    case '*':
      // MySQL * is numeric: a string operand converts to a number (as for + and -).
      if (dialect === 'mysql' && (lk === 'string' || rk === 'string')) {
        return node('*', lk === 'string' ? numberSide(left, undefined, env) : left, rk === 'string' ? numberSide(right, undefined, env) : right);
      }
      return node('*');
    case '->': case '->>':
      // MySQL JSON path operators: the path is a MySQL path literal, not a PostgreSQL key.
      return translateJsonArrow(op, left, right, env, out);
    case '/':
      // MySQL / always gives a decimal; PostgreSQL integer / integer truncates.
      if (dialect === 'mysql' && !(lk === 'exact' || lk === 'float' || rk === 'exact' || rk === 'float')) return node('/', castTo(left, NUMERIC), divisor(right, env));
      return node('/', left, divisor(right, env));
    case '%': return node('%', left, divisor(right, env));
    case '!=': return comparison('<>', left, right, lt, rt, env, src);
    case '<=>': return node('is not distinct from');
    case 'regexp': case 'rlike': return node('~');
    case '^': return node('#');
    case '&&': return node('and', asCondition(left, env), asCondition(right, env));
    case 'div': return { kind: 'call', name: ['div'], args: [left, divisor(right, env)], span: src.span };
    // MySQL x IS [NOT] TRUE/FALSE/UNKNOWN: PostgreSQL has the same test on a boolean.
    case 'is': case 'is not': return node(op, asCondition(left, env), right);
    case '||':
      // MySQL's || is logical OR unless PIPES_AS_CONCAT is set.
      return dialect === 'mysql' ? node('or', asCondition(left, env), asCondition(right, env)) : node('||');
    case 'and': case 'or': return node(op, asCondition(left, env), asCondition(right, env));
    case 'xor': return node('<>', asCondition(left, env), asCondition(right, env));
    case '=': case '<>': case '<': case '>': case '<=': case '>=':
      return comparison(op, left, right, lt, rt, env, src);
    default:
      if (SAME_OPS.has(op)) return node(op);
      out.push({ code: 'PGS3002', message: `operator ${op} has no PostgreSQL equivalent here` });
      return node(op);
  }
}

/** n days as an interval: INTERVAL 'n day' for literals, n * INTERVAL '1 day' otherwise (the printer picks the form). */
function daysInterval(n: Expr): Expr {
  return { kind: 'interval', value: n, unit: 'day', span: n.span };
}

function comparison(op: string, left: Expr, right: Expr, lt: DataType | undefined, rt: DataType | undefined, env: ExprEnv, src: Expr): Expr {
  const node = (l: Expr, r: Expr): Expr => ({ kind: 'binary', op, left: l, right: r, span: src.span });
  const lk = typeClass(lt), rk = typeClass(rt);
  // bit / tinyint(1) columns become boolean: compare with true/false, not 0/1.
  const enumL = enumComparison(op, left, [right], env);
  if (enumL) return node(enumL.e, enumL.others[0]!);
  const enumR = enumComparison(op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op, right, [left], env);
  if (enumR) return node(enumR.others[0]!, enumR.e);
  // MySQL compares a JSON value with an SQL number or string as JSON scalars: JSON_EXTRACT(j, '$.a') = 1.
  const isJson = (t: DataType | undefined): boolean => t?.name === 'jsonb' || t?.name === 'json';
  const toJson = (x: Expr): Expr => ({ kind: 'call', name: ['to_jsonb'], args: [x.kind === 'string' ? castTo(x, TEXT) : x], span: x.span });
  if (env.ctx.dialect === 'mysql' && isJson(lt) && (isNumericClass(rk) || rk === 'string') && !isJson(rt)) return node(left, toJson(right));
  if (env.ctx.dialect === 'mysql' && isJson(rt) && (isNumericClass(lk) || lk === 'string') && !isJson(lt)) return node(toJson(left), right);
  // An ENUM compared with a number compares its member position in MySQL.
  if (isEnumType(lt) && isNumericClass(rk)) return node(enumPosition(left), right);
  if (isEnumType(rt) && isNumericClass(lk)) return node(left, enumPosition(right));
  // A MySQL SET compared with a string compares as its comma-joined members.
  if (isSetArray(left, env) && rk === 'string') return node(setAsText(left), right);
  if (isSetArray(right, env) && lk === 'string') return node(left, setAsText(right));
  // datetimeoffset against a datetime2, datetime or date: SQL Server converts the other side to datetimeoffset.
  if (isDatetimeoffsetValue(left, env) && !isZoned(rt)) right = asDatetimeoffset(right, env);
  if (isDatetimeoffsetValue(right, env) && !isZoned(lt)) left = asDatetimeoffset(left, env);
  const equality = op === '=' || op === '<>';
  if (lk === 'boolean' && (equality && (!isNumericClass(rk) || isBitLiteral(right)))) return node(left, bitToBool(right));
  if (rk === 'boolean' && (equality && (!isNumericClass(lk) || isBitLiteral(left)))) return node(bitToBool(left), right);
  // Otherwise a boolean compared with a number (b = 2, b < n) compares as 0/1.
  if (lk === 'boolean' && isNumericClass(rk)) return node(castTo(left, INTEGER), right);
  if (rk === 'boolean' && isNumericClass(lk)) return node(left, castTo(right, INTEGER));
  // T-SQL converts a binary literal compared with a number to that number (big >= 0x00).
  if (env.ctx.dialect === 'tsql' && isNumericClass(lk) && right.kind === 'bytes') return node(left, bytesAsNumber(right));
  if (env.ctx.dialect === 'tsql' && isNumericClass(rk) && left.kind === 'bytes') return node(bytesAsNumber(left), right);
  if (lk === 'string' && isNumericClass(rk) && !(left.kind === 'string' && isNumberLiteral(right) && env.ctx.dialect === 'tsql')) return node(numberSide(left, rt, env), right);
  if (rk === 'string' && isNumericClass(lk) && !(right.kind === 'string' && isNumberLiteral(left) && env.ctx.dialect === 'tsql')) return node(left, numberSide(right, lt, env));
  return node(left, right);
}

const bytesAsNumber = (e: Extract<Expr, { kind: 'bytes' }>): Expr => ({ kind: 'number', value: BigInt(`0x${e.hex || '0'}`).toString(), span: e.span });

/** The text of a pattern built from literals and CHAR(n) / NCHAR(n) of literal n ('%[' + CHAR(0) + '-' + CHAR(31) + ']%'). */
function constantText(e: Expr): string | undefined {
  if (e.kind === 'string') return e.value;
  if (e.kind === 'paren') return constantText(e.expr);
  if (e.kind === 'binary' && e.op === '+') {
    const l = constantText(e.left), r = constantText(e.right);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  if (e.kind === 'call' && e.name.length === 1 && /^n?char$/i.test(e.name[0]!) && e.args.length === 1 && e.args[0]!.kind === 'number' && /^\d+$/.test(e.args[0]!.value)) {
    const n = Number(e.args[0]!.value);
    return n <= (e.name[0]!.toLowerCase() === 'char' ? 255 : 0x10ffff) ? String.fromCodePoint(n) : undefined;
  }
  return undefined;
}

/**
 * A LIKE pattern concatenated from constants that holds a [...] class, as one literal: then it becomes SIMILAR TO like a
 * written one (concatenated, the brackets matched literally). undefined when the pattern is not constant, has no
 * class, or has a NUL outside one.
 */
function foldedClassPattern(p: Expr): Expr | undefined {
  if (p.kind === 'string') return undefined;
  const text = constantText(p);
  if (text === undefined || !/\[[^\]]*\]/.test(text)) return undefined;
  // outside a class a NUL has no written form (likeToSimilar writes control characters in a class as \xHH)
  if (/\0/.test(text.replace(/\[[^\]]*\]/g, ''))) return undefined;
  return { kind: 'string', value: text, ...(p.span ? { span: p.span } : {}) };
}

/** T-SQL LIKE with [...] character classes → SIMILAR TO, with SIMILAR's other metacharacters escaped. */
export function likeToSimilar(pattern: string): string {
  let out = '';
  let inClass = false;
  for (const ch of pattern) {
    if (inClass) {
      // a control character as the regular expression escape \xHH (NUL cannot be in a PostgreSQL string)
      const code = ch.codePointAt(0)!;
      out += ch === '\\' ? '\\\\' : code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
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

/** A LIKE pattern's string literal, also under the cast and COLLATE a collation clause puts on it ('[a-z]%' COLLATE ..._BIN). */
function patternLiteral(p: Expr): { value: string; rewrite: (v: string) => Expr } | undefined {
  if (p.kind === 'string') return { value: p.value, rewrite: (value) => ({ ...p, value }) };
  if (p.kind === 'cast' && p.expr.kind === 'string') {
    const lit = p.expr;
    return { value: lit.value, rewrite: (value) => ({ ...p, expr: { ...lit, value } }) };
  }
  return undefined;
}

function translateLike(e: Extract<Expr, { kind: 'like' }>, expr: Expr, pattern: Expr, escape: Expr | undefined, dialect: string, out: ExprProblem[]): Expr {
  if (e.op === 'rlike') return { kind: 'binary', op: e.not ? '!~' : '~', left: expr, right: pattern, span: e.span };
  const lit = dialect === 'tsql' && e.op === 'like' ? patternLiteral(pattern) : undefined;
  if (lit && /\[[^\]]*\]/.test(lit.value)) {
    if (escape) {
      out.push({ code: 'PGS3003', message: `LIKE pattern ${lit.value} with ESCAPE kept as LIKE: character classes [...] match literally in PostgreSQL` });
      return extend(e, { expr, pattern, escape });
    }
    return extend(e, { op: 'similar' as const, expr, pattern: { ...lit.rewrite(likeToSimilar(lit.value)), span: pattern.span } });
  }
  return extend(e, { expr, pattern, escape });
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
    // A literal is judged now: one the type cannot hold is NULL (PostgreSQL would fold the CAST and reject the view).
    const fits = inner.kind === 'string' ? literalFits(inner.value, type) : undefined;
    if (fits === false) return castTo({ kind: 'null', span: inner.span }, type);
    if (fits === undefined && env.ctx.options.targetVersion >= 16) {
      const typeText = `${type.name}${type.args.length ? `(${type.args.join(', ')})` : ''}`;
      const valid: Expr = { kind: 'call', name: ['pg_input_is_valid'], args: [castTo(inner, TEXT), { kind: 'string', value: typeText }] };
      return { kind: 'case', whens: [{ when: valid, then: castTo(inner, type) }], span: e.span };
    }
    if (fits === undefined) out.push({ code: 'PGS3003', message: `${e.form.toUpperCase()} becomes CAST: invalid values raise an error instead of giving NULL (PostgreSQL 16's pg_input_is_valid would keep it: --target-version 16)` });
  }
  const fromType = pgTypeOf(inner, env);
  if (env.ctx.dialect === 'tsql') {
    const style = e.style?.kind === 'number' ? e.style.value : undefined;
    const binary = (style !== undefined ? binaryStyleConvert(inner, fromType, type, e.type, style) : undefined) ?? binaryCast(inner, fromType, type, e.type, out);
    if (binary) return binary;
  }
  if (inner.kind === 'string' && (isDateLike(typeClass(type)) || typeClass(type) === 'time')) inner = { ...inner, value: fitFractionDigits(inner.value) };
  if (e.style) return convertWithStyle(inner, type, e.style, out, e, fromType);
  if (isZoned(type)) inner = asDatetimeoffset(inner, env);
  // SQL Server truncates a fraction converted to an integer; PostgreSQL rounds.
  const from = typeClass(fromType);
  // T-SQL datetime and numbers convert as days since 1900-01-01 (PostgreSQL has neither cast); to an integer it rounds.
  if (env.ctx.dialect === 'tsql' && isDateLike(from) && isNumericClass(typeClass(type))) {
    const days = tsqlDaysSince1900(inner);
    return castTo(typeClass(type) === 'integer' ? { kind: 'call', name: ['round'], args: [days] } : days, type);
  }
  if (env.ctx.dialect === 'tsql' && isNumericClass(from) && isDateLike(typeClass(type))) return castTo(tsqlDayNumber(inner), type);
  // A boolean (bit, tinyint(1)) converts as its number 0/1 (PostgreSQL casts boolean only to integer and to 'true'/'false').
  if (from === 'boolean' && typeClass(type) !== 'boolean') inner = castTo(inner, INTEGER);
  // A MySQL SET converts as its comma-joined members.
  if (isSetArray(inner, env) && !type.array) inner = setAsText(inner);
  // MySQL reads a string literal as a number by its numeric prefix (CAST('12.5abc' AS DECIMAL) is 12.5, of 'abc' 0).
  if (env.ctx.dialect === 'mysql' && inner.kind === 'string' && isNumericClass(typeClass(type))) inner = { kind: 'number', value: mysqlStringNumber(inner.value), span: inner.span };
  if (env.ctx.dialect === 'tsql' && typeClass(type) === 'integer' && (from === 'exact' || from === 'float')) {
    inner = { kind: 'call', name: ['trunc'], args: [inner] };
  }
  return { kind: 'cast', expr: inner, type, form: 'cast', span: e.span };
}

/** Whether a string literal converts to a number type (true / false), or undefined for types judged only by PostgreSQL. */
function literalFits(v: string, type: DataType): boolean | undefined {
  const k = typeClass(type);
  if (k === 'integer') {
    if (!/^\s*[-+]?\d+\s*$/.test(v)) return false;
    const n = BigInt(v.trim());
    const max = type.name === 'smallint' ? 32767n : type.name === 'bigint' ? 9223372036854775807n : 2147483647n;
    return n <= max && n >= -max - 1n;
  }
  if (k === 'exact' || k === 'float') return /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v);
  return undefined;
}

/** Functions whose result changes between calls or sessions: a generated column over them cannot be STORED. */
const NOT_IMMUTABLE = new Set(['now', 'current_timestamp', 'current_date', 'current_time', 'localtime', 'localtimestamp',
  'clock_timestamp', 'statement_timestamp', 'transaction_timestamp', 'timeofday', 'random', 'gen_random_uuid', 'current_user',
  'session_user', 'current_role', 'user', 'current_schema', 'current_catalog', 'current_database', 'current_setting',
  'inet_client_addr', 'to_char', 'age', 'txid_current', 'nextval', 'currval', 'setseed', 'concat', 'concat_ws', 'format',
  // they read DateStyle, TimeZone or lc_numeric
  'to_date', 'to_timestamp', 'to_number', 'make_timestamptz', 'convert_to', 'convert_from',
  // they take any type, whose text output may read settings
  'to_json', 'to_jsonb', 'json_build_object', 'jsonb_build_object', 'json_build_array', 'jsonb_build_array', 'row_to_json', 'array_to_json']);

/** Functions that are immutable over timestamp and date but only stable over timestamptz (the session TimeZone decides). */
const ZONED_STABLE = new Set(['date_part', 'date_trunc', 'extract']);

/** Whether PostgreSQL's type is timestamptz. */
const isZoned = (t: DataType | undefined): boolean => !!t && (t.name === 'timestamptz' || t.name === 'timestamp with time zone');

/** Types whose text input or output reads DateStyle, IntervalStyle or TimeZone (time and timetz only on input). */
const SESSION_TEXT_IN = new Set(['date', 'timestamp', 'timestamptz', 'timestamp with time zone', 'timestamp without time zone', 'time', 'timetz', 'interval']);
const SESSION_TEXT_OUT = new Set(['date', 'timestamp', 'timestamptz', 'timestamp with time zone', 'timestamp without time zone', 'interval']);

/** A cast PostgreSQL makes only stable: text to or from a date/time type, or a conversion to or from timestamptz. */
function castIsStable(from: DataType | undefined, to: DataType): boolean {
  if (!from) return false;
  const fromText = typeClass(from) === 'string', toText = typeClass(to) === 'string';
  if (fromText && SESSION_TEXT_IN.has(to.name)) return true;
  if (toText && SESSION_TEXT_OUT.has(from.name)) return true;
  const dated = (t: DataType): boolean => typeClass(t) === 'datetime' || typeClass(t) === 'date' || typeClass(t) === 'time';
  return isZoned(from) !== isZoned(to) && dated(from) && dated(to);
}

/** Comparison and interval arithmetic operators whose timestamptz form is only stable. */
const ZONED_STABLE_OPS = new Set(['+', '-', '=', '<>', '!=', '<', '<=', '>', '>=']);

/**
 * Whether PostgreSQL accepts the (translated) expression in a generated column. With env, casts and date/time operations
 * are judged by their operand types: text to date, timestamptz to date, date_part over timestamptz are only stable.
 */
export function isImmutable(e: Expr, env?: ExprEnv): boolean {
  let ok = true;
  const literal = (x: Expr): boolean => x.kind === 'string' || x.kind === 'number' || x.kind === 'null';
  walkExpr(e, (x) => {
    if (x.kind === 'call' && NOT_IMMUTABLE.has(x.name[x.name.length - 1]!.toLowerCase())) ok = false;
    if (x.kind === 'subquery' || x.kind === 'exists' || x.kind === 'opaque') ok = false;
    if (!env) return;
    // a literal is folded when the table is created, whatever its cast
    if (x.kind === 'cast' && !literal(x.expr) && castIsStable(pgTypeOf(x.expr, env), x.type)) ok = false;
    if (x.kind === 'call' && ZONED_STABLE.has(x.name[x.name.length - 1]!.toLowerCase()) && x.args.some((a) => isZoned(pgTypeOf(a, env)))) ok = false;
    if (x.kind === 'binary' && ZONED_STABLE_OPS.has(x.op)) {
      const l = pgTypeOf(x.left, env), r = pgTypeOf(x.right, env);
      const interval = (t: DataType | undefined): boolean => t?.name === 'interval';
      if ((isZoned(l) && (interval(r) || (isDateLike(typeClass(r)) && !isZoned(r)))) || (isZoned(r) && (interval(l) || (isDateLike(typeClass(l)) && !isZoned(l))))) ok = false;
    }
  });
  return ok;
}
