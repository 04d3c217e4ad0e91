import type { Catalog, DataChunk, DataSet, QName, Schema } from '../../model/catalog.js';
import { emptySchema } from '../../model/catalog.js';
import { diag, type DiagnosticCode, type Diagnostic } from '../../model/diagnostics.js';
import type { Bindable, Bound } from './bindings.js';
import type { Cursor } from './cursor.js';
import type { PartitionFunction } from './partition.js';
import type { SqlcmdState } from './sqlcmd.js';
import type { Synonym } from './synonym.js';

/** State shared by every script of one parseTsql call: they run as one session, top to bottom. */
export interface Session {
  catalog: Catalog;
  defaultSchema: string;
  sqlcmd: SqlcmdState;
  /** DataSet per lower-case 'schema.table', so 15k INSERTs stay O(1) each. */
  data: Map<string, DataSet>;
  /** Nested dynamic-SQL depth (EXEC sp_executesql inside a string). */
  dynamicDepth: number;
  /** Defined objects by objectKey(), so lookups stay O(1) on scripts with thousands of objects. */
  objects: Map<string, unknown>;
  /** The last INSERT's data chunk and where its statement ended: the next INSERT right after it extends the run. */
  lastRun?: { chunk: DataChunk; after: number };
  /** The PGS1011 the current statement's storage clauses are collected into (see storage.ts). */
  storageNote?: { diag: Diagnostic; cursor: Cursor; clauses: Map<string, number> };
  /** CREATE RULE / CREATE DEFAULT objects by kind and name (bindings.ts). */
  bindables?: Map<string, Bindable>;
  /** sp_bindrule / sp_bindefault targets: 'column:s.t.c' or 'type:s.t' (lower-case), applied when the script ends. */
  bindings?: Map<string, Bound>;
  /** CREATE PARTITION FUNCTION / SCHEME by lower-case name (a scheme maps to its function's name). */
  partitionFunctions?: Map<string, PartitionFunction>;
  partitionSchemes?: Map<string, string>;
  /** SELECT @var = name FROM sys.default_constraints ... by lower-case variable (default-drop.ts). */
  defaultLookups?: Map<string, { table: string; column: string }>;
  /** CREATE SYNONYM statements, resolved when the script ends (synonym.ts). */
  synonyms?: Synonym[];
}

/** Object families that each have their own list in Schema. */
export type ObjectFamily = 'table' | 'view' | 'routine' | 'trigger' | 'sequence' | 'type';

/** Case-insensitive key, as SQL Server resolves names under its default collation. */
export function objectKey(family: ObjectFamily, q: QName): string {
  return `${family}:${q.schema}.${q.name}`.toLowerCase();
}

/** Add or replace an object in its schema list; returns the replaced object, if any. */
export function putObject<T extends { name: QName }>(s: Session, family: ObjectFamily, list: T[], item: T): T | undefined {
  const key = objectKey(family, item.name);
  const old = s.objects.get(key) as T | undefined;
  const at = old ? list.indexOf(old) : -1;
  if (at >= 0) list.splice(at, 1, item);
  else list.push(item);
  s.objects.set(key, item);
  return at >= 0 ? old : undefined;
}

/** Remove an object defined earlier; false when there is none. */
export function removeObjectFrom<T extends { name: QName }>(s: Session, family: ObjectFamily, list: T[], q: QName, accept?: (x: T) => boolean): boolean {
  const key = objectKey(family, q);
  const old = s.objects.get(key) as T | undefined;
  if (!old || (accept && !accept(old))) return false;
  const at = list.indexOf(old);
  if (at >= 0) list.splice(at, 1);
  s.objects.delete(key);
  return at >= 0;
}

export function report(s: Session, code: DiagnosticCode, message: string, extra: Partial<Omit<Diagnostic, 'code' | 'message'>> = {}): void {
  s.catalog.diagnostics.push(diag(code, message, extra));
}

/** Case-insensitive schema lookup (SQL Server default collation), created on first use. */
export function schemaFor(s: Session, name: string): Schema {
  const lower = name.toLowerCase();
  let sc = s.catalog.schemas.find((x) => x.name.toLowerCase() === lower);
  if (!sc) {
    sc = emptySchema(name);
    s.catalog.schemas.push(sc);
  }
  return sc;
}

/** [server.][db.][schema.]name → QName; a missing schema resolves to the session default. */
export function qname(s: Session, parts: string[]): QName {
  const name = parts[parts.length - 1]!;
  const schema = parts.length > 1 && parts[parts.length - 2] ? parts[parts.length - 2]! : s.defaultSchema;
  return { schema, name };
}

export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
export const sameQName = (a: QName, b: QName): boolean => sameName(a.schema, b.schema) && sameName(a.name, b.name);
