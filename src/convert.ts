import type { Catalog, ManualItem } from './model/catalog.js';
import type { Diagnostic } from './model/diagnostics.js';
import type { ScriptText } from './sources/script.js';
import { parseTsql } from './sources/tsql/parser.js';
import { parseMysql } from './sources/mysql/parser.js';
import { transpile } from './transpile/index.js';
import type { ConvertOptions } from './transpile/context.js';
import { printMigration, type Phase } from './target/postgres/print.js';
import { printDataPhases } from './target/postgres/data-phase.js';
import { applyToPglite, applyToUrl, checkSyntax, pruneFailures, startSyntaxCheck } from './target/postgres/verify.js';
import { buildReport, sourceObjects, targetIndex, type Report } from './emit/report.js';
import { collectGarbage } from './gc.js';

import { sourceUrlDialect, type SourceDialect } from './sources/url-dialect.js';

export { sourceUrlDialect, type SourceDialect } from './sources/url-dialect.js';

export interface PipelineOptions extends ConvertOptions {
  from: SourceDialect;
  /** undefined: no apply; 'pglite': embedded PostgreSQL; otherwise a postgres:// URL. */
  verify?: string;
  /** SQLCMD variables for a T-SQL script's $(name) (--var); `:setvar` in the script overrides them. Not in the report. */
  sqlcmdVars?: Record<string, string>;
}

export interface ConvertResult {
  source: Catalog;
  target: Catalog;
  phases: Phase[];
  manual: ManualItem[];
  diagnostics: Diagnostic[];
  report: Report;
}

export function parseSource(scripts: ScriptText[], from: SourceDialect, sqlcmdVars?: Record<string, string>): Catalog {
  const catalog = from === 'tsql' ? parseTsql(scripts, sqlcmdVars ? { sqlcmdVars } : {}) : parseMysql(scripts);
  catalog.diagnostics.unshift(...scripts.flatMap((s) => s.diagnostics));
  return catalog;
}

/** Reads a live database into the IR; `input` names it for the report (server and database, no credentials). */
export async function introspectSource(url: string, schemas?: string[]): Promise<{ source: Catalog; from: SourceDialect; input: string }> {
  const from = sourceUrlDialect(url);
  if (!from) throw new Error('--source must be a mysql://, mariadb:// or mssql:// URL');
  // The drivers load only when a live source is asked for: script conversions start without them.
  if (from === 'tsql') {
    const { introspectMssql, parseMssqlUrl } = await import('./sources/tsql/introspect.js');
    const source = await introspectMssql(url, schemas ? { schemas } : {});
    return { source, from, input: parseMssqlUrl(url).label };
  }
  const { introspectMysql, parseMysqlUrl } = await import('./sources/mysql/introspect.js');
  const u = parseMysqlUrl(url);
  const source = await introspectMysql(url, schemas ? { schemas } : {});
  return { source, from, input: `${u.origin}/${(schemas ?? [u.database ?? '']).join(',')}` };
}

/**
 * The whole convert pipeline: parse → transpile → print → libpg_query check → (optional) apply.
 * Statements PostgreSQL rejects move to manual/, so the ordered files always apply cleanly.
 */
export async function convertScripts(scripts: ScriptText[], options: PipelineOptions): Promise<ConvertResult> {
  startSyntaxCheck(); // the check's parser compiles meanwhile
  return convertCatalog(parseSource(scripts, options.from, options.sqlcmdVars), options, scripts.map((s) => s.file));
}

/** The pipeline after the source stage, shared by scripts and live databases; `inputs` name them in the report (no credentials). */
export async function convertCatalog(source: Catalog, options: PipelineOptions, inputs: string[]): Promise<ConvertResult> {
  const held = { catalog: source };
  const out = await pipeline(held, options, inputs, true);
  return { source, target: out.target!, phases: out.phases, manual: out.manual, diagnostics: out.diagnostics, report: out.report };
}

/** What the convert command writes: the catalogs themselves are gone by then. */
export type ConvertOutput = Omit<ConvertResult, 'source' | 'target'>;

/**
 * convertCatalog for a caller that needs only the output: `held.catalog` is taken (the field is left undefined),
 * and each catalog is let go as soon as the next stage has what it needs (the source once transpiled, the target
 * once printed), so a large schema's peak memory holds two stages' worth, not three.
 */
export function convertHandedOver(held: { catalog?: Catalog }, options: PipelineOptions, inputs: string[]): Promise<ConvertOutput> {
  return pipeline(held, options, inputs, false);
}

/** `keep`: the caller holds the source and is given the target; else both go (and are collected) as soon as they may. */
async function pipeline(held: { catalog?: Catalog }, options: PipelineOptions, inputs: string[], keep: boolean): Promise<ConvertOutput & { target?: Catalog }> {
  startSyntaxCheck();
  let source: Catalog | undefined = held.catalog!;
  if (!keep) held.catalog = undefined;
  let target: Catalog | undefined = transpile(source, options);
  const data = printDataPhases(source, target);
  const sourceDiagnostics = source.diagnostics;
  const objects = sourceObjects(source);
  source = undefined;
  if (!keep) collectGarbage();

  const printed = printMigration(target);
  const printedPhases = [...printed.phases, ...data.phases].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const manual = [...(target.manual ?? []), ...printed.manual, ...data.manual];
  const diagnostics = [...sourceDiagnostics, ...target.diagnostics, ...printed.diagnostics, ...data.diagnostics];
  const subjects = { objects, targets: targetIndex(target) };
  const kept = keep ? target : undefined;
  target = undefined;
  if (!keep) collectGarbage();

  const syntax = await checkSyntax(printedPhases);
  let phases = pruneFailures(syntax.phases, syntax.rejected, 'PGS6001', manual, diagnostics);
  if (options.verify) {
    const applied = options.verify === 'pglite' ? await applyToPglite(phases) : await applyToUrl(options.verify, phases);
    phases = pruneFailures(phases, applied.failed, 'PGS6002', manual, diagnostics);
  }
  const report = buildReport({ inputs, options: reportOptions(options), subjects, phases, manual, diagnostics });
  return { ...(kept ? { target: kept } : {}), phases, manual, diagnostics, report };
}

/** Options as the report shows them: no URLs (they may carry credentials). */
function reportOptions(o: PipelineOptions): Record<string, unknown> {
  return {
    from: o.from,
    identifiers: o.identifiers,
    schemaMap: o.schemaMap,
    targetVersion: o.targetVersion,
    caseInsensitive: o.caseInsensitive ?? (o.targetVersion >= 18 ? 'collation' : 'citext'),
    mappings: o.mappingsFile ?? null,
    verify: o.verify === undefined ? null : o.verify === 'pglite' ? 'pglite' : 'url',
  };
}
