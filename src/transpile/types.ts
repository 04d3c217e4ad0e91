import type { Expr } from '../model/expr.js';
import { dataType, type DataType } from '../model/types.js';
import type { ArgGuard, TypeRule } from './mappings.js';
import { fillTemplate, parseTemplate } from './template.js';

/** What a guard can look at besides the type itself. */
export interface TypeFacts {
  defaultRaw?: string;
  identity?: boolean;
}

const normalizedDefaults = new Map<string, string>();
const MAX_NORMALIZED_DEFAULTS = 4096;

/** A default's text without wrapping parentheses and quotes: (('0000-00-00')) → 0000-00-00. */
export function normalizeDefaultRaw(raw: string): string {
  // Default-guarded rules ask for every column of their types, and scripts repeat a few defaults: each is done once.
  // Only short texts are kept: V8 copies a slice under 13 characters, a longer one is a view that would keep its
  // whole script alive in this module-wide map.
  if (raw.length > 12) return unwrapDefaultRaw(raw);
  let out = normalizedDefaults.get(raw);
  if (out === undefined) {
    if (normalizedDefaults.size >= MAX_NORMALIZED_DEFAULTS) normalizedDefaults.clear();
    normalizedDefaults.set(raw, (out = unwrapDefaultRaw(raw)));
  }
  return out;
}

function unwrapDefaultRaw(raw: string): string {
  let s = raw.trim();
  for (;;) {
    const unwrapped = s.startsWith('(') && s.endsWith(')') ? s.slice(1, -1).trim() : s;
    if (unwrapped === s) break;
    s = unwrapped;
  }
  const q = /^[Nn]?'(.*)'$/s.exec(s);
  return q ? q[1]!.replaceAll("''", "'") : s;
}

function argMatches(g: ArgGuard, v: number | 'max' | undefined): boolean {
  if (v === undefined) return false;
  if (g === '*') return v !== 'max';
  if (typeof g === 'number' || g === 'max') return g === v;
  if (v === 'max') return false;
  return (g.min === undefined || v >= g.min) && (g.max === undefined || v <= g.max);
}

const typeKeys = new Map<string, string>();

/** 'Double  Precision' → 'double precision'; memoised, as every column is matched against every rule. */
export function typeKey(name: string): string {
  let k = typeKeys.get(name);
  if (k === undefined) typeKeys.set(name, (k = name.toLowerCase().replace(/\s+/g, ' ').trim()));
  return k;
}

export function ruleMatches(rule: TypeRule, t: DataType, facts: TypeFacts): boolean {
  const m = rule.match;
  if (m?.type !== undefined) {
    const key = typeKey(t.name);
    if (Array.isArray(m.type) ? !m.type.some((n) => typeKey(n) === key) : typeKey(m.type) !== key) return false;
  }
  return guardsMatch(rule, t, facts);
}

const defaultPatterns = new Map<string, RegExp>();

/** The guards of a rule other than its type names (findTypeRule only tries rules whose type names match). */
function guardsMatch(rule: TypeRule, t: DataType, facts: TypeFacts): boolean {
  const m = rule.match;
  if (m === undefined) return true;
  if (m.args && (m.args.length !== t.args.length || !m.args.every((g, i) => argMatches(g, t.args[i])))) return false;
  if (m.display !== undefined && t.args[0] !== m.display) return false;
  if (m.unsigned !== undefined && (t.unsigned ?? false) !== m.unsigned) return false;
  if (m.zerofill !== undefined && (t.zerofill ?? false) !== m.zerofill) return false;
  if (m.identity !== undefined && (facts.identity ?? false) !== m.identity) return false;
  if (m.default !== undefined) {
    if (facts.defaultRaw === undefined) return false;
    const d = normalizeDefaultRaw(facts.defaultRaw);
    return typeof m.default === 'string' ? d === m.default : defaultPattern(m.default.regex).test(d);
  }
  return true;
}

function defaultPattern(source: string): RegExp {
  let re = defaultPatterns.get(source);
  if (!re) defaultPatterns.set(source, (re = new RegExp(source)));
  return re;
}

/** Rules by the type names they guard (in list order), plus those that guard none: each column tries only its own. */
const rulesByType = new WeakMap<TypeRule[], { byType: Map<string, TypeRule[]>; any: TypeRule[]; position: Map<TypeRule, number>; merged: Map<string, TypeRule[]> }>();

