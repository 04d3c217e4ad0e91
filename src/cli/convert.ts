import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { convertCatalog, convertScripts, introspectSource, sourceUrlDialect, type PipelineOptions, type SourceDialect } from '../convert.js';
import { formatDiagnostic, sortDiagnostics } from '../model/diagnostics.js';
import { detectDialect } from '../sources/detect.js';
import { readScripts } from '../sources/script.js';
import { writeMigration } from '../emit/files.js';
import { renderReportMarkdown } from '../emit/report.js';
import { parseSchemaMap, UsageError } from './options.js';

interface ConvertArgs {
  input?: string;
  source?: string;
  from?: SourceDialect;
  out: string;
  mappings?: string;
  identifiers: 'lower' | 'preserve';
  schemaMap: string[];
  targetVersion: number;
  caseInsensitive?: 'citext' | 'collation' | 'ignore';
  verify?: string;
  format: 'text' | 'json';
  failOn?: 'error' | 'warning';
  verbose: boolean;
}

export const convertCommand: CommandModule<object, ConvertArgs> = {
  command: 'convert [input]',
  describe: 'Convert a T-SQL or MySQL schema script (file, directory or - for stdin), or a live database (--source), into ordered PostgreSQL migration files',
  builder: (y: Argv) =>
    y
      .positional('input', { type: 'string', describe: 'script file, directory of scripts, or - for stdin' })
      .option('source', { type: 'string', describe: 'read a live database instead: mysql://, mariadb:// or mssql://user[:password]@host:port/db (password also from PGSHIFT_SOURCE_PASSWORD)' })
      .option('from', { choices: ['tsql', 'mysql'] as const, describe: 'source dialect (inferred when obvious)' })
      .option('out', { alias: 'o', type: 'string', default: 'pgshift-out', describe: 'output directory' })
      .option('mappings', { type: 'string', describe: 'YAML file of type rules that go before the defaults' })
      .option('identifiers', { choices: ['lower', 'preserve'] as const, default: 'lower' as const, describe: 'fold names to lower case, or keep source case (quoted)' })
      .option('schema-map', { type: 'string', array: true, default: [] as string[], describe: 'rename a schema: source=target (repeatable)' })
      .option('target-version', { type: 'number', default: 15, describe: 'PostgreSQL major version the output targets' })
      .option('case-insensitive', { choices: ['citext', 'collation', 'ignore'] as const, describe: 'how case-insensitive source collations are kept (default: collation from 18, citext before)' })
      .option('verify', { type: 'string', describe: 'apply the output to an embedded PostgreSQL (no value) or to a postgres:// URL (a scratch database, dropped after)' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'what to print: diagnostics and a summary, or the JSON report' })
      .option('fail-on', { choices: ['error', 'warning'] as const, describe: 'exit 1 when the report has items of this severity or worse' })
      .option('verbose', { type: 'boolean', default: false, describe: 'also print info diagnostics' }) as unknown as Argv<ConvertArgs>,
  handler: async (argv: ArgumentsCamelCase<ConvertArgs>) => {
    process.exitCode = await runConvert(argv);
  },
};

async function runConvert(argv: ConvertArgs): Promise<number> {
  let options: PipelineOptions;
  let scripts;
  try {
    if (argv.input !== undefined && argv.source !== undefined) throw new UsageError('give either an input script or --source, not both');
    if (argv.input === undefined && argv.source === undefined) throw new UsageError('name an input script, or a live database with --source URL');
    if (argv.source !== undefined) {
      const from = sourceUrlDialect(argv.source);
      if (!from) throw new UsageError('--source must be a mysql://, mariadb:// or mssql:// URL');
      if (argv.from && argv.from !== from) throw new UsageError(`--from ${argv.from} contradicts the --source URL scheme (${from})`);
    }
    if (argv.input !== undefined && argv.input !== '-' && !existsSync(argv.input)) throw new UsageError(`input not found: ${argv.input}`);
    if (!Number.isInteger(argv.targetVersion) || argv.targetVersion < 12 || argv.targetVersion > 18)
      throw new UsageError('--target-version must be a PostgreSQL major version from 12 to 18');
    if (argv.mappings && !existsSync(argv.mappings)) throw new UsageError(`mappings file not found: ${argv.mappings}`);
    scripts = argv.input !== undefined ? readScripts(argv.input) : [];
    const from = argv.source !== undefined ? sourceUrlDialect(argv.source) : argv.from ?? detectDialect(scripts);
    if (!from) throw new UsageError('cannot tell the source dialect from the input; pass --from tsql or --from mysql');
    options = {
      from,
      identifiers: argv.identifiers,
      schemaMap: parseSchemaMap(argv.schemaMap),
      targetVersion: argv.targetVersion,
      caseInsensitive: argv.caseInsensitive,
      mappingsFile: argv.mappings,
      verify: argv.verify === undefined ? undefined : argv.verify === '' ? 'pglite' : argv.verify,
    };
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`pgshift: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  let result;
  if (argv.source !== undefined) {
    // connection failures throw an Error whose message names the server, never the password
    const live = await introspectSource(argv.source);
    result = await convertCatalog(live.source, options, [live.input]);
  } else {
    result = await convertScripts(scripts, options);
  }
  mkdirSync(argv.out, { recursive: true });
  writeMigration(argv.out, result.phases, result.manual);
  writeFileSync(join(argv.out, 'report.json'), JSON.stringify(result.report, null, 2) + '\n');
  writeFileSync(join(argv.out, 'report.md'), renderReportMarkdown(result.report));

  const diagnostics = sortDiagnostics(result.diagnostics);
  if (argv.format === 'json') {
    process.stdout.write(JSON.stringify(result.report, null, 2) + '\n');
  } else {
    for (const d of diagnostics) if (argv.verbose || d.severity !== 'info') process.stdout.write(formatDiagnostic(d) + '\n');
    process.stdout.write(summaryLine(diagnostics, result.phases.length, result.manual.length, argv.out) + '\n');
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (argv.failOn === 'error' && errors > 0) return 1;
  if (argv.failOn === 'warning' && errors + warnings > 0) return 1;
  return 0;
}

function summaryLine(ds: { severity: string }[], files: number, manual: number, out: string): string {
  const n = (s: string) => ds.filter((d) => d.severity === s).length;
  return `pgshift: wrote ${files} migration file(s) to ${out}; ${manual} item(s) in manual/; ${n('error')} error(s), ${n('warning')} warning(s), ${n('info')} info`;
}
