import type { Catalog, ManualItem } from '../model/catalog.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { FunctionRules, TypeRule } from './mappings.js';
import type { NameMap } from './names.js';

export interface ConvertOptions {
  identifiers: 'lower' | 'preserve';
  /** Source schema name (case-insensitive) → target schema. */
  schemaMap: Record<string, string>;
  /** PostgreSQL major version, default 15. */
  targetVersion: number;
  /** Default: 'collation' when targetVersion >= 18, else 'citext'. */
  caseInsensitive?: 'citext' | 'collation' | 'ignore';
  /** User YAML; its rules go before the defaults. */
  mappingsFile?: string;
}

export type SourceDialect = 'tsql' | 'mysql';
export type CaseInsensitivePolicy = 'citext' | 'collation' | 'ignore';

/** Everything a pass reads, plus the sinks it reports into; built once per transpile() call. */
export interface TranspileContext {
  dialect: SourceDialect;
  options: ConvertOptions;
  ciPolicy: CaseInsensitivePolicy;
  source: Catalog;
  typeRules: TypeRule[];
  functionRules: FunctionRules;
  names: NameMap;
  diagnostics: Diagnostic[];
  manual: ManualItem[];
  extensions: Set<string>;
}

export const DEFAULT_OPTIONS: ConvertOptions = { identifiers: 'lower', schemaMap: {}, targetVersion: 15 };

export function resolveCiPolicy(o: ConvertOptions): CaseInsensitivePolicy {
  return o.caseInsensitive ?? (o.targetVersion >= 18 ? 'collation' : 'citext');
}
