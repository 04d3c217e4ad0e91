import type { Diagnostic } from './diagnostics.js';
import type { Expr } from './expr.js';
import type { Query } from './query.js';
import type { SourceSpan, TextSource } from './source.js';
import type { DataType } from './types.js';

/**
 * A qualified name. Parsers always fill `schema`: T-SQL unqualified names resolve to the
 * current default schema ('dbo'), MySQL ones to the current database (USE) or '' when the
 * script never names one. Names keep their source spelling (case, no brackets/backticks).
 */
export interface QName {
  schema: string;
  name: string;
}

export type Dialect = 'tsql' | 'mysql' | 'postgres';

export interface Catalog {
  dialect: Dialect;
  schemas: Schema[];
  diagnostics: Diagnostic[];
  /** PostgreSQL only: extensions the output needs (citext). */
  extensions?: string[];
  /** PostgreSQL only: objects that could not be converted cleanly. They never go into the ordered files. */
  manual?: ManualItem[];
}

export interface Schema {
  name: string;
  /** True when the source has CREATE SCHEMA / CREATE DATABASE for it (not only implied by a qualified name). */
  declared?: boolean;
  tables: Table[];
  views: View[];
  routines: Routine[];
  triggers: Trigger[];
  sequences: Sequence[];
  types: UserType[];
  /** INSERT data seen in the script, grouped per table (converted by the copy stage). */
  data: DataSet[];
  /** PostgreSQL only: collations to create (ICU nondeterministic, for case-insensitive sources). */
  collations?: Collation[];
  comment?: string;
  span?: SourceSpan;
}

export interface Column {
  name: string;
  type: DataType;
  nullable: boolean;
  default?: Expr;
  /** Source text of the default, as written. */
  defaultRaw?: string;
  /** T-SQL named DEFAULT constraint. */
  defaultName?: string;
  /** T-SQL IDENTITY(s,i); MySQL AUTO_INCREMENT (start 1, increment 1, `autoIncrement`; table option auto_increment holds the next value). */
  identity?: { start: bigint; increment: bigint; autoIncrement?: boolean };
  /** Computed column: T-SQL AS expr [PERSISTED]; MySQL GENERATED ALWAYS AS (expr) VIRTUAL|STORED. */
  generated?: { expr: Expr; raw: string; stored: boolean };
  /** MySQL ON UPDATE CURRENT_TIMESTAMP[(n)]. */
  onUpdate?: Expr;
  collation?: string;
  /** MySQL CHARACTER SET on the column. */
  charset?: string;
  comment?: string;
  /** T-SQL temporal column: GENERATED ALWAYS AS ROW START|END. */
  periodRole?: 'start' | 'end';
  /** Source-only attributes kept so the transpiler can report them: rowguidcol, sparse, filestream, hidden, invisible, masked. */
  flags?: string[];
  /** PostgreSQL only: the named value transform of the type rule that fired (int-to-bool, zero-dates-to-null), for the copy stage. */
  copy?: string;
  span: SourceSpan;
}

export interface KeyPart {
  column: string;
  desc?: boolean;
  /** MySQL prefix length: KEY (name(10)). */
  length?: number;
  /** Functional key part (MySQL 8 `((expr))`, PostgreSQL expression index). */
  expr?: Expr;
}

export interface Key {
  name?: string;
  columns: KeyPart[];
  clustered?: boolean;
  /** T-SQL MS_Description on the constraint, MySQL COMMENT on the key. */
  comment?: string;
  /** PostgreSQL 15+: NULLs count as equal (SQL Server's unique keys and indexes hold one NULL). */
  nullsNotDistinct?: boolean;
  span: SourceSpan;
}

export interface Check {
  name?: string;
  expr: Expr;
  raw: string;
  /** false for T-SQL WITH NOCHECK / NOCHECK CONSTRAINT and MySQL NOT ENFORCED. */
  enforced?: boolean;
  comment?: string;
  span: SourceSpan;
}

export type RefAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface ForeignKey {
  name?: string;
  columns: string[];
  ref: QName;
  /** Empty when the source omits them (refers to the referenced table's primary key). */
  refColumns: string[];
  onDelete?: RefAction;
  onUpdate?: RefAction;
  match?: 'full' | 'partial' | 'simple';
  enforced?: boolean;
  comment?: string;
  span: SourceSpan;
}

export type IndexKind = 'plain' | 'fulltext' | 'spatial' | 'xml' | 'columnstore' | 'hash';

export interface Index {
  name?: string;
  unique: boolean;
  kind: IndexKind;
  columns: KeyPart[];
  /** T-SQL INCLUDE (...). */
  include: string[];
  /** Filtered index predicate (T-SQL WHERE, PostgreSQL partial index). */
  where?: Expr;
  whereRaw?: string;
  clustered?: boolean;
  /** MySQL USING BTREE|HASH, PostgreSQL access method (btree, hash, gin, gist). */
  using?: string;
  comment?: string;
  /** PostgreSQL 15+: NULLs count as equal (SQL Server's unique keys and indexes hold one NULL). */
  nullsNotDistinct?: boolean;
  span: SourceSpan;
}

