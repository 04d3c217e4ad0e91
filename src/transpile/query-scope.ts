import type { QName } from '../model/catalog.js';
import type { DataType } from '../model/types.js';

/** One output column of a relation in scope: its source spelling, its target name and its PostgreSQL type. */
export interface RelColumn {
  source: string;
  name: string;
  type?: DataType;
  /** A column of the input that is not in the output table (it went to manual/): a query reading it cannot be created. */
  missing?: true;
}

/** A FROM item as queries see it: the names it answers to and its columns. */
export interface ScopeRelation {
  /** Lower-case source names a qualifier may use: alias, or table / schema.table / db.schema.table. */
  refs: string[];
  /** Qualifier printed in PostgreSQL: the folded alias or the target table name. */
  exposed: string;
  columns: RelColumn[];
  /** A table or view of the input (for dependencies and reports). */
  target?: QName;
  /** True when the column list is not known (a table outside the input): any column name resolves. */
  open?: boolean;
}

/** Output shape of a CTE, derived table or view: what a later FROM sees. */
export interface RelationShape {
  columns: RelColumn[];
}

/** Relations visible at one query level, the enclosing levels (correlated references) and the CTEs in force. */
export interface QueryScope {
  relations: ScopeRelation[];
  parent?: QueryScope;
  ctes: Map<string, RelationShape>;
}

export function emptyScope(parent?: QueryScope): QueryScope {
  return { relations: [], ctes: new Map(parent?.ctes ?? []), ...(parent ? { parent } : {}) };
}

const lc = (s: string): string => s.toLowerCase();

/** Resolve a column reference written in SOURCE names; innermost level first. */
export function resolveSource(scope: QueryScope | undefined, parts: string[]): { rel: ScopeRelation; col: RelColumn } | undefined {
  const name = lc(parts[parts.length - 1]!);
  const qual = parts.slice(0, -1).map(lc).join('.');
  for (let s = scope; s; s = s.parent) {
    for (const rel of s.relations) {
      if (qual && !rel.refs.includes(qual)) continue;
      const col = rel.columns.find((c) => lc(c.source) === name);
      if (col) return { rel, col };
      if (qual && rel.open) return { rel, col: { source: parts[parts.length - 1]!, name: '' } };
    }
  }
  return undefined;
}

/** Resolve a column reference written in TARGET names (for types of translated trees). */
export function resolveTarget(scope: QueryScope | undefined, parts: string[]): RelColumn | undefined {
  const name = parts[parts.length - 1]!;
  const qual = parts.length > 1 ? parts[parts.length - 2]! : undefined;
  for (let s = scope; s; s = s.parent) {
    for (const rel of s.relations) {
      if (qual !== undefined && rel.exposed !== qual) continue;
      const col = rel.columns.find((c) => c.name === name);
      if (col) return col;
    }
  }
  return undefined;
}

/** Relation answering to a qualifier (for t.* expansion). */
export function findRelation(scope: QueryScope | undefined, qual: string[]): ScopeRelation | undefined {
  const q = qual.map(lc).join('.');
  for (let s = scope; s; s = s.parent) {
    const rel = s.relations.find((r) => r.refs.includes(q));
    if (rel) return rel;
  }
  return undefined;
}
