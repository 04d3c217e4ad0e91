import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { analyzeCatalog } from '../analyze.js';
import type { Assessment } from '../emit/assessment.js';
import { renderAssessmentCsv } from '../emit/assessment-csv.js';
import { renderAssessmentHtml } from '../emit/assessment-html.js';
import { renderAssessmentMarkdown } from '../emit/assessment-md.js';
import { renderAssessmentText } from '../emit/assessment-text.js';
import { EffortFileError } from '../emit/effort.js';
import { conversionOptions, UsageError, withConversionOptions, withSourceOptions, type ConversionArgs } from './options.js';
import { checkSourceArgs, loadSourceCatalog, type SourceArgs } from './source.js';

const FORMATS = ['text', 'json', 'md', 'csv', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface AnalyzeArgs extends SourceArgs, ConversionArgs {
  out?: string;
  effort?: string;
  format: Format;
  failOn?: 'error' | 'warning';
}

export const analyzeCommand: CommandModule<object, AnalyzeArgs> = {
  command: 'analyze [input]',
  describe: 'Assess a T-SQL or MySQL schema (script, directory, - for stdin, or --source URL): object statuses, action items with effort, feature usage',
  builder: (y: Argv) =>
    withConversionOptions(withSourceOptions(y))
      .option('format', { choices: FORMATS, default: 'text' as const, describe: 'what to print: a terminal summary, or the full assessment as json, md, csv or html' })
      .option('out', { alias: 'o', type: 'string', describe: 'also write assessment.{txt,json,md,csv,html} into this directory' })
      .option('effort', { type: 'string', describe: 'YAML file of effort rules that go before mappings/effort.yaml' })
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
    const conversion = conversionOptions(argv);
    if (argv.effort && !existsSync(argv.effort)) throw new UsageError(`effort file not found: ${argv.effort}`);
    const loaded = await loadSourceCatalog(argv);
    assessment = await analyzeCatalog(loaded.catalog, {
      ...conversion,
      from: loaded.from,
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