export interface PartitionDef {
  name: string;
  /** VALUES LESS THAN (...) | VALUES IN (...) | none (HASH/KEY partitions). */
  bound: 'less-than' | 'in' | 'none';
  /** 'maxvalue' for LESS THAN MAXVALUE. */
  values: Expr[] | 'maxvalue';
}

export interface Partitioning {
  method: 'range' | 'list' | 'hash' | 'key';
  /** RANGE COLUMNS / LIST COLUMNS. */
  columnsForm?: boolean;
  linear?: boolean;
  expr: Expr[];
  /** PARTITIONS n (HASH/KEY). */
  count?: number;
  partitions: PartitionDef[];
  raw: string;
  span: SourceSpan;
}

export interface Table {
  name: QName;
  columns: Column[];
  primaryKey?: Key;
  uniques: Key[];
  checks: Check[];
  foreignKeys: ForeignKey[];
  indexes: Index[];
  comment?: string;
  /** Table options, lower-case keys: engine, charset, collate, auto_increment, row_format, memory_optimized, ... */
  options: Record<string, string>;
  partition?: Partitioning;
  /** T-SQL PERIOD FOR SYSTEM_TIME (start, end) and SYSTEM_VERSIONING history table. */
  temporal?: { start: string; end: string; history?: QName };
  span: SourceSpan;
  /** The source object's path, for reports (set by the transpiler on PostgreSQL catalogs). */
  source?: string;
}

/** Views, routines, triggers and events keep their full source statement until issue 3+ converts them. */
export interface View {
  name: QName;
  /** Whole CREATE VIEW statement as written (for postgres catalogs: the statement to emit). */
  text: string;
  /** The SELECT part, as written. */
  query: string;
  /** The SELECT part, parsed (when the parser could). */
  select?: Query;
  columns?: string[];
  /** schemabinding, check_option, algorithm, definer, sql_security, ... */
  options: Record<string, string>;
  span: SourceSpan;
  /** The source object's path, for reports (set by the transpiler on PostgreSQL catalogs). */
  source?: string;
  /** COMMENT ON VIEW (T-SQL: an MS_Description extended property). */
  comment?: string;
  /** COMMENT ON COLUMN of the view's output columns, by name (source names in a source catalog, target names after transpile). */
  columnComments?: { column: string; comment: string; span?: SourceSpan }[];
}

export interface Routine {
  kind: 'procedure' | 'function' | 'event';
  name: QName;
  text: string;
  /** PostgreSQL only: the signature DROP needs, e.g. "public.trg_set_updated()". */
  signature?: string;
  span: SourceSpan;
  /** The source object's path, for reports (set by the transpiler on PostgreSQL catalogs). */
  source?: string;
}

export interface Trigger {
  name: QName;
  table: QName;
  timing?: 'before' | 'after' | 'instead of';
  events: ('insert' | 'update' | 'delete')[];
  text: string;
  span: SourceSpan;
  /** The source object's path, for reports (set by the transpiler on PostgreSQL catalogs). */
  source?: string;
}

export interface Sequence {
  name: QName;
  type?: DataType;
  start?: bigint;
  increment?: bigint;
  min?: bigint;
  max?: bigint;
  cycle?: boolean;
  cache?: bigint;
  span: SourceSpan;
  /** The source object's path, for reports (set by the transpiler on PostgreSQL catalogs). */
  source?: string;
}

/**
 * alias: T-SQL CREATE TYPE x FROM base / sp_addtype (→ DOMAIN); enum: PostgreSQL enum made from MySQL ENUM;
 * domain: PostgreSQL domain; table: T-SQL table type (no PostgreSQL equivalent).
 */
export interface UserType {
  kind: 'alias' | 'enum' | 'domain' | 'table' | 'composite';
  name: QName;
  /** T-SQL table type columns (source) / composite type fields (PostgreSQL). */
  columns?: Column[];
  base?: DataType;
  nullable?: boolean;
  values?: string[];
  text?: string;
  /** PostgreSQL domains: COLLATE (schema-qualified) and CHECK expressions over VALUE (case-insensitive bases). */
  collation?: string;
  checks?: Expr[];
  span: SourceSpan;
  /** The source object's path, for reports (set by the transpiler on PostgreSQL catalogs). */
  source?: string;
}

export interface Collation {
  name: string;
  provider: 'icu';
  locale: string;
  deterministic: boolean;
}

export interface DataSet {
  table: QName;
  columns?: string[];
  statements: number;
  rows: number;
  span: SourceSpan;
  /** Where each INSERT's VALUES rows lie in the script text, read again lazily by the data phase (never copied). */
  chunks?: DataChunk[];
  /** PostgreSQL only: the source table, to find the columns' source types and copy transforms. */
  sourceTable?: QName;
}

/**
 * A run of consecutive INSERT statements into one table with the same column list: [start, end) of the script
 * text (from the first INSERT to the end of the last row) — offsets only, the rows are read again when written.
 */
export interface DataChunk {
  source: TextSource;
  start: number;
  end: number;
  /** INSERT statements in the run. */
  statements: number;
  /** The statements' column list, source spelling; undefined: every column in table order. */
  columns?: string[];
  /** PostgreSQL only: the target names of the columns the rows fill, in row order (set by the transpiler). */
  targetColumns?: string[];
  span: SourceSpan;
}

