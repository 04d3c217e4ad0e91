import { findTable, objectPath, type Collation, type DataSet, type ObjectKind, type Schema, type Sequence, type UserType } from '../model/catalog.js';
import { caseInsensitiveType } from './collation.js';
import { findAliasType } from './columns.js';
import { dataType, type DataType } from '../model/types.js';
import { isStringSourceType } from './types.js';
import { diag, type DiagnosticCode } from '../model/diagnostics.js';
import { qnameText } from '../model/catalog.js';
import type { TranspileContext } from './context.js';
import { mapCastType } from './expr.js';
import type { ExprProblem } from './expr.js';
import { withTsqlSequenceDefaults } from './sequence-range.js';

/** Views, routines, triggers and events are converted in later issues: each is reported and kept for manual work. */
export function deferSourceObjects(ctx: TranspileContext, s: Schema): void {
  const defer = (kind: ObjectKind, manualKind: 'view' | 'routine' | 'trigger', code: DiagnosticCode, o: { name: { schema: string; name: string }; text: string; span: import('../model/source.js').SourceSpan }, what: string): void => {
    const object = objectPath(kind, o.name);
    ctx.diagnostics.push(diag(code, `${what} ${qnameText(o.name)} is not converted yet; its source is listed for manual conversion`, { object, span: o.span }));
    ctx.manual.push({ object, kind: manualKind, original: o.text, codes: [code], span: o.span });
  };
  // Views with a parsed query are converted by views.ts.
  for (const v of s.views) if (!v.select) defer('view', 'view', 'PGS4001', v, 'view');
  for (const r of s.routines) {
    if (r.kind === 'event') defer('event', 'routine', 'PGS4004', r, 'event');
    else defer(r.kind, 'routine', 'PGS4002', r, r.kind);
  }
  for (const t of s.triggers) defer('trigger', 'trigger', 'PGS4003', t, 'trigger');
}

/** INSERT data, merged per table; the data phase reports PGS4005 with the counts it writes. */
export function convertDataSets(ctx: TranspileContext, s: Schema): DataSet[] {
  const byTable = new Map<string, DataSet>();
  for (const d of s.data) {
    // One table's INSERTs, however spelled; MySQL table names are case-sensitive (Users and users are two tables).
    const k = ctx.dialect === 'mysql' ? `${d.table.schema.toLowerCase()}\u0000${d.table.name}` : `${d.table.schema.toLowerCase()}\u0000${d.table.name.toLowerCase()}`;
    const prev = byTable.get(k);
    if (prev) byTable.set(k, { ...prev, statements: prev.statements + d.statements, rows: prev.rows + d.rows, chunks: [...(prev.chunks ?? []), ...(d.chunks ?? [])] });
    else byTable.set(k, { ...d });
  }
  const out: DataSet[] = [];
  for (const d of byTable.values()) {
    const target = ctx.names.relation(d.table) ?? { schema: ctx.names.schema(d.table.schema), name: ctx.names.fold(d.table.name) };
    // Each statement's columns, source and target spelling: the data phase (target/postgres/data-phase.ts) writes the rows.
    // Without a column list, T-SQL rows skip identity, computed and rowversion columns; MySQL rows fill every column.
    const all = (findTable(ctx.source, d.table)?.columns ?? [])
      .filter((c) => ctx.dialect !== 'tsql' || !(c.identity || c.generated || /^(timestamp|rowversion)$/i.test(c.type.name)))
      .map((c) => c.name);
    const chunks = (d.chunks ?? []).map((ch) => {
      const columns = ch.columns ?? all;
      return { ...ch, columns, targetColumns: columns.map((c) => ctx.names.column(d.table, c)) };
    });
    out.push({ ...d, table: target, sourceTable: d.table, chunks, ...(d.columns ? { columns: d.columns.map((c) => ctx.names.column(d.table, c)) } : {}) });
  }
  return out;
}

