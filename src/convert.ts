import type { Catalog, ManualItem } from './model/catalog.js';
import type { Diagnostic } from './model/diagnostics.js';
import type { ScriptText } from './sources/script.js';
import { parseTsql } from './sources/tsql/parser.js';
import { parseMysql } from './sources/mysql/parser.js';
import { transpile } from './transpile/index.js';
import type { ConvertOptions } from './transpile/context.js';
import { printMigration, type Phase } from './target/postgres/print.js';
import { applyToPglite, applyToUrl, checkSyntax, pruneFailures } from './target/postgres/verify.js';
import { buildReport, type Report } from './emit/report.js';

export type SourceDialect = 'tsql' | 'mysql';

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

/**
 * The whole convert pipeline: parse → transpile → print → libpg_query check → (optional) apply.
 * Statements PostgreSQL rejects move to manual/, so the ordered files always apply cleanly.
 */
export async function convertScripts(scripts: ScriptText[], options: PipelineOptions): Promise<ConvertResult> {
  const source = parseSource(scripts, options.from);
  const target = transpile(source, options);
  const printed = printMigration(target);
  const manual = [...(target.manual ?? []), ...printed.manual];
  const diagnostics = [...source.diagnostics, ...target.diagnostics, ...printed.diagnostics];

  const syntax = await checkSyntax(printed.phases);
  let phases = pruneFailures(syntax.phases, syntax.rejected, 'PGS6001', manual, diagnostics);
  if (options.verify) {
    const applied = options.verify === 'pglite' ? await applyToPglite(phases) : await applyToUrl(options.verify, phases);
    phases = pruneFailures(phases, applied.failed, 'PGS6002', manual, diagnostics);
  }
  const report = buildReport({
    inputs: scripts.map((s) => s.file),
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
