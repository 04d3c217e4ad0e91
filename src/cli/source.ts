import { existsSync } from 'node:fs';
import { sourceUrlDialect, type SourceDialect } from '../sources/url-dialect.js';
import type { Catalog } from '../model/catalog.js';
import { detectDialect } from '../sources/detect.js';
import { parseSqlcmdVars, UsageError } from './options.js';

export interface SourceArgs {
  input?: string;
  source?: string;
  from?: SourceDialect;
  /** --var NAME=VALUE: one string, or an array when repeated. */
  var?: string | string[];
}

export interface LoadedSource {
  catalog: Catalog;
  from: SourceDialect;
  /** Names for the report: script paths, or server/database (never the URL: it may hold a password). */
  inputs: string[];
  live: boolean;
}

/** Usage checks on input vs --source, before anything slow happens. Throws UsageError. */
export function checkSourceArgs(args: SourceArgs): void {
  // yargs turns an optional positional '-' into '': it can only mean stdin.
  if (args.input === '') args.input = '-';
  if (args.input !== undefined && args.source !== undefined) throw new UsageError('give either an input script or --source, not both');
  if (args.input === undefined && args.source === undefined) throw new UsageError('name an input script, or a live database with --source URL');
  if (args.source !== undefined) {
    const from = sourceUrlDialect(args.source);
    if (!from) throw new UsageError('--source must be a mysql://, mariadb:// or mssql:// URL');
    if (args.from && args.from !== from) throw new UsageError(`--from ${args.from} contradicts the --source URL scheme (${from})`);
  }
  if (args.input !== undefined && args.input !== '-' && !existsSync(args.input)) throw new UsageError(`input not found: ${args.input}`);
  sqlcmdVars(args);
}

/** The --var values, checked; throws UsageError. */
function sqlcmdVars(args: SourceArgs): Record<string, string> | undefined {
  const pairs = args.var === undefined ? [] : ([] as string[]).concat(args.var);
  if (pairs.length === 0) return undefined;
  if (args.source !== undefined) throw new UsageError('--var sets SQLCMD variables of T-SQL scripts; it does not apply to --source');
  if (args.from === 'mysql') throw new UsageError('--var sets SQLCMD variables of T-SQL scripts; it does not apply to --from mysql');
  return parseSqlcmdVars(pairs);
}

/** The source catalog from scripts (file, directory, stdin) or a live database (--source URL). */
export async function loadSourceCatalog(args: SourceArgs): Promise<LoadedSource> {
  checkSourceArgs(args);
  // The pipeline loads when a command runs, not at startup: every command starts without the others' modules.
  const { introspectSource, parseSource } = await import('../convert.js');
  if (args.source !== undefined) {
    // connection failures throw an Error whose message names the server, never the password
    const live = await introspectSource(args.source);
    return { catalog: live.source, from: live.from, inputs: [live.input], live: true };
  }
  const { readScripts } = await import('../sources/script.js');
  const scripts = readScripts(args.input!);
  const from = args.from ?? detectDialect(scripts);
  if (!from) throw new UsageError('cannot tell the source dialect from the input; pass --from tsql or --from mysql');
  const vars = sqlcmdVars({ ...args, from });
  return { catalog: parseSource(scripts, from, vars), from, inputs: scripts.map((s) => s.file), live: false };
}