export function findTypeRule(rules: TypeRule[], t: DataType, facts: TypeFacts): TypeRule | undefined {
  let ix = rulesByType.get(rules);
  if (!ix) {
    ix = { byType: new Map(), any: [], position: new Map(rules.map((r, i) => [r, i])), merged: new Map() };
    for (const r of rules) {
      const m = r.match?.type;
      if (m === undefined) ix.any.push(r);
      else for (const n of Array.isArray(m) ? m : [m]) ix.byType.set(typeKey(n), [...(ix.byType.get(typeKey(n)) ?? []), r]);
    }
    rulesByType.set(rules, ix);
  }
  const k = typeKey(t.name);
  let candidates = ix.merged.get(k);
  if (!candidates) {
    // First match in the original order: the type's rules merged with the unguarded ones by position, once per type.
    const own = ix.byType.get(k) ?? [];
    const pos = ix.position;
    candidates = ix.any.length ? [...own, ...ix.any].sort((a, b) => pos.get(a)! - pos.get(b)!) : own;
    ix.merged.set(k, candidates);
  }
  for (const r of candidates) if (guardsMatch(r, t, facts)) return r;
  return undefined;
}

interface TypeTemplate { name: string; array: boolean; parts?: string[] }
const typeTemplates = new Map<string, TypeTemplate>();

function parseTypeTemplate(to: string): TypeTemplate {
  let t = typeTemplates.get(to);
  if (t) return t;
  const m = /^([a-z][a-z0-9_ ]*?)\s*(?:\(([^)]*)\))?(\[\])?$/.exec(to.trim());
  if (!m) throw new Error(`type template not understood: ${to}`);
  t = { name: m[1]!.trim(), array: m[3] !== undefined, ...(m[2] !== undefined ? { parts: m[2].split(',').map((p) => p.trim()) } : {}) };
  typeTemplates.set(to, t);
  return t;
}

/** `numeric($1,$2)` with the source's arguments; a missing $n drops the argument list (the type's default applies). */
export function renderTypeTemplate(to: string, src: DataType): DataType {
  // Source columns share their types (sharedType), so most calls repeat one (template, type) pair.
  let byTemplate = renderedFor.get(src);
  if (!byTemplate) renderedFor.set(src, (byTemplate = new Map()));
  let t = byTemplate.get(to);
  if (!t) byTemplate.set(to, (t = renderType(to, src)));
  return t;
}

const renderedFor = new WeakMap<DataType, Map<string, DataType>>();

function renderType(to: string, src: DataType): DataType {
  const { name, array, parts } = parseTypeTemplate(to);
  let args: number[] = [];
  if (parts !== undefined) {
    const values = parts.map((p) => (p.startsWith('$') ? src.args[Number(p.slice(1)) - 1] : Number(p)));
    // A missing or 'max' argument means "the type's default": keep the arguments before it (numeric(12) stays numeric(12)).
    const stop = values.findIndex((v) => typeof v !== 'number');
    args = (stop < 0 ? values : values.slice(0, stop)) as number[];
  }
  const raw = `${name}${args.length ? `(${args.join(',')})` : ''}${array ? '[]' : ''}`;
  // The text says everything the type holds, and nothing changes a DataType once made: columns of one type share it.
  let t = renderedTypes.get(raw);
  if (!t) renderedTypes.set(raw, (t = dataType(name, args, array ? { array: true, raw } : { raw })));
  return t;
}

const renderedTypes = new Map<string, DataType>();

/** A rule's CHECK template for one column: {col} → the column reference, $n → the source type's arguments. */
export function renderCheckTemplate(check: string, col: Expr, src: DataType): Expr {
  const args: Expr[] = src.args.map((a) => ({ kind: 'number', value: String(a) }));
  return fillTemplate(parseTemplate(check), args, col);
}

/** PostgreSQL string types that a case-insensitivity policy applies to. */
export const PG_STRING_TYPES = new Set(['varchar', 'char', 'text', 'citext']);

export function isStringSourceType(dialect: 'tsql' | 'mysql', name: string): boolean {
  const n = typeKey(name);
  return dialect === 'tsql'
    ? ['char', 'varchar', 'nchar', 'nvarchar', 'text', 'ntext', 'sysname', 'character', 'character varying', 'national character', 'national character varying'].includes(n)
    : ['char', 'varchar', 'nchar', 'nvarchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'long', 'long varchar', 'character', 'character varying', 'national char', 'national varchar'].includes(n);
}
