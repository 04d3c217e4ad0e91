import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { packageRoot } from '../paths.js';
import { oneByteStrings } from '../collections.js';
import { validateJson, type JsonSchema } from './json-schema.js';
import { parseTemplate } from './template.js';
import type { SourceDialect } from './context.js';

/** One position of an `args` guard: exact number, 'max', '*' (any value) or an inclusive range. */
export type ArgGuard = number | 'max' | '*' | { min?: number; max?: number };

export interface TypeMatch {
  type?: string | string[];
  args?: ArgGuard[];
  display?: number;
  unsigned?: boolean;
  zerofill?: boolean;
  identity?: boolean;
  default?: string | { regex: string };
}

export interface TypeRule {
  id: string;
  dialect?: SourceDialect;
  match?: TypeMatch;
  to: string;
  check?: string;
  default?: 'drop';
  /** 'drop': the column becomes nullable (its zero dates load as NULL). */
  notNull?: 'drop';
  copy?: string;
  note?: string;
  /** Where the rule came from, for reports: 'mappings/mysql.types.yaml' or the user's file. */
  origin?: string;
}

/** One way to translate a function: a template or handler (`to`), or `report` — why it has no equivalent — with a `suggestion`. */
/** noteSeverity: 'info' for a difference that cannot change a result the source could have returned. */
/** text: argument positions (from 1) the source reads as strings; a value of another known type is cast to text. */
export interface FunctionAlternative { arity?: number; to?: string; note?: string; noteSeverity?: 'info' | 'warning'; text?: number[]; report?: string; suggestion?: string }
/** Upper-case source function name → alternatives, first match by arity wins; each keeps its rule id. */
export type FunctionRules = Map<string, { id: string; alternatives: FunctionAlternative[] }>;

type RawFunctionRule = string | FunctionAlternative[];

