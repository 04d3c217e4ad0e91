import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { sourceUrlDialect } from '../sources/url-dialect.js';
import type { CopyEvent } from '../copy/events.js';
import { conversionOptions, UsageError, withConversionOptions, type ConversionArgs } from './options.js';

interface CopyArgs extends ConversionArgs {
  source: string;
  target: string;
  schemaOnly: boolean;
  dataOnly: boolean;
  tables?: string;
  jobs: number;
  chunkRows: number;
  dryRun: boolean;
  restart: boolean;
  out: string;
  rejects?: string;
  validate: boolean;
  format: 'text' | 'json';
}

export const copyCommand: CommandModule<object, CopyArgs> = {
  command: 'copy',
  describe: 'Convert a live MySQL/MariaDB or SQL Server schema, create it in PostgreSQL and copy the data (parallel, resumable, checked)',
  builder: (y: Argv) =>
    withConversionOptions(y)
      .option('source', { type: 'string', demandOption: true, describe: 'mysql://, mariadb:// or mssql://user[:password]@host[:port]/db (password also from PGSHIFT_SOURCE_PASSWORD)' })
      .option('target', { type: 'string', demandOption: true, describe: 'postgres://user[:password]@host:port/db' })
      .option('schema-only', { type: 'boolean', default: false, describe: 'create the schema, copy no rows' })
      .option('data-only', { type: 'boolean', default: false, describe: 'copy rows into tables that already exist' })
      .option('tables', { type: 'string', describe: 'comma-separated source tables (default: all)' })
      .option('jobs', { type: 'number', default: availableParallelism(), describe: 'parallel workers (one source and one target connection each)' })
      .option('chunk-rows', { type: 'number', default: 100_000, describe: 'rows per chunk when a table splits on its integer primary key' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'show the plan (tables, chunks, transforms); write nothing' })
      .option('restart', { type: 'boolean', default: false, describe: 'drop what an earlier run created (and its checkpoints) and start over' })
      .option('out', { alias: 'o', type: 'string', default: 'pgshift-out', describe: 'output directory (rejects go to <out>/rejects)' })
      .option('rejects', { type: 'string', describe: 'directory for rejected rows, one <table>.tsv each' })
      .option('validate', { type: 'boolean', default: true, describe: 'compare source and target by checksum after the copy (--no-validate to skip)' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'progress and summary as text, or one JSON event per line' }) as unknown as Argv<CopyArgs>,
  handler: async (argv: ArgumentsCamelCase<CopyArgs>) => {
    process.exitCode = await runCopyCommand(argv);
  },
};

async function runCopyCommand(argv: CopyArgs): Promise<number> {
  let convert;
  try {
    if (argv.schemaOnly && argv.dataOnly) throw new UsageError('--schema-only and --data-only exclude each other');
    if (!sourceUrlDialect(argv.source)) throw new UsageError('--source must be a mysql://, mariadb:// or mssql:// URL');
    if (!/^postgres(ql)?:\/\//.test(argv.target)) throw new UsageError('--target must be a postgres:// URL');
    if (!Number.isInteger(argv.jobs) || argv.jobs < 1) throw new UsageError('--jobs must be a whole number of at least 1');
    if (!Number.isInteger(argv.chunkRows) || argv.chunkRows < 1) throw new UsageError('--chunk-rows must be a whole number of at least 1');
    convert = conversionOptions(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`pgshift: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  // The drivers load only now: other commands start without them.
  const [{ progressReporter, summaryText }, { runCopy }] = await Promise.all([import('../copy/progress.js'), import('../copy/run.js')]);
  const mode = argv.format === 'json' ? 'json' : process.stderr.isTTY ? 'bars' : 'lines';
  const progress = progressReporter(mode);
  const onEvent = (e: CopyEvent) => {
    progress.onEvent(e);
    if (argv.dryRun && argv.format === 'text' && e.event === 'plan') {
      for (const t of e.tables) process.stdout.write(`  ${t.table}: ~${t.estimatedRows} row(s), ${t.chunks} chunk(s)${t.splitKey ? ` split on ${t.splitKey}` : ' (whole table)'}\n`);
    }
  };
  try {
    const stats = await runCopy({
      source: argv.source, target: argv.target, schemaOnly: argv.schemaOnly, dataOnly: argv.dataOnly,
      ...(argv.tables ? { tables: argv.tables.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
      jobs: argv.jobs, chunkRows: argv.chunkRows, dryRun: argv.dryRun, restart: argv.restart,
      rejectsDir: argv.rejects ?? join(argv.out, 'rejects'), validate: argv.validate,
      convert,
      onEvent,
    });
    progress.stop();
    if (argv.format === 'text') process.stdout.write(summaryText(stats));
    const v = stats.validation as { ok?: boolean } | undefined;
    return v && v.ok === false ? 1 : 0;
  } catch (e) {
    progress.stop();
    process.stderr.write(`pgshift: ${(e as Error).message.replace(/^pgshift: /, '')}\n`);
    return 1;
  }
}
