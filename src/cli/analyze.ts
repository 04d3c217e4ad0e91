import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Assessment } from '../emit/assessment.js';
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

const FILE_EXT: Record<Format, string> = { text: 'txt', json: 'json', md: 'md', csv: 'csv', html: 'html' };

function usage(message: string): number {
  process.stderr.write(`pgshift: ${message}\n`);
  return 2;
}

/** The renderers per format, and what the command runs: loaded when it runs (the CLI starts without them). */
async function analyzeModules() {
  const [{ analyzeCatalog }, csv, html, md, text, { EffortFileError }] = await Promise.all([
    import('../analyze.js'), import('../emit/assessment-csv.js'), import('../emit/assessment-html.js'), import('../emit/assessment-md.js'),
    import('../emit/assessment-text.js'), import('../emit/effort.js'),
  ]);
  const render: Record<Format, (a: Assessment) => string> = {
    text: text.renderAssessmentText,
    json: (a) => `${JSON.stringify(a, null, 2)}\n`,
    md: md.renderAssessmentMarkdown,
    csv: csv.renderAssessmentCsv,
    html: html.renderAssessmentHtml,
  };
  return { analyzeCatalog, EffortFileError, render };
}

async function runAnalyze(argv: AnalyzeArgs): Promise<number> {
  const { analyzeCatalog, EffortFileError, render: RENDER } = await analyzeModules();
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
