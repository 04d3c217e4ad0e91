import type { Catalog, DataSet, QName, Schema } from '../../model/catalog.js';
import { emptySchema } from '../../model/catalog.js';
import { diag, type DiagnosticCode, type Diagnostic } from '../../model/diagnostics.js';
import type { SourceSpan } from '../../model/source.js';

/** State shared by every script of one parseTsql call: they run as one session, top to bottom. */
export interface Session {
  catalog: Catalog;
  defaultSchema: string;
  sqlcmdVars: Record<string, string>;
  /** DataSet per lower-case 'schema.table', so 15k INSERTs stay O(1) each. */
  data: Map<string, DataSet>;
  /** Nested dynamic-SQL depth (EXEC sp_executesql inside a string). */
  dynamicDepth: number;
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

export function objectText(q: QName): string {
  return `${q.schema}.${q.name}`;
}

export type { SourceSpan };
