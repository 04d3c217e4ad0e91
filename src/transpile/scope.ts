import type { Collation, ManualItem, QName, Routine, Sequence, Table, Trigger, UserType } from '../model/catalog.js';
import { diag, type DiagnosticCode, type Severity } from '../model/diagnostics.js';
import type { SourceSpan } from '../model/source.js';
import type { DataType } from '../model/types.js';
import type { TranspileContext } from './context.js';
import type { ExprEnv, ExprProblem } from './expr.js';
import { flatten } from '../collections.js';

/** One source table being converted: where diagnostics and manual items about it go. */
export interface TableScope {
  ctx: TranspileContext;
  src: Table;
  target: QName;
  /** 'table dbo.Orders' (source names). */
  object: string;
  env: ExprEnv;
  /** PostgreSQL type per target column name (filled by the column pass). */
  columnTypes: Map<string, DataType>;
  /** Target column names whose source compared case-insensitively (and how). */
  ciColumns: Map<string, { accentInsensitive: boolean }>;
  /** Objects the table needs in its target schema: enum types, collations, ON UPDATE functions and triggers. */
  newTypes: UserType[];
  newCollations: Collation[];
  newRoutines: Routine[];
  newTriggers: Trigger[];
  /** The schema's rowversion sequence, when a column needs it. */
  newSequences: Sequence[];
}

export function report(
  s: { ctx: TranspileContext; object: string },
  code: DiagnosticCode,
  message: string,
  extra: { span?: SourceSpan; rule?: string; severity?: Severity; suggestion?: string } = {},
): void {
  // Diagnostics live to the end of the run: their text is kept flat (see flatten).
  s.ctx.diagnostics.push(diag(code, flatten(message), { object: s.object, ...extra }));
}

/** Report the problems of one translated expression, prefixed with what it belongs to. */
export function reportProblems(s: TableScope, what: string, problems: ExprProblem[], span?: SourceSpan): void {
  for (const p of problems) {
    report(s, p.code, `${what}: ${p.message}`, { span, rule: p.rule, severity: p.severity });
  }
}

export function addManual(s: { ctx: TranspileContext; object: string }, item: Omit<ManualItem, 'object'>): void {
  s.ctx.manual.push({ object: s.object, ...item });
}

export const problemCodes = (ps: ExprProblem[]): string[] => [...new Set(ps.map((p) => p.code))];