let schemaCache: JsonSchema | undefined;
function mappingsSchema(): JsonSchema {
  schemaCache ??= JSON.parse(readFileSync(join(packageRoot(), 'mappings', 'mappings.schema.json'), 'utf8')) as JsonSchema;
  return schemaCache;
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`mappings file ${file}: cannot be read (${(e as Error).message})`);
  }
  try {
    // YAML 1.2 core types only: a value like 2020-01-01 or 0000-00-00 stays text, never a Date.
    return oneByteStrings(load(text, { schema: CORE_SCHEMA }));
  } catch (e) {
    throw new Error(`mappings file ${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
}

function check(file: string, value: unknown, schema: JsonSchema): void {
  const root = mappingsSchema();
  const problem = validateJson(value, schema, root);
  if (problem) throw new Error(`mappings file ${file}: ${problem}`);
}

/** Templates are parsed once at load so a typo fails with the file name, not mid-conversion. */
function checkTemplates(file: string, types: TypeRule[], fns: Record<string, RawFunctionRule>): void {
  const seen = new Set<string>();
  for (const r of types) {
    if (seen.has(r.id)) throw new Error(`mappings file ${file}: rule id ${r.id} is used twice`);
    seen.add(r.id);
    if (r.match?.default && typeof r.match.default === 'object') {
      try { new RegExp(r.match.default.regex); } catch (e) {
        throw new Error(`mappings file ${file}: rule ${r.id}: bad regex (${(e as Error).message})`);
      }
    }
    if (r.check) {
      try { parseTemplate(r.check); } catch (e) { throw new Error(`mappings file ${file}: rule ${r.id}: ${(e as Error).message}`); }
    }
  }
  for (const [name, rule] of Object.entries(fns)) {
    const alts = typeof rule === 'string' ? [{ to: rule }] : rule;
    for (const a of alts) {
      if (!a.to || a.to.startsWith('handler:')) continue;
      try { parseTemplate(a.to); } catch (e) { throw new Error(`mappings file ${file}: function ${name}: ${(e as Error).message}`); }
    }
  }
}

function toFunctionRules(dialect: SourceDialect, fns: Record<string, RawFunctionRule>, into: FunctionRules, prefix: string): void {
  for (const [name, rule] of Object.entries(fns)) {
    const key = name.toUpperCase();
    const alternatives = typeof rule === 'string' ? [{ to: rule }] : rule;
    const existing = into.get(key);
    // User alternatives go first; the shipped ones stay as fallbacks for other arities.
    into.set(key, {
      id: existing && prefix !== 'user' ? existing.id : `${prefix === 'user' ? 'user' : dialect}.fn.${name.toLowerCase()}`,
      alternatives: existing ? [...existing.alternatives, ...alternatives] : alternatives,
    });
  }
}

/** The shipped rules of one dialect: mappings/<dialect>.types.yaml and .functions.yaml. */
const shippedCache = new Map<SourceDialect, { types: TypeRule[]; functions: FunctionRules }>();

export function loadShippedRules(dialect: SourceDialect): { types: TypeRule[]; functions: FunctionRules } {
  const cached = shippedCache.get(dialect);
  if (cached) return { types: [...cached.types], functions: new Map(cached.functions) };
  const loaded = readShippedRules(dialect);
  shippedCache.set(dialect, loaded);
  return { types: [...loaded.types], functions: new Map(loaded.functions) };
}

function readShippedRules(dialect: SourceDialect): { types: TypeRule[]; functions: FunctionRules } {
  const dir = join(packageRoot(), 'mappings');
  const typesFile = join(dir, `${dialect}.types.yaml`);
  const fnFile = join(dir, `${dialect}.functions.yaml`);
  const types = readYaml(typesFile);
  check(typesFile, types, { $ref: '#/definitions/typeRules' });
  const fns = readYaml(fnFile);
  check(fnFile, fns, { $ref: '#/definitions/functionRules' });
  const typeRules = (types as TypeRule[]).map((r) => ({ ...r, origin: `mappings/${dialect}.types.yaml` }));
  checkTemplates(typesFile, typeRules, fns as Record<string, RawFunctionRule>);
  const functions: FunctionRules = new Map();
  toFunctionRules(dialect, fns as Record<string, RawFunctionRule>, functions, dialect);
  return { types: typeRules, functions };
}

/** A user --mappings file: a list of type rules, or { types, functions }. Throws a readable Error when invalid. */
export function loadUserRules(file: string): { types: TypeRule[]; functions: Record<string, RawFunctionRule> } {
  const doc = readYaml(file);
  check(file, doc, mappingsSchema());
  const types = Array.isArray(doc) ? (doc as TypeRule[]) : ((doc as { types?: TypeRule[] }).types ?? []);
  const functions = Array.isArray(doc) ? {} : ((doc as { functions?: Record<string, RawFunctionRule> }).functions ?? {});
  const typeRules = types.map((r) => ({ ...r, origin: file }));
  checkTemplates(file, typeRules, functions);
  return { types: typeRules, functions };
}

/** User rules first (those for this dialect or for any), then the shipped ones. */
export function buildRules(dialect: SourceDialect, mappingsFile?: string): { types: TypeRule[]; functions: FunctionRules } {
  const shipped = loadShippedRules(dialect);
  if (!mappingsFile) return shipped;
  const user = loadUserRules(mappingsFile);
  const functions: FunctionRules = new Map();
  toFunctionRules(dialect, user.functions, functions, 'user');
  for (const [k, v] of shipped.functions) {
    const u = functions.get(k);
    functions.set(k, u ? { id: u.id, alternatives: [...u.alternatives, ...v.alternatives] } : v);
  }
  const types = [...user.types.filter((r) => !r.dialect || r.dialect === dialect), ...shipped.types];
  return { types, functions };
}

// ---- shadowed rules -------------------------------------------------------------------------

function typeList(t: string | string[] | undefined): string[] | undefined {
  return t === undefined ? undefined : (Array.isArray(t) ? t : [t]).map((x) => x.toLowerCase());
}

/** Does guard `a` accept every value guard `b` accepts? */
function argCovers(a: ArgGuard, b: ArgGuard): boolean {
  if (a === '*') return b !== 'max';
  if (typeof a === 'number' || a === 'max') return a === b;
  if (b === 'max' || b === '*') return false;
  const [bl, bh] = typeof b === 'number' ? [b, b] : [b.min ?? -Infinity, b.max ?? Infinity];
  return (a.min ?? -Infinity) <= bl && (a.max ?? Infinity) >= bh;
}

/** True when every type `later` can match is already matched by `earlier` (first match wins). */
export function ruleCovers(earlier: TypeRule, later: TypeRule): boolean {
  const a = earlier.match ?? {};
  const b = later.match ?? {};
  const at = typeList(a.type), bt = typeList(b.type);
  if (at && (!bt || !bt.every((t) => at.includes(t)))) return false;
  if (a.args) {
    if (!b.args || a.args.length !== b.args.length) return false;
    if (!a.args.every((g, i) => argCovers(g, b.args![i]!))) return false;
  }
  if (a.display !== undefined) {
    const bFirst = b.args?.[0];
    if (b.display !== a.display && !(typeof bFirst === 'number' && bFirst === a.display)) return false;
  }
  for (const k of ['unsigned', 'zerofill', 'identity'] as const) if (a[k] !== undefined && a[k] !== b[k]) return false;
  if (a.default !== undefined && JSON.stringify(a.default) !== JSON.stringify(b.default)) return false;
  return true;
}

/** Rules that can never fire because an earlier rule matches everything they match. */
export function findShadowedRules(rules: TypeRule[]): { rule: string; hiddenBy: string }[] {
  const out: { rule: string; hiddenBy: string }[] = [];
  rules.forEach((r, i) => {
    const by = rules.slice(0, i).find((e) => (!e.dialect || !r.dialect || e.dialect === r.dialect) && ruleCovers(e, r));
    if (by) out.push({ rule: r.id, hiddenBy: by.id });
  });
  return out;
}
