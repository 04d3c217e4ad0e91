import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { objectPath, type Catalog, type ManualItem, type ObjectKind, type QName } from '../model/catalog.js';
import { uniqueSortedDiagnostics, type Diagnostic, type Severity } from '../model/diagnostics.js';
import type { SourceSpan } from '../model/source.js';
import { groupBy } from '../collections.js';
import { packageRoot } from '../paths.js';
import type { Phase } from '../target/postgres/statement.js';
import { manualFileNames } from './manual-names.js';

export { renderReportMarkdown } from './report-md.js';

export const OBJECT_STATUSES = ['converted', 'converted with warnings', 'manual', 'not converted yet', 'skipped'] as const;
export type ObjectStatus = (typeof OBJECT_STATUSES)[number];

export interface ReportObject {
  /** Source path, as in Diagnostic.object. */
  object: string;
  kind: ObjectKind;
  status: ObjectStatus;
  span?: SourceSpan;
  /** PostgreSQL name it became (schema.name), when it has one. */
  target?: string;
  /** Distinct diagnostic codes on this object, sorted. */
  codes: string[];
}

export interface ReportDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  object?: string;
  file?: string;
  line?: number;
  col?: number;
  rule?: string;
  suggestion?: string;
}

export interface ReportManualItem {
  object: string;
  kind: ManualItem['kind'];
  /** Path under the output folder: manual/<kind>_<object>.sql. */
  file: string;
  codes: string[];
  span?: SourceSpan;
}

export interface Report {
  tool: { name: 'pgshift'; version: string };
  inputs: string[];
  options: Record<string, unknown>;
  summary: {
    /** kind → status → count, for every source object. */
    objects: Record<string, Record<ObjectStatus, number>>;
    totals: Record<ObjectStatus, number>;
    diagnostics: Record<Severity, number>;
    /** Mapping rule id → how many diagnostics cite it. */
    rules: Record<string, number>;
  };
  objects: ReportObject[];
  diagnostics: ReportDiagnostic[];
  manual: ReportManualItem[];
  phases: { file: string; title: string; up: number; down: number }[];
}

export interface ReportInput {
  inputs: string[];
  options: Record<string, unknown>;
  /** What the report needs of the source and target catalogs, so they need not outlive printing. */
  subjects: ReportSubjects;
  phases: Phase[];
  manual: ManualItem[];
  /** Every diagnostic of the conversion, the catalogs' own included. */
  diagnostics: Diagnostic[];
}

/** The source objects the report lists (sourceObjects) and the target objects they became (targetIndex). */
export interface ReportSubjects {
  objects: SourceObject[];
  targets: TargetIndex;
}

/** Codes that mean "this object is left for a later pgshift version", not "needs a person". */
const NOT_YET_CODES = new Set(['PGS4001', 'PGS4002', 'PGS4003', 'PGS4004']);

/** The JSON report: deterministic (no timestamps), keys in a fixed order. */
export function buildReport(input: ReportInput): Report {
  const diagnostics = uniqueSortedDiagnostics(input.diagnostics);
  const byObject = groupBy(diagnostics.filter((d) => d.object), (d) => d.object!);
  const manualByObject = groupBy(input.manual, (m) => m.object);
  const targets = input.subjects.targets;

  const objects: ReportObject[] = input.subjects.objects.map((o) => {
    const diags = byObject.get(o.path) ?? [];
    const whole = (manualByObject.get(o.path) ?? []).filter((m) => m.kind === manualKindOf(o.kind));
    const codes = [...new Set([...diags.map((d) => d.code), ...whole.flatMap((m) => m.codes)])].sort();
    const target = findTarget(targets, o.kind, o.path, o.name);
    let status: ObjectStatus;
    if (whole.length) status = codes.some((c) => NOT_YET_CODES.has(c)) ? 'not converted yet' : 'manual';
    // INSERT data is written to 0040_data (PGS4005); it has no target object of its own.
    else if (!target && o.kind !== 'data') status = 'skipped';
    else if (diags.some((d) => d.severity !== 'info')) status = 'converted with warnings';
    else status = 'converted';
    return { object: o.path, kind: o.kind, status, ...(o.span ? { span: o.span } : {}), ...(target ? { target } : {}), codes };
  });

  const kinds: Record<string, Record<ObjectStatus, number>> = {};
  const totals = zeroStatuses();
  for (const o of objects) {
    (kinds[o.kind] ??= zeroStatuses())[o.status]++;
    totals[o.status]++;
  }
  const severities: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const rules: Record<string, number> = {};
  for (const d of diagnostics) {
    severities[d.severity]++;
    if (d.rule) rules[d.rule] = (rules[d.rule] ?? 0) + 1;
  }
  const manualNames = manualFileNames(input.manual);
  return {
    tool: { name: 'pgshift', version: toolVersion() },
    inputs: [...input.inputs],
    options: sortKeys(input.options) as Record<string, unknown>,
    summary: { objects: sortKeys(kinds) as Report['summary']['objects'], totals, diagnostics: severities, rules: sortKeys(rules) as Record<string, number> },
    objects,
    diagnostics: diagnostics.map(reportDiagnostic),
    manual: input.manual.map((m, i) => ({ object: m.object, kind: m.kind, file: `manual/${manualNames[i]}`, codes: [...m.codes], ...(m.span ? { span: m.span } : {}) })),
    phases: input.phases.map((p) => ({ file: `${p.file}.sql`, title: p.title, up: p.up.length, down: p.down.length })),
  };
}

