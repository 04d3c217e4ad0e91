import { objectPath, qnameText, type QName, type Table, type View } from '../model/catalog.js';
import { diag, type DiagnosticCode } from '../model/diagnostics.js';
import { tableNamesIn } from '../model/query-walk.js';
import { printCreateView } from '../target/postgres/print-query.js';
import { printCommentOn, viewComments } from '../target/postgres/print-table.js';
import { isPrintFailure } from '../target/postgres/print-error.js';
import type { TranspileContext } from './context.js';
import { reportOncePerGroup } from './expr.js';
import { translateQuery, type KnownRelation, type QueryEnv, type QueryProblem } from './query.js';

const qkey = (q: QName): string => `${q.schema}\u0000${q.name}`;
const FAILING: ReadonlySet<string> = new Set(['PGS3001', 'PGS3002', 'PGS2001', 'PGS4007', 'PGS4008']);

/**
 * Source views with a parsed query → PostgreSQL views, in dependency order (a view after the views it reads, ties in
 * input order), each with its CREATE VIEW text. A view that cannot be translated, or that reads one that could not,
 * goes to manual with its source and a draft. Views the parser could not read are left to deferSourceObjects.
 */
export function convertViews(ctx: TranspileContext, tables: Table[]): View[] {
  const views = ctx.source.schemas.flatMap((s) => s.views).filter((v) => v.select);
  // The table map costs a pass over every column: only views need it.
  if (!views.length) return [];
  const known = knownTables(ctx, tables);
  // A relation in a schema the input defines must be created by this output: a view reading one that is not cannot apply.
  const schemas = new Set(ctx.source.schemas.filter((s) => s.tables.length || s.views.length).map((s) => ctx.names.schema(s.name)));
  const manualViews = new Map<string, string>();
  const out: View[] = [];
  for (const v of sourceOrder(ctx, views)) {
    const converted = convertView(ctx, v, known, manualViews, schemas);
    if (converted) out.push(converted.view);
  }
  return out;
}

/** Columns, types and keys of the converted tables, by target name. */
function knownTables(ctx: TranspileContext, tables: Table[]): Map<string, KnownRelation> {
  const byTarget = new Map(tables.map((t) => [qkey(t.name), t]));
  const known = new Map<string, KnownRelation>();
  for (const src of ctx.source.schemas.flatMap((s) => s.tables)) {
    const target = ctx.names.relation(src.name);
    const t = target && byTarget.get(qkey(target));
    if (!target || !t) continue;
    const columns = src.columns.map((c) => {
      const name = ctx.names.column(src.name, c.name);
      const col = t.columns.find((x) => x.name === name);
      return { source: c.name, name, ...(col?.type ? { type: col.type } : {}), ...(col ? {} : { missing: true as const }) };
    });
    known.set(qkey(target), { target, kind: 'table', columns, ...(t.primaryKey ? { primaryKey: t.primaryKey.columns.map((k) => k.column) } : {}) });
  }
  return known;
}

/** The source views each view reads (by its query tree), resolved through the name map. */
function sourceDeps(ctx: TranspileContext, v: View, byTarget: Map<string, View>): View[] {
  const deps: View[] = [];
  for (const parts of tableNamesIn(v.select!)) {
    const name = parts[parts.length - 1]!;
    const schemas = parts.length > 1 ? [parts[parts.length - 2]!] : ctx.dialect === 'tsql' ? [v.name.schema, 'dbo'] : [v.name.schema];
    for (const schema of schemas) {
      const target = ctx.names.relation({ schema, name });
      const w = target && byTarget.get(qkey(target));
      if (w && w !== v) {
        if (!deps.includes(w)) deps.push(w);
        break;
      }
    }
  }
  return deps;
}

/** Kahn's algorithm over source dependencies; ties keep input order; views in a cycle follow in input order. */
function sourceOrder(ctx: TranspileContext, views: View[]): View[] {
  const byTarget = new Map<string, View>();
  for (const v of views) {
    const t = ctx.names.relation(v.name);
    if (t) byTarget.set(qkey(t), v);
  }
  const deps = new Map(views.map((v) => [v, sourceDeps(ctx, v, byTarget)]));
  const done = new Set<View>();
  const ordered: View[] = [];
  for (;;) {
    const next = views.find((v) => !done.has(v) && deps.get(v)!.every((d) => done.has(d)));
    if (!next) break;
    done.add(next);
    ordered.push(next);
  }
  return [...ordered, ...views.filter((v) => !done.has(v))];
}

