import type { Catalog } from './model/catalog.js';
import { convertCatalog, type PipelineOptions } from './convert.js';
import { buildAssessment, type Assessment } from './emit/assessment.js';
import { loadEffortRules } from './emit/effort.js';
import { buildRules } from './transpile/index.js';

export interface AnalyzeOptions extends Omit<PipelineOptions, 'verify'> {
  /** A user effort file; its rules go before mappings/effort.yaml. */
  effortFile?: string;
  live?: boolean;
}

/** The convert pipeline without writing files (no --verify), then the assessment of its report. */
export async function analyzeCatalog(source: Catalog, options: AnalyzeOptions, inputs: string[]): Promise<Assessment> {
  // Load the effort rules first: a bad --effort file fails before the conversion runs.
  const effortRules = loadEffortRules(options.effortFile);
  const { effortFile: _e, live, ...pipeline } = options;
  const result = await convertCatalog(source, pipeline, inputs);
  const typeRules = buildRules(options.from, options.mappingsFile).types;
  return buildAssessment({ report: result.report, source: result.source, typeRules, effortRules, ...(live ? { live } : {}) });
}
