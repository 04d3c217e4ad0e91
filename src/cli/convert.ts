import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { PipelineOptions } from '../convert.js';
import { formatDiagnostic, sortDiagnostics } from '../model/diagnostics.js';
import { conversionOptions, UsageError, withConversionOptions, withSourceOptions, type ConversionArgs } from './options.js';
import { checkSourceArgs, loadSourceCatalog, type SourceArgs } from './source.js';

interface ConvertArgs extends SourceArgs, ConversionArgs {
  out: string;
  verify?: string;
  format: 'text' | 'json';
  failOn?: 'error' | 'warning';
  verbose: boolean;
}

export const convertCommand: CommandModule<object, ConvertArgs> = {
  command: 'convert [input]',
  describe: 'Convert a T-SQL or MySQL schema script (file, directory or - for stdin), or a live database (--source), into ordered PostgreSQL migration files',
  builder: (y: Argv) =>
    withConversionOptions(withSourceOptions(y))
      .option('out', { alias: 'o', type: 'string', default: 'pgshift-out', describe: 'output directory' })
      .option('verify', { type: 'string', describe: 'apply the output to an embedded PostgreSQL (no value) or to a postgres:// URL (a scratch database, dropped after)' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'what to print: diagnostics and a summary, or the JSON report' })
      .option('fail-on', { choices: ['error', 'warning'] as const, describe: 'exit 1 when the report has items of this severity or worse' })
      .option('verbose', { type: 'boolean', default: false, describe: 'also print info diagnostics' }) as unknown as Argv<ConvertArgs>,
  handler: async (argv: ArgumentsCamelCase<ConvertArgs>) => {
    process.exitCode = await runConvert(argv);
  },
};

async function runConvert(argv: ConvertArgs): Promise<number> {
  // The pipeline loads when the command runs (the CLI starts without every command's modules).
  const [{ convertHandedOver }, { writeMigration }, { renderReportMarkdown }, { startSyntaxCheck }, { bufferedWriter, writeBuffered }, { jsonPieces }] = await Promise.all([
    import('../convert.js'), import('../emit/files.js'), import('../emit/report.js'), import('../target/postgres/verify.js'),
    import('../emit/stream-file.js'), import('../emit/json-text.js'),
  ]);
  startSyntaxCheck(); // the check's parser compiles off the main thread while the source is read
  let conversion, loaded;
  try {
    checkSourceArgs(argv);
    conversion = conversionOptions(argv);
    // connection failures throw an Error whose message names the server, never the password
    loaded = await loadSourceCatalog(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`pgshift: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const options: PipelineOptions = {
    ...conversion,
    from: loaded.from,
    ...(argv.verify === undefined ? {} : { verify: argv.verify === '' ? 'pglite' : argv.verify }),
  };
  // The catalog is handed over (loaded.catalog is cleared): the pipeline lets it go once transpiled.
  const result = await convertHandedOver(loaded, options, loaded.inputs);
  mkdirSync(argv.out, { recursive: true });
  writeMigration(argv.out, result.phases, result.manual);
  writeBuffered(join(argv.out, 'report.json'), (put) => {
    for (const piece of jsonPieces(result.report)) put(piece);
    put('\n');
  });
  writeFileSync(join(argv.out, 'report.md'), renderReportMarkdown(result.report));

  const diagnostics = sortDiagnostics(result.diagnostics);
  if (argv.format === 'json') {
    const out = bufferedWriter((text) => process.stdout.write(text));
    for (const piece of jsonPieces(result.report)) out.put(piece);
    out.put('\n');
    out.end();
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