function report(ctx: TranspileContext, object: string, problems: ExprProblem[], span: import('../model/source.js').SourceSpan): void {
  for (const p of problems) ctx.diagnostics.push(diag(p.code, p.message, { object, span, ...(p.rule ? { rule: p.rule } : {}) }));
}

export function convertSequence(ctx: TranspileContext, q: Sequence): Sequence {
  const object = objectPath('sequence', q.name);
  const problems: ExprProblem[] = [];
  const type = q.type && mapCastType(q.type, { ctx }, problems);
  report(ctx, object, problems, q.span);
  const { type: _t, name: _n, ...rest } = q;
  const converted = { ...rest, name: ctx.names.relation(q.name)!, ...(type ? { type } : {}), source: object };
  if (ctx.dialect !== 'tsql') return converted;
  const { sequence, note } = withTsqlSequenceDefaults({ ...converted, ...(q.type ? { type: q.type } : {}) }, type);
  if (note) ctx.diagnostics.push(diag('PGS2002', note, { object, span: q.span }));
  return sequence;
}

/** T-SQL alias types → PostgreSQL domains; table types have no equivalent (manual). */
export function convertUserType(ctx: TranspileContext, t: UserType, newCollations: Collation[]): UserType | undefined {
  const object = objectPath('type', t.name);
  const name = ctx.names.relation(t.name)!;
  if (t.kind === 'alias' && t.base) {
    const problems: ExprProblem[] = [];
    let base = mapCastType(t.base, { ctx }, problems);
    report(ctx, object, problems, t.span);
    // T-SQL alias types have no collation of their own: strings compare by the (case-insensitive) server default.
    let ci: Pick<UserType, 'collation' | 'checks'> = {};
    if (base && isStringSourceType(ctx.dialect, t.base.name) && ['varchar', 'char', 'text'].includes(base.name)) {
      const r = caseInsensitiveType(ctx, base, false, { kind: 'column', parts: ['value'] }, name.schema);
      base = r.type;
      ci = { ...(r.collation ? { collation: r.collation } : {}), ...(r.checks.length ? { checks: r.checks } : {}) };
      if (r.newCollation) newCollations.push(r.newCollation);
    }
    // No NOT NULL on the domain: the alias type's nullability is a column default, and the columns carry it.
    return { kind: 'domain', name, base, ...ci, span: t.span, source: object };
  }
  if (t.kind === 'table' && t.columns?.length) {
    // A table-valued parameter of this type becomes an array of the composite in a converted routine.
    const problems: ExprProblem[] = [];
    const fieldType = (type: DataType): DataType => {
      const alias = findAliasType(ctx, type);
      if (!alias) return mapCastType(type, { ctx }, problems);
      const target = ctx.names.relation(alias.name)!;
      return dataType(target.name, [], { schema: target.schema, raw: `${target.schema}.${target.name}` });
    };
    const columns = t.columns.map((col) => ({ name: ctx.names.fold(col.name), type: fieldType(col.type), nullable: true, span: col.span }));
    report(ctx, object, problems, t.span);
    ctx.diagnostics.push(diag('PGS2013', `table type ${qnameText(t.name)} becomes composite type ${qnameText(name)} (a table-valued parameter becomes an array of it); its keys, defaults, CHECKs and indexes are not kept`, { object, span: t.span, severity: 'info' }));
    return { kind: 'composite', name, columns, span: t.span, source: object };
  }
  if (t.kind === 'table') {
    ctx.diagnostics.push(diag('PGS2001', `table type ${qnameText(t.name)} has no PostgreSQL equivalent (use a composite type or a temporary table); listed for manual conversion`, { object, span: t.span }));
    ctx.manual.push({ object, kind: 'type', original: t.text ?? `CREATE TYPE ${qnameText(t.name)} AS TABLE (...)`, codes: ['PGS2001'], span: t.span });
    return undefined;
  }
  return { ...t, name, source: object };
}
