import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { sourceUrlDialect } from '../sources/url-dialect.js';
import { MSSQL_VALIDATE_REFUSAL } from '../copy/sources.js';
import { renderValidateText } from '../copy/validate-report.js';
import { UsageError } from './options.js';

interface ValidateArgs {
  source: string;
  target: string;
  tables?: string;
  chunkRows: number;
  sample: number;
  format: 'text' | 'json';
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate',
  describe: 'Compare a MySQL/MariaDB database with its PostgreSQL copy: row counts, per-chunk checksums computed in each database, the differing rows by key',
  builder: (y: Argv) =>
    y
      .option('source', { type: 'string', demandOption: true, describe: 'mysql:// or mariadb://user[:password]@host:port/db (password also from PGSHIFT_SOURCE_PASSWORD)' })
      .option('target', { type: 'string', demandOption: true, describe: 'postgres://user[:password]@host:port/db of the copy' })
      .option('tables', { type: 'string', describe: 'only these tables, comma-separated (source or target names)' })
      .option('chunk-rows', { type: 'number', default: 50_000, describe: 'rows per checksum chunk' })
      .option('sample', { type: 'number', default: 0, describe: 'also compare N random rows per table field by field' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'report as text or JSON' }) as unknown as Argv<ValidateArgs>,
  handler: async (argv: ArgumentsCamelCase<ValidateArgs>) => {
    process.exitCode = await validate(argv);
  },
};

async function validate(argv: ValidateArgs): Promise<number> {
  try {
    if (sourceUrlDialect(argv.source) === 'tsql') throw new UsageError(MSSQL_VALIDATE_REFUSAL);
    if (sourceUrlDialect(argv.source) !== 'mysql') throw new UsageError('--source must be a mysql:// or mariadb:// URL (validate reads MySQL/MariaDB sources)');
    if (!/^postgres(ql)?:\/\//i.test(argv.target)) throw new UsageError('--target must be a postgres:// URL');
    if (!Number.isInteger(argv.chunkRows) || argv.chunkRows < 1) throw new UsageError('--chunk-rows must be a positive integer');
    if (!Number.isInteger(argv.sample) || argv.sample < 0) throw new UsageError('--sample must be a non-negative integer');
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`pgshift: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const tables = argv.tables?.split(',').map((s) => s.trim()).filter(Boolean);
  const { runValidate } = await import('../copy/validate.js'); // the drivers load only for this command
  // Connection errors carry the server name, never the password.
  const result = await runValidate({ source: argv.source, target: argv.target, chunkRows: argv.chunkRows, sample: argv.sample, ...(tables?.length ? { tables } : {}) });
  process.stdout.write(argv.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : renderValidateText(result));
  return result.ok ? 0 : 1;
}