/** An object pgshift could not convert cleanly: original text plus a best-effort PostgreSQL draft. */
export interface ManualItem {
  /** Readable path, as in Diagnostic.object. */
  object: string;
  kind: 'table' | 'column' | 'constraint' | 'index' | 'view' | 'routine' | 'trigger' | 'type' | 'sequence' | 'statement';
  original: string;
  draft?: string;
  codes: string[];
  span?: SourceSpan;
}

export function qnameText(q: QName): string {
  return q.schema ? `${q.schema}.${q.name}` : q.name;
}

export function emptySchema(name: string): Schema {
  return { name, tables: [], views: [], routines: [], triggers: [], sequences: [], types: [], data: [] };
}

/** Find or create a schema by exact name. */
export function schemaOf(catalog: Catalog, name: string): Schema {
  let s = catalog.schemas.find((x) => x.name === name);
  if (!s) {
    s = emptySchema(name);
    catalog.schemas.push(s);
  }
  return s;
}

/** Case-insensitive lookup, as both source dialects resolve names by default. */
export function findTable(catalog: Catalog, q: QName): Table | undefined {
  const s = catalog.schemas.find((x) => x.name.toLowerCase() === q.schema.toLowerCase());
  if (!s) return undefined;
  const i = indexOfName(s.tables, q.name);
  if (i < 0 || s.tables[i]!.name.name === q.name) return s.tables[i];
  // Users and users are two tables on a case-sensitive MySQL server: the exact spelling wins when both exist.
  return s.tables.find((t) => t.name.name === q.name) ?? s.tables[i];
}

/** Position of the object spelled exactly `name` (indexOfName's map finds it; a scan only when another spelling shadows it), or -1. */
export function indexOfExactName(list: readonly { name: QName }[], name: string): number {
  const i = indexOfName(list, name);
  if (i < 0 || list[i]!.name.name === name) return i;
  return list.findIndex((o) => o.name.name === name);
}

interface NameIndex { length: number; last: unknown; byName: Map<string, number> }
const nameIndexes = new WeakMap<object, NameIndex>();

/**
 * Position of the object called `name` (case-insensitive) in a schema's list, or -1. Scripts define tens of
 * thousands of objects, so each list gets a map: extended when the list only grew at its end, rebuilt when it
 * changed otherwise (length or last element differ; a stale position is caught on the hit).
 */
export function indexOfName(list: readonly { name: QName }[], name: string): number {
  const key = name.toLowerCase();
  let ix = nameIndexes.get(list);
  if (ix && ix.length < list.length && (ix.length === 0 || list[ix.length - 1] === ix.last)) {
    // Only appended since: index the new tail.
    for (let i = ix.length; i < list.length; i++) ix.byName.set(list[i]!.name.name.toLowerCase(), i);
    ix.length = list.length;
    ix.last = list[list.length - 1];
  }
  if (!ix || ix.length !== list.length || ix.last !== list[list.length - 1]) ix = buildNameIndex(list);
  const i = ix.byName.get(key);
  if (i === undefined || list[i]?.name.name.toLowerCase() === key) return i ?? -1;
  return buildNameIndex(list).byName.get(key) ?? -1;
}

function buildNameIndex(list: readonly { name: QName }[]): NameIndex {
  const byName = new Map<string, number>();
  list.forEach((o, i) => byName.set(o.name.name.toLowerCase(), i));
  const ix = { length: list.length, last: list[list.length - 1], byName };
  nameIndexes.set(list, ix);
  return ix;
}

/** Concatenate catalogs of one dialect (directory input); later definitions of the same object are kept separately and flagged by the transpiler. */
export function mergeCatalogs(parts: Catalog[]): Catalog {
  const out: Catalog = { dialect: parts[0]?.dialect ?? 'tsql', schemas: [], diagnostics: [] };
  for (const c of parts) {
    out.diagnostics.push(...c.diagnostics);
    for (const s of c.schemas) {
      const t = schemaOf(out, s.name);
      t.declared ||= s.declared;
      t.tables.push(...s.tables);
      t.views.push(...s.views);
      t.routines.push(...s.routines);
      t.triggers.push(...s.triggers);
      t.sequences.push(...s.sequences);
      t.types.push(...s.types);
      t.data.push(...s.data);
      t.comment ??= s.comment;
      t.span ??= s.span;
    }
  }
  return out;
}

export type ObjectKind =
  | 'schema' | 'table' | 'view' | 'procedure' | 'function' | 'event' | 'trigger' | 'type' | 'sequence' | 'data';

/**
 * The readable path of a top-level object, used as Diagnostic.object, ManualItem.object and in reports:
 * 'table dbo.Orders', 'view sakila.actor_info'. Source names, not target names, so a reader finds them.
 * Sub-objects (columns, constraints, indexes) are named in the message, not the path.
 */
export function objectPath(kind: ObjectKind, q: QName | string): string {
  return `${kind} ${typeof q === 'string' ? q : qnameText(q)}`;
}
