import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { analyzeCatalog } from '../analyze.js';
import type { SourceDialect } from '../convert.js';
import type { Assessment } from '../emit/assessment.js';
import { renderAssessmentCsv } from '../emit/assessment-csv.js';
import { renderAssessmentHtml } from '../emit/assessment-html.js';
import { renderAssessmentMarkdown } from '../emit/assessment-md.js';
import { renderAssessmentText } from '../emit/assessment-text.js';
import { EffortFileError } from '../emit/effort.js';
import { parseSchemaMap, UsageError } from './options.js';
import { checkSourceArgs, loadSourceCatalog } from './source.js';

const FORMATS = ['text', 'json', 'md', 'csv', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface AnalyzeArgs {
  input?: string;
  source?: string;
  from?: SourceDialect;
  out?: string;
  effort?: string;
  mappings?: string;
  identifiers: 'lower' | 'preserve';
  schemaMap: string[];
  targetVersion: number;
  caseInsensitive?: 'citext' | 'collation' | 'ignore';
  format: Format;
  failOn?: 'error' | 'warning';
}

export const analyzeCommand: CommandModule<object, AnalyzeArgs> = {
  command: 'analyze [input]',
  describe: 'Assess a T-SQL or MySQL schema (script, directory, - for stdin, or --source URL): object statuses, action items with effort, feature usage',
  builder: (y: Argv) =>
    y
      .positional('input', { type: 'string', describe: 'script file, directory of scripts, or - for stdin' })
      .option('source', { type: 'string', describe: 'read a live database instead: mysql://user[:password]@host:port/db (password also from PGSHIFT_SOURCE_PASSWORD)' })
      .option('from', { choices: ['tsql', 'mysql'] as const, describe: 'source dialect (inferred when obvious)' })
      .option('format', { choices: FORMATS, default: 'text' as const, describe: 'what to print: a terminal summary, or the full assessment as json, md, csv or html' })
      .option('out', { alias: 'o', type: 'string', describe: 'also write assessment.{txt,json,md,csv,html} into this directory' })
      .option('effort', { type: 'string', describe: 'YAML file of effort rules that go before mappings/effort.yaml' })
      .option('mappings', { type: 'string', describe: 'YAML file of type rules that go before the defaults' })
      .option('identifiers', { choices: ['lower', 'preserve'] as const, default: 'lower' as const, describe: 'fold names to lower case, or keep source case (quoted)' })
      .option('schema-map', { type: 'string', array: true, default: [] as string[], describe: 'rename a schema: source=target (repeatable)' })
      .option('target-version', { type: 'number', default: 15, describe: 'PostgreSQL major version the output targets' })
      .option('case-insensitive', { choices: ['citext', 'collation', 'ignore'] as const, describe: 'how case-insensitive source collations are kept' })
      .option('fail-on', { choices: ['error', 'warning'] as const, describe: 'exit 1 when the assessment has items of this severity or worse' }) as unknown as Argv<AnalyzeArgs>,
  handler: async (argv: ArgumentsCamelCase<AnalyzeArgs>) => {
    process.exitCode = await runAnalyze(argv);
  },
};

const RENDER: Record<Format, (a: Assessment) => string> = {
  text: renderAssessmentText,
  json: (a) => `${JSON.stringify(a, null, 2)}\n`,
  md: renderAssessmentMarkdown,
  csv: renderAssessmentCsv,
  html: renderAssessmentHtml,
};

const FILE_EXT: Record<Format, string> = { text: 'txt', json: 'json', md: 'md', csv: 'csv', html: 'html' };

function usage(message: string): number {
  process.stderr.write(`pgshift: ${message}\n`);
  return 2;
}

async function runAnalyze(argv: AnalyzeArgs): Promise<number> {
  let assessment: Assessment;
  try {
    checkSourceArgs(argv);
    if (!Number.isInteger(argv.targetVersion) || argv.targetVersion < 12 || argv.targetVersion > 18)
      throw new UsageError('--target-version must be a PostgreSQL major version from 12 to 18');
    if (argv.mappings && !existsSync(argv.mappings)) throw new UsageError(`mappings file not found: ${argv.mappings}`);
    if (argv.effort && !existsSync(argv.effort)) throw new UsageError(`effort file not found: ${argv.effort}`);
    const schemaMap = parseSchemaMap(argv.schemaMap);
    const loaded = await loadSourceCatalog(argv);
    assessment = await analyzeCatalog(loaded.catalog, {
      from: loaded.from,
      identifiers: argv.identifiers,
      schemaMap,
      targetVersion: argv.targetVersion,
      caseInsensitive: argv.caseInsensitive,
      mappingsFile: argv.mappings,
      effortFile: argv.effort,
      live: loaded.live,
    }, loaded.inputs);
  } catch (e) {
    if (e instanceof UsageError || e instanceof EffortFileError) return usage(e.message);
    throw e;
  }

  if (argv.out !== undefined) {
    mkdirSync(argv.out, { recursive: true });
    for (const f of FORMATS) writeFileSync(join(argv.out, `assessment.${FILE_EXT[f]}`), RENDER[f](assessment));
  }
  process.stdout.write(RENDER[argv.format](assessment));
  const { error, warning } = assessment.summary.items;
  if (argv.failOn === 'error' && error > 0) return 1;
  if (argv.failOn === 'warning' && error + warning > 0) return 1;
  return 0;
}