function zeroStatuses(): Record<ObjectStatus, number> {
  return { converted: 0, 'converted with warnings': 0, manual: 0, 'not converted yet': 0, skipped: 0 };
}

function manualKindOf(kind: ObjectKind): ManualItem['kind'] {
  switch (kind) {
    case 'table': case 'view': case 'trigger': case 'type': case 'sequence': return kind;
    case 'procedure': case 'function': case 'event': return 'routine';
    case 'schema': case 'data': return 'statement';
    default: {
      const never: never = kind;
      throw new Error(`unexpected object kind ${String(never)}`);
    }
  }
}

export interface SourceObject { kind: ObjectKind; path: string; name: QName; span?: SourceSpan }

/** Every object of the source catalog, by the path diagnostics name it with. */
export function sourceObjects(c: Catalog): SourceObject[] {
  const out: SourceObject[] = [];
  const add = (kind: ObjectKind, name: QName, span: SourceSpan | undefined) => out.push({ kind, path: objectPath(kind, name), name, ...(span ? { span } : {}) });
  for (const s of c.schemas) {
    s.types.forEach((t) => add('type', t.name, t.span));
    s.sequences.forEach((t) => add('sequence', t.name, t.span));
    s.tables.forEach((t) => add('table', t.name, t.span));
    s.views.forEach((t) => add('view', t.name, t.span));
    s.routines.forEach((t) => add(t.kind, t.name, t.span));
    s.triggers.forEach((t) => add('trigger', t.name, t.span));
    s.data.forEach((t) => add('data', t.table, t.span));
  }
  return out;
}

interface TargetEntry { kind: ObjectKind; source?: string; name: QName }

/** Target objects by the source path the transpiler recorded, and the others by kind and lower-case name. */
export interface TargetIndex { bySource: Map<string, TargetEntry>; byName: Map<string, TargetEntry[]> }

const nameKey = (kind: ObjectKind, name: string): string => `${kind}\u0000${name.toLowerCase()}`;

export function targetIndex(c: Catalog): TargetIndex {
  const index: TargetIndex = { bySource: new Map(), byName: new Map() };
  const add = (kind: ObjectKind, name: QName, source: string | undefined) => {
    const t: TargetEntry = { kind, name, ...(source ? { source } : {}) };
    if (source) {
      if (!index.bySource.has(source)) index.bySource.set(source, t);
      return;
    }
    const k = nameKey(kind, name.name);
    const list = index.byName.get(k);
    if (list) list.push(t);
    else index.byName.set(k, [t]);
  };
  for (const s of c.schemas) {
    s.types.forEach((t) => add('type', t.name, t.source));
    s.sequences.forEach((t) => add('sequence', t.name, t.source));
    s.tables.forEach((t) => add('table', t.name, t.source));
    s.views.forEach((t) => add('view', t.name, t.source));
    s.routines.forEach((t) => add(t.kind, t.name, t.source));
    s.triggers.forEach((t) => add('trigger', t.name, t.source));
    s.data.forEach((t) => add('data', t.table, undefined));
  }
  return index;
}

/** By the transpiler's source path; else the same kind and name, case-insensitively (schema first, then unique bare name). */
function findTarget(targets: TargetIndex, kind: ObjectKind, path: string, name: QName): string | undefined {
  const text = (q: QName) => (q.schema ? `${q.schema}.${q.name}` : q.name);
  const bySource = targets.bySource.get(path);
  if (bySource) return text(bySource.name);
  const sameKind = targets.byName.get(nameKey(kind, name.name)) ?? [];
  const lower = (s: string) => s.toLowerCase();
  const exact = sameKind.find((t) => lower(t.name.schema) === lower(name.schema) && lower(t.name.name) === lower(name.name));
  if (exact) return text(exact.name);
  const bare = sameKind.filter((t) => lower(t.name.name) === lower(name.name));
  return bare.length === 1 ? text(bare[0]!.name) : undefined;
}

function reportDiagnostic(d: Diagnostic): ReportDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.object ? { object: d.object } : {}),
    ...(d.span ? { file: d.span.file, line: d.span.line, col: d.span.col } : {}),
    ...(d.rule ? { rule: d.rule } : {}),
    ...(d.suggestion ? { suggestion: d.suggestion } : {}),
  };
}

/** Object keys sorted at every level, so JSON output does not depend on insertion order. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return typeof v === 'bigint' ? v.toString() : v;
}

let version: string | undefined;

function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
