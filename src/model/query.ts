import type { Call, Expr } from './expr.js';
import type { SourceSpan } from './source.js';

/**
 * One query AST for every dialect (SELECT, set operations, CTEs, joins, APPLY), used by views now and
 * routine bodies later. Parsers keep dialect spellings apart in fields (top vs limit, apply joins); the
 * transpiler rewrites a tree into what PostgreSQL can say, and the printer prints only PostgreSQL forms.
 */
export type Query = Select | SetOperation;

interface Node {
  span?: SourceSpan;
}

export interface OrderItem {
  expr: Expr;
  desc?: boolean;
  nulls?: 'first' | 'last';
}

export interface SelectItem {
  expr: Expr;
  alias?: string;
}

export interface Cte {
  name: string;
  columns?: string[];
  query: Query;
}

export interface Select extends Node {
  kind: 'select';
  with?: { recursive?: boolean; ctes: Cte[] };
  distinct?: boolean;
  /** T-SQL TOP n [PERCENT] [WITH TIES]. */
  top?: { count: Expr; percent?: boolean; withTies?: boolean };
  columns: SelectItem[];
  /** Comma-separated FROM items; joins nest inside an item. */
  from: FromItem[];
  where?: Expr;
  groupBy: Expr[];
  /** GROUP BY ... WITH ROLLUP (MySQL) / ROLLUP(...) / CUBE(...) / GROUPING SETS kept as the grouping kind. */
  grouping?: 'rollup' | 'cube';
  having?: Expr;
  orderBy: OrderItem[];
  /** MySQL LIMIT / PostgreSQL LIMIT. */
  limit?: Expr;
  /** MySQL OFFSET / T-SQL OFFSET n ROWS. */
  offset?: Expr;
  /** T-SQL FETCH NEXT n ROWS ONLY / PostgreSQL FETCH FIRST n ROWS [WITH TIES]. */
  fetch?: { count: Expr; withTies?: boolean };
  /** Clauses with no PostgreSQL form (FOR XML/JSON/BROWSE, INTO, PROCEDURE, FOR UPDATE in a view...), as written. */
  unsupported?: string[];
}

export interface SetOperation extends Node {
  kind: 'setop';
  op: 'union' | 'except' | 'intersect';
  all?: boolean;
  left: Query;
  right: Query;
  orderBy: OrderItem[];
  limit?: Expr;
  offset?: Expr;
  fetch?: { count: Expr; withTies?: boolean };
}

export type FromItem = TableSource | DerivedTable | FunctionSource | JoinSource | ValuesSource | PivotSource | UnpivotSource;

export interface TableSource extends Node {
  kind: 'table';
  /** Name parts as written: [db, schema, table] / [schema, table] / [table]. */
  name: string[];
  alias?: string;
  /** T-SQL WITH (NOLOCK) / MySQL USE INDEX (...): kept so the transpiler can report dropping them. */
  hints?: string[];
}

export interface DerivedTable extends Node {
  kind: 'derived';
  query: Query;
  alias?: string;
  columns?: string[];
  lateral?: boolean;
}

export interface FunctionSource extends Node {
  kind: 'function';
  call: Call;
  alias?: string;
  columns?: string[];
}

export interface ValuesSource extends Node {
  kind: 'values';
  rows: Expr[][];
  alias?: string;
  columns?: string[];
}

/** T-SQL source PIVOT (agg(value) FOR column IN ([v1], [v2] ...)) AS alias: one output column per value. */
export interface PivotSource extends Node {
  kind: 'pivot';
  source: FromItem;
  aggregate: Call;
  column: Expr;
  /** The IN list's names as written: each is a value of `column` and the name of its output column. */
  values: string[];
  alias: string;
}

/** T-SQL source UNPIVOT (value FOR name IN (c1, c2)) AS alias: one row per listed column whose value is not NULL. */
export interface UnpivotSource extends Node {
  kind: 'unpivot';
  source: FromItem;
  value: string;
  name: string;
  /** The listed columns of `source`, as written. */
  columns: string[];
  alias: string;
}

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'cross' | 'cross apply' | 'outer apply' | 'straight';

export interface JoinSource extends Node {
  kind: 'join';
  type: JoinType;
  natural?: boolean;
  left: FromItem;
  right: FromItem;
  on?: Expr;
  using?: string[];
}

export interface WindowSpec {
  /** OVER w (a named window). */
  name?: string;
  partitionBy: Expr[];
  orderBy: OrderItem[];
  /** ROWS/RANGE frame as written: 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW'. */
  frame?: string;
}
