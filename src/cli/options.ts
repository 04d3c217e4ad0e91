import { existsSync } from 'node:fs';
import type { Argv } from 'yargs';
import type { ConvertOptions } from '../transpile/context.js';

/** A mistake in how pgshift was called: exit code 2. */
export class UsageError extends Error {}

/** ['dbo=app', 'Sales=sales'] → { dbo: 'app', sales: 'sales' } (source keys compare case-insensitively). */
export function parseSchemaMap(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const p of pairs) {
    const m = /^([^=]+)=([^=]+)$/.exec(p.trim());
    if (!m) throw new UsageError(`--schema-map expects source=target, got '${p}'`);
    map[m[1]!.trim().toLowerCase()] = m[2]!.trim();
  }
  return map;
}

/**
 * ['Schema=app', 'Env=prod'] → { Schema: 'app', Env: 'prod' }: SQLCMD variables, as sqlcmd's -v gives them.
 * The value is everything after the first '=' (it may be empty or hold '=').
 */
export function parseSqlcmdVars(pairs: string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const p of pairs) {
    const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(p);
    if (!m) throw new UsageError(`--var expects NAME=VALUE (NAME: letters, digits, _), got '${p}'`);
    vars[m[1]!] = m[2]!;
  }
  return vars;
}

/** Where the schema comes from: a script argument, or a live database. Shared by every command that reads one. */
export function withSourceOptions(y: Argv): Argv {
  return y
    .positional('input', { type: 'string', describe: 'script file, directory of scripts, or - for stdin' })
    .option('source', { type: 'string', describe: 'read a live database instead: mysql://, mariadb:// or mssql://user[:password]@host:port/db (password also from PGSHIFT_SOURCE_PASSWORD)' })
    .option('from', { choices: ['tsql', 'mysql'] as const, describe: 'source dialect (inferred when obvious)' })
    // Not `array: true`, which would take the input after it: repeated --var options make the array.
    .option('var', { alias: 'v', type: 'string', describe: "set a T-SQL script's SQLCMD variable $(NAME): NAME=VALUE (repeatable; :setvar in the script overrides it)" });
}

export interface ConversionArgs {
  mappings?: string;
  identifiers: 'lower' | 'preserve';
  schemaMap: string[];
  targetVersion: number;
  caseInsensitive?: 'citext' | 'collation' | 'ignore';
}

/** How the schema is converted: the options convert, analyze and copy share. */
export function withConversionOptions(y: Argv): Argv {
  return y
    .option('mappings', { type: 'string', describe: 'YAML file of type rules that go before the defaults' })
    .option('identifiers', { choices: ['lower', 'preserve'] as const, default: 'lower' as const, describe: 'fold names to lower case, or keep source case (quoted)' })
    .option('schema-map', { type: 'string', array: true, default: [] as string[], describe: 'rename a schema: source=target (repeatable)' })
    .option('target-version', { type: 'number', default: 15, describe: 'PostgreSQL major version the output targets' })
    .option('case-insensitive', { choices: ['citext', 'collation', 'ignore'] as const, describe: 'how case-insensitive source collations are kept (default: collation from 18, citext before)' });
}

/** Checked conversion options; throws UsageError. */
export function conversionOptions(argv: ConversionArgs): ConvertOptions {
  if (!Number.isInteger(argv.targetVersion) || argv.targetVersion < 12 || argv.targetVersion > 18)
    throw new UsageError('--target-version must be a PostgreSQL major version from 12 to 18');
  if (argv.mappings && !existsSync(argv.mappings)) throw new UsageError(`mappings file not found: ${argv.mappings}`);
  return {
    identifiers: argv.identifiers,
    schemaMap: parseSchemaMap(argv.schemaMap),
    targetVersion: argv.targetVersion,
    ...(argv.caseInsensitive ? { caseInsensitive: argv.caseInsensitive } : {}),
    ...(argv.mappings ? { mappingsFile: argv.mappings } : {}),
  };
}
