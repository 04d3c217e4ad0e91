import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import type { Severity } from '../model/diagnostics.js';
import { packageRoot } from '../paths.js';
import { validateJson, type JsonSchema } from '../transpile/json-schema.js';

export const COMPLEXITIES = ['none', 'simple', 'medium', 'complex'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

export interface EffortRule {
  code?: string | string[];
  severity?: Severity;
  complexity: Complexity;
  minutes: number;
  perLine?: number;
  note?: string;
  /** Where the rule came from: 'mappings/effort.yaml' or the user's file. */
  origin?: string;
}

export interface Effort {
  complexity: Complexity;
  minutes: number;
}

/** A bad --effort file: the CLI turns it into a usage error (exit 2). */
export class EffortFileError extends Error {}

/** A user file's problems are usage errors; a broken shipped file is a bug (plain Error, exit 1). */
function readRules(file: string, origin: string, user: boolean): EffortRule[] {
  const fail = (why: string): never => {
    throw user ? new EffortFileError(`effort file ${origin}: ${why}`) : new Error(`effort file ${origin}: ${why}`);
  };
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `cannot be read (${(e as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = load(text, { schema: CORE_SCHEMA });
  } catch (e) {
    fail(`not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'mappings', 'effort.schema.json'), 'utf8')) as JsonSchema;
  const problem = validateJson(doc, schema);
  if (problem) fail(problem);
  return (doc as { rules: EffortRule[] }).rules.map((r) => ({ ...r, origin }));
}

let shipped: EffortRule[] | undefined;

/** User rules (if any) before the shipped mappings/effort.yaml. */
export function loadEffortRules(userFile?: string): EffortRule[] {
  shipped ??= readRules(join(packageRoot(), 'mappings', 'effort.yaml'), 'mappings/effort.yaml', false);
  return userFile ? [...readRules(userFile, userFile, true), ...shipped] : [...shipped];
}

function codeMatches(rule: EffortRule, code: string): boolean {
  const list = rule.code === undefined ? [] : Array.isArray(rule.code) ? rule.code : [rule.code];
  return list.some((c) => (c.endsWith('*') ? code.startsWith(c.slice(0, -1)) : c === code));
}

/** First match wins: rules naming the code, then rules naming only the severity, then catch-alls. */
export function findEffortRule(rules: EffortRule[], code: string, severity: Severity): EffortRule | undefined {
  return (
    rules.find((r) => r.code !== undefined && codeMatches(r, code) && (r.severity === undefined || r.severity === severity)) ??
    rules.find((r) => r.code === undefined && r.severity === severity) ??
    rules.find((r) => r.code === undefined && r.severity === undefined)
  );
}

/** Minutes for one occurrence; `lines` is the source size of the item's object, for perLine rules. */
export function estimateEffort(rule: EffortRule | undefined, lines: number): Effort {
  if (!rule) return { complexity: 'none', minutes: 0 };
  return { complexity: rule.complexity, minutes: rule.minutes + (rule.perLine ?? 0) * lines };
}
