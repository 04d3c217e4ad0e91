import type { Routine, Trigger } from '../model/catalog.js';
import { walkExpr, type Expr } from '../model/expr.js';
import type { SourceSpan } from '../model/source.js';
import { exprText, quoteIdent } from './draft.js';
import { beforeRowTrigger } from './on-update.js';
import { report, type TableScope } from './scope.js';

/** A translated default that reads other columns of its row (MySQL 8 / MariaDB 10.2 `b int DEFAULT (a * a)`). */
export interface ColumnDefault {
  name: string;
  expr: Expr;
  /** The default as the source wrote it, for messages. */
  raw: string;
  /** The columns it reads (target names). */
  reads: string[];
  span: SourceSpan;
}

const columnList = (names: string[]): string => `column${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
const lastPart = (parts: string[]): string => parts[parts.length - 1]!;

/** The columns of the table (`columns`: target names) a translated default reads; none for an ordinary default. */
export function columnsRead(e: Expr, columns: ReadonlyMap<string, unknown>): string[] {
  const out: string[] = [];
  walkExpr(e, (x) => {
    if (x.kind !== 'column') return;
    const name = lastPart(x.parts);
    if (columns.has(name) && !out.includes(name)) out.push(name);
  });
  return out;
}

/** The expression with each column of the row read through the trigger's `new` record. */
function onNewRow(e: Expr, columns: ReadonlySet<string>): Expr {
  const swap = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(swap);
    if (!node || typeof node !== 'object') return node;
    const x = node as Expr;
    if (x.kind === 'column' && columns.has(lastPart(x.parts))) return { ...x, parts: ['new', lastPart(x.parts)] };
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'span' ? v : swap(v)]));
  };
  return swap(e) as Expr;
}

/**
 * PostgreSQL rejects a DEFAULT that reads a column ("cannot use column reference in DEFAULT expression"): such
 * defaults become one BEFORE INSERT trigger per table that computes each from the row being inserted, in column
 * order, when the INSERT leaves the column NULL (PGS3007). `kept`: the columns the table was converted with.
 */
export function columnDefaultsTrigger(s: TableScope, defaults: ColumnDefault[], kept: ReadonlySet<string>): { routine: Routine; trigger: Trigger } | undefined {
  const assignments: string[] = [];
  const carried: ColumnDefault[] = [];
  for (const d of defaults) {
    const missing = d.reads.filter((c) => !kept.has(c));
    if (missing.length) {
      report(s, 'PGS3007', `column ${d.name}: default ${d.raw} reads ${columnList(missing)}, which is not converted; dropped (a BEFORE INSERT trigger would be needed to compute it)`, { span: d.span });
      continue;
    }
    const col = quoteIdent(d.name);
    assignments.push(`  IF new.${col} IS NULL THEN\n    new.${col} := ${exprText(onNewRow(d.expr, kept))};\n  END IF;`);
    carried.push(d);
  }
  if (!assignments.length) return undefined;
  const t = beforeRowTrigger(s, 'defaults', 'insert', assignments);
  for (const d of carried) {
    report(s, 'PGS3007', `column ${d.name}: default ${d.raw} reads ${columnList(d.reads)}, which a PostgreSQL DEFAULT cannot; BEFORE INSERT trigger ${t.trigger.name.name} (function ${t.signature}) computes it instead, also when an INSERT sets the column to NULL`, { span: d.span });
  }
  return { routine: t.routine, trigger: t.trigger };
}