function convertView(
  ctx: TranspileContext, v: View, known: Map<string, KnownRelation>, manualViews: Map<string, string>, schemas: ReadonlySet<string>,
): { view: View } | undefined {
  const object = objectPath('view', v.name);
  const target = ctx.names.relation(v.name)!;
  const env: QueryEnv = {
    ctx, defaultSchema: v.name.schema, deps: [], expected: (q) => schemas.has(q.schema),
    lookup: (q) => {
      const t = ctx.names.relation(q);
      return t ? known.get(qkey(t)) : undefined;
    },
  };
  const problems: QueryProblem[] = [];
  const t = translateQuery(v.select!, env, problems);
  problems.splice(0, problems.length, ...reportOncePerGroup(problems, `view ${qnameText(v.name)}`));
  const report = (code: DiagnosticCode, message: string, extra: { span?: QueryProblem['span']; severity?: QueryProblem['severity']; rule?: string } = {}) =>
    ctx.diagnostics.push(diag(code, message, { object, span: extra.span ?? v.span, ...(extra.severity ? { severity: extra.severity } : {}), ...(extra.rule ? { rule: extra.rule } : {}) }));
  const options = viewOptions(ctx, v, problems);
  for (const p of problems) report(p.code, p.message, p);

  const declared = v.columns?.map((c) => ctx.names.fold(c));
  const view: View = {
    name: target, text: '', query: '', select: t.query, ...(declared ? { columns: declared } : {}), options, span: v.span, source: object,
  };
  const columns = declared ? declared.map((name, i) => ({ source: v.columns![i]!, name, ...(t.columns[i]?.type ? { type: t.columns[i]!.type } : {}) })) : t.columns;
  carryComments(ctx, v, view, columns);
  const draft = (): string => {
    const comments = viewComments(view).map(({ what, comment }) => `\n\n${printCommentOn(what, comment)}`).join('');
    try {
      return `${printCreateView(view, { opaque: 'inline' })};${comments}`;
    } catch (e) {
      return `-- ${(e as Error).message}${comments}`;
    }
  };
  const manualDep = env.deps.map((d) => manualViews.get(qkey(d))).find((x) => x !== undefined);
  const failed = problems.filter((p) => FAILING.has(p.code));
  if (!manualDep && !failed.length) {
    // A tree PostgreSQL has no spelling for (a type or operator) is this view's problem, not the whole run's.
    try {
      view.text = printCreateView(view, { opaque: 'inline' });
    } catch (e) {
      if (!isPrintFailure(e)) throw e;
      failed.push({ code: 'PGS6004', message: (e as Error).message });
      report('PGS6004', `view ${qnameText(v.name)}: ${(e as Error).message}`);
    }
  }
  if (manualDep || failed.length) {
    const why = manualDep ? `it reads view ${manualDep}, which is listed for manual conversion` : failed.map((p) => `${p.message}${p.span ? ` at ${p.span.file}:${p.span.line}:${p.span.col}` : ''}`).join('; ');
    if (manualDep) report('PGS4001', `view ${qnameText(v.name)} is not converted: ${why}`);
    else report('PGS4001', `view ${qnameText(v.name)} is listed for manual conversion: ${why}`, { span: failed[0]!.span });
    ctx.manual.push({ object, kind: 'view', original: v.text, draft: draft(), codes: [...new Set([...failed.map((p) => p.code), 'PGS4001'])], span: v.span });
    manualViews.set(qkey(target), qnameText(v.name));
    // Still a relation of the input: views reading it resolve it (and follow it to manual) instead of reporting an unknown table.
    known.set(qkey(target), { target, kind: 'view', columns: [] });
    return undefined;
  }
  known.set(qkey(target), { target, kind: 'view', columns });
  return { view };
}

/** The view's description and its columns' (by output column, target names); a column the view does not have is reported. */
function carryComments(ctx: TranspileContext, v: View, view: View, columns: { source: string; name: string }[]): void {
  if (v.comment !== undefined) view.comment = v.comment;
  for (const c of v.columnComments ?? []) {
    const col = columns.find((x) => x.source.toLowerCase() === c.column.toLowerCase());
    if (col) (view.columnComments ??= []).push({ column: col.name, comment: c.comment });
    else ctx.diagnostics.push(diag('PGS1017', `description of column ${c.column} not carried over: view ${qnameText(v.name)} has no such output column`, { object: objectPath('view', v.name), span: c.span ?? v.span }));
  }
}

/** Source view options → PostgreSQL view options (check_option, security_invoker); the rest reported as dropped. */
function viewOptions(ctx: TranspileContext, v: View, out: QueryProblem[]): Record<string, string> {
  const options: Record<string, string> = {};
  const info = (code: DiagnosticCode, message: string): void => void out.push({ code, message, severity: 'info' });
  for (const [k, value] of Object.entries(v.options)) {
    switch (k) {
      case 'check_option': options.check_option = value === 'local' ? 'local' : 'cascaded'; break;
      case 'schemabinding': info('PGS1011', 'SCHEMABINDING dropped: PostgreSQL views always depend on the objects they read'); break;
      case 'encryption': info('PGS1011', 'ENCRYPTION dropped: PostgreSQL keeps view definitions readable'); break;
      case 'view_metadata': info('PGS1011', 'VIEW_METADATA dropped: it only affects SQL Server client APIs'); break;
      case 'algorithm': info('PGS1011', `ALGORITHM=${value.toUpperCase()} dropped: PostgreSQL plans views itself`); break;
      case 'definer': info('PGS1018', `DEFINER=${value} dropped: the view belongs to the role that runs the migration`); break;
      case 'sql_security':
        if (value !== 'invoker') break;
        if (ctx.options.targetVersion >= 15) options.security_invoker = 'true';
        else out.push({ code: 'PGS3003', message: 'SQL SECURITY INVOKER needs security_invoker (PostgreSQL 15+); the view runs with its owner\'s rights' });
        break;
      default: info('PGS1011', `view option ${k} dropped`);
    }
  }
  return options;
}
