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
import { buildReport, type Report } from './emit/report.js';

import { sourceUrlDialect, type SourceDialect } from './sources/url-dialect.js';

export { sourceUrlDialect, type SourceDialect } from './sources/url-dialect.js';

export interface PipelineOptions extends ConvertOptions {
  from: SourceDialect;
  /** undefined: no apply; 'pglite': embedded PostgreSQL; otherwise a postgres:// URL. */
  verify?: string;
}

export interface ConvertResult {
  source: Catalog;
  target: Catalog;
  phases: Phase[];
  manual: ManualItem[];
  diagnostics: Diagnostic[];
  report: Report;
}

export function parseSource(scripts: ScriptText[], from: SourceDialect): Catalog {
  const catalog = from === 'tsql' ? parseTsql(scripts) : parseMysql(scripts);
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
  return convertCatalog(parseSource(scripts, options.from), options, scripts.map((s) => s.file));
}

/** The pipeline after the source stage, shared by scripts and live databases; `inputs` name them in the report (no credentials). */
export async function convertCatalog(source: Catalog, options: PipelineOptions, inputs: string[]): Promise<ConvertResult> {
  startSyntaxCheck();
  const target = transpile(source, options);
  const printed = printMigration(target);
  const data = printDataPhases(source, target);
  printed.phases = [...printed.phases, ...data.phases].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const manual = [...(target.manual ?? []), ...printed.manual, ...data.manual];
  const diagnostics = [...source.diagnostics, ...target.diagnostics, ...printed.diagnostics, ...data.diagnostics];

  const syntax = await checkSyntax(printed.phases);
  let phases = pruneFailures(syntax.phases, syntax.rejected, 'PGS6001', manual, diagnostics);
  if (options.verify) {
    const applied = options.verify === 'pglite' ? await applyToPglite(phases) : await applyToUrl(options.verify, phases);
    phases = pruneFailures(phases, applied.failed, 'PGS6002', manual, diagnostics);
  }
  const report = buildReport({
    inputs,
    options: reportOptions(options),
    source,
    target,
    phases,
    manual,
    diagnostics,
  });
  return { source, target, phases, manual, diagnostics, report };
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
