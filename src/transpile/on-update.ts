import type { Routine, Trigger } from '../model/catalog.js';
import type { Expr } from '../model/expr.js';
import type { SourceSpan } from '../model/source.js';
import { exprText, quoteIdent, quoteQName } from './draft.js';
import { translateExpr } from './expr.js';
import { flatten } from '../collections.js';
import { report, reportProblems, type TableScope } from './scope.js';

/** A column refreshed on UPDATE: MySQL ON UPDATE (a source expression) or a SQL Server rowversion (already PostgreSQL). */
export interface OnUpdateColumn {
  name: string;
  expr: Expr;
  span: SourceSpan;
  rowversion?: boolean;
}

/**
 * MySQL ON UPDATE CURRENT_TIMESTAMP and SQL Server rowversion → one trigger function and one BEFORE UPDATE trigger per
 * table. Like MySQL, the column is only refreshed when the UPDATE changed the row and did not set it itself
 * (rows compare as text, since some column types have no equality operator).
 */
export function onUpdateTrigger(s: TableScope, columns: OnUpdateColumn[]): { routine: Routine; trigger: Trigger } | undefined {
  if (!columns.length) return undefined;
  const assignments: string[] = [];
  for (const c of columns) {
    const r = c.rowversion ? { expr: c.expr, problems: [], failed: false } : translateExpr(c.expr, s.env);
    reportProblems(s, `column ${c.name} ON UPDATE`, r.problems, c.span);
    if (r.failed) continue;
    const col = quoteIdent(c.name);
    assignments.push(`    IF NEW.${col} IS NOT DISTINCT FROM OLD.${col} THEN\n      NEW.${col} := ${exprText(r.expr)};\n    END IF;`);
  }
  if (!assignments.length) return undefined;
  const { routine, trigger, signature } = beforeRowTrigger(s, 'on_update', 'update', [
    '  IF NEW::text IS DISTINCT FROM OLD::text THEN',
    ...assignments,
    '  END IF;',
  ]);
  const onUpdate = columns.filter((c) => !c.rowversion).map((c) => c.name);
  const rowversion = columns.filter((c) => c.rowversion).map((c) => c.name);
  const what = [onUpdate.length ? `ON UPDATE CURRENT_TIMESTAMP on ${onUpdate.join(', ')}` : '', rowversion.length ? `rowversion ${rowversion.join(', ')} (a new value from the schema's rowversion sequence)` : ''];
  report(s, 'PGS3005', `${what.filter(Boolean).join(' and ')} becomes trigger ${trigger.name.name} calling function ${signature}`, { span: columns[0]!.span });
  return { routine, trigger };
}

/**
 * A plpgsql trigger function <table>_<suffix>() whose body (`body`, lines inside BEGIN ... RETURN NEW) sets NEW's
 * columns, and the BEFORE `event` FOR EACH ROW trigger of the same name that calls it.
 */
export function beforeRowTrigger(s: TableScope, suffix: string, event: 'insert' | 'update', body: string[]): { routine: Routine; trigger: Trigger; signature: string } {
  const base = s.ctx.names.fold(`${s.target.name}_${suffix}`);
  const fn = { schema: s.target.schema, name: base };
  const signature = flatten(`${quoteQName(fn)}()`);
  const text = [
    `CREATE FUNCTION ${signature} RETURNS trigger LANGUAGE plpgsql AS $$`,
    'BEGIN',
    ...body,
    '  RETURN NEW;',
    'END;',
    '$$;',
  ].join('\n');
  const trigText = flatten(`CREATE TRIGGER ${quoteIdent(base)} BEFORE ${event.toUpperCase()} ON ${quoteQName(s.target)} FOR EACH ROW EXECUTE ${s.ctx.options.targetVersion >= 11 ? 'FUNCTION' : 'PROCEDURE'} ${signature};`);
  return {
    routine: { kind: 'function', name: fn, text, signature, span: s.src.span },
    trigger: { name: { schema: s.target.schema, name: base }, table: s.target, timing: 'before', events: [event], text: trigText, span: s.src.span },
    signature,
  };
}
