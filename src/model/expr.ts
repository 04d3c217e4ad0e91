import type { SourceSpan } from './source.js';
import type { DataType } from './types.js';
import type { OrderItem, Query, WindowSpec } from './query.js';

/**
 * One expression AST for every dialect. Parsers normalise spelling (operators lower-case,
 * function names as written) and keep spans; the transpiler rewrites trees into PostgreSQL's
 * spelling of the same AST; the printer turns a postgres tree into text.
 * Anything a parser does not understand inside an expression becomes `opaque` with its text,
 * so the owning object can be reported precisely instead of failing the statement.
 */
export type Expr =
  | StringLit
  | NumberLit
  | NullLit
  | BoolLit
  | BinaryLit
  | ColumnRef
  | VariableRef
  | Call
  | Binary
  | Unary
  | Paren
  | Case
  | Cast
  | InList
  | Between
  | Like
  | IsNull
  | Exists
  | Subquery
  | IntervalLit
  | Star
  | Opaque;

interface Node {
  span?: SourceSpan;
  /** `expr COLLATE name` postfix applied to this node (T-SQL); kept on the node so no wrapper kind is needed. */
  collate?: string;
}

/** 'x', N'x' (national), _utf8mb4'x' (charset introducer). `value` is the decoded text. */
export interface StringLit extends Node { kind: 'string'; value: string; national?: boolean; charset?: string }
/** Kept as text so no precision is lost: '1', '-2.50', '1e10'. */
export interface NumberLit extends Node { kind: 'number'; value: string }
export interface NullLit extends Node { kind: 'null' }
export interface BoolLit extends Node { kind: 'bool'; value: boolean }
/** 0xCAFE / x'CAFE' / b'101'; `hex` holds hex digits (b'' literals are converted). */
export interface BinaryLit extends Node { kind: 'bytes'; hex: string; bits?: string }
/** col, t.col, s.t.col — parts as written, unquoted. */
export interface ColumnRef extends Node { kind: 'column'; parts: string[] }
/** @x (T-SQL local / MySQL user variable), @@x (system variable: `system: true`). */
export interface VariableRef extends Node { kind: 'variable'; name: string; system?: boolean }
/**
 * A function call. `name` parts as written (dbo.fn → ['dbo','fn']).
 * `niladic` marks keyword-functions written without parentheses (CURRENT_TIMESTAMP, USER).
 */
export interface Call extends Node {
  kind: 'call';
  name: string[];
  args: Expr[];
  niladic?: boolean;
  distinct?: boolean;
  /** COUNT(*) */
  star?: boolean;
  /** Window clause as text (kept for drafts); `window` is its AST when the parser built one. */
  over?: string;
  window?: WindowSpec;
  /** Ordered-set / aggregate ordering: GROUP_CONCAT(x ORDER BY y), STRING_AGG(...) WITHIN GROUP (ORDER BY y). */
  orderBy?: OrderItem[];
  /** PostgreSQL: `orderBy` is printed as WITHIN GROUP (ORDER BY ...), as ordered-set aggregates take it (percentile_cont). */
  withinGroup?: boolean;
  /** Aggregate FILTER (WHERE ...). */
  filter?: Expr;
}
/**
 * Binary operators, lower-case: + - * / % || = <> != < > <= >= and or & | ^ << >> div
 * '<=>' (MySQL null-safe equal), 'is distinct from', 'is not distinct from', 'regexp'.
 */
export interface Binary extends Node { kind: 'binary'; op: string; left: Expr; right: Expr }
export interface Unary extends Node { kind: 'unary'; op: '-' | '+' | 'not' | '~' | '!'; operand: Expr }
export interface Paren extends Node { kind: 'paren'; expr: Expr }
export interface Case extends Node {
  kind: 'case';
  operand?: Expr;
  whens: { when: Expr; then: Expr }[];
  else?: Expr;
}
/** CAST(x AS t), CONVERT(t, x [, style]) (T-SQL), CONVERT(x, t) (MySQL), TRY_CAST/TRY_CONVERT, x::t. */
export interface Cast extends Node {
  kind: 'cast';
  expr: Expr;
  type: DataType;
  style?: Expr;
  form: 'cast' | 'convert' | 'try_cast' | 'try_convert' | 'pg';
}
/** x IN (a, b) — or x IN (SELECT ...) with `select` set and `list` empty. */
export interface InList extends Node { kind: 'in'; expr: Expr; list: Expr[]; select?: Query; not?: boolean }
export interface Between extends Node { kind: 'between'; expr: Expr; low: Expr; high: Expr; not?: boolean }
export interface Like extends Node {
  kind: 'like';
  op: 'like' | 'ilike' | 'rlike' | 'similar';
  expr: Expr;
  pattern: Expr;
  escape?: Expr;
  not?: boolean;
}
export interface IsNull extends Node { kind: 'isnull'; expr: Expr; not?: boolean }
/** Subqueries keep their source text; `select` is the parsed query when the parser built one. */
export interface Exists extends Node { kind: 'exists'; query: string; select?: Query; not?: boolean }
/** A scalar subquery; with a quantifier, the right side of a comparison: x > ALL (SELECT ...), x = ANY (SELECT ...). */
export interface Subquery extends Node { kind: 'subquery'; query: string; select?: Query; quantifier?: 'all' | 'any' }
/** MySQL INTERVAL expr unit; PostgreSQL interval 'n unit'. `unit` lower-case ('day', 'hour_minute'). */
export interface IntervalLit extends Node { kind: 'interval'; value: Expr; unit: string }
export interface Star extends Node { kind: 'star'; table?: string[] }
/** Syntax the parser did not understand; `text` is the exact source slice. */
export interface Opaque extends Node { kind: 'opaque'; text: string; reason?: string }

/** Children of a node, for generic walks. */
export function childExprs(e: Expr): Expr[] {
  switch (e.kind) {
    case 'string': case 'number': case 'null': case 'bool': case 'bytes': case 'column':
    case 'variable': case 'exists': case 'subquery': case 'star': case 'opaque':
      return [];
    case 'call': return e.args;
    case 'binary': return [e.left, e.right];
    case 'unary': return [e.operand];
    case 'paren': return [e.expr];
    case 'case': return [
      ...(e.operand ? [e.operand] : []),
      ...e.whens.flatMap((w) => [w.when, w.then]),
      ...(e.else ? [e.else] : []),
    ];
    case 'cast': return e.style ? [e.expr, e.style] : [e.expr];
    case 'in': return [e.expr, ...e.list];
    case 'between': return [e.expr, e.low, e.high];
    case 'like': return e.escape ? [e.expr, e.pattern, e.escape] : [e.expr, e.pattern];
    case 'isnull': return [e.expr];
    case 'interval': return [e.value];
    default: return assertNever(e);
  }
}

/** Pre-order walk; return false from `visit` to skip a node's children. */
export function walkExpr(e: Expr, visit: (e: Expr) => boolean | void): void {
  if (visit(e) === false) return;
  for (const c of childExprs(e)) walkExpr(c, visit);
}

export function assertNever(x: never): never {
  throw new Error(`unexpected node: ${JSON.stringify(x)}`);
}
