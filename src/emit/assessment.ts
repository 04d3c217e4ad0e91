import type { Catalog, ObjectKind } from '../model/catalog.js';
import { DIAGNOSTIC_CODES, type Severity } from '../model/diagnostics.js';
import { objectPath } from '../model/catalog.js';
import type { TypeRule } from '../transpile/mappings.js';
import { assessmentStatus, ASSESSMENT_STATUSES, type AssessmentStatus } from './assessment-status.js';
import { featureUsage, type FeatureRow } from './assessment-features.js';
import { COMPLEXITIES, estimateEffort, findEffortRule, type Complexity, type EffortRule } from './effort.js';
import type { Report } from './report.js';

export { ASSESSMENT_STATUSES, assessmentStatus, type AssessmentStatus } from './assessment-status.js';
export type { FeatureRow } from './assessment-features.js';

export interface AssessmentObject {
  object: string;
  kind: ObjectKind;
  status: AssessmentStatus;
  /** file:line:col, or the catalog object for live sources. */
  location: string;
  target?: string;
  codes: string[];
  items: number;
  minutes: number;
}

export interface AssessmentItem {
  /** 1-based, in report order (file, line, col). */
  id: number;
  code: string;
  severity: Severity;
  /** The code's one-line title (docs/diagnostics.md). */
  title: string;
  message: string;
  object?: string;
  /** Status of the item's object, when it names one. */
  objectStatus?: AssessmentStatus;
  location: string;
  file?: string;
  line?: number;
  col?: number;
  rule?: string;
  suggestion?: string;
  complexity: Complexity;
  minutes: number;
}

export interface Assessment {
  tool: { name: 'pgshift'; version: string };
  dialect: 'tsql' | 'mysql';
  /** Input files, or the live source as host/database (never the URL: it may hold a password). */
  inputs: string[];
  summary: {
    objects: Record<AssessmentStatus, number>;
    /** kind → status → count. */
    objectsByKind: Record<string, Record<AssessmentStatus, number>>;
    items: Record<Severity, number>;
    complexity: Record<Complexity, number>;
    minutes: number;
    hours: number;
  };
  objects: AssessmentObject[];
  items: AssessmentItem[];
  features: FeatureRow[];
}

export interface AssessmentInput {
  report: Report;
  source: Catalog;
  typeRules: TypeRule[];
  effortRules: EffortRule[];
  /** A live database: locations name the catalog object, not a synthetic file:line:col. */
  live?: boolean;
}

const zeroStatuses = (): Record<AssessmentStatus, number> => Object.fromEntries(ASSESSMENT_STATUSES.map((s) => [s, 0])) as Record<AssessmentStatus, number>;

/** Source lines of views, routines and triggers (their text), for perLine effort rules. */
function objectLines(c: Catalog): Map<string, number> {
  const out = new Map<string, number>();
  const lines = (text: string): number => text.trimEnd().split('\n').length;
  for (const s of c.schemas) {
    for (const v of s.views) out.set(objectPath('view', v.name), lines(v.text));
    for (const r of s.routines) out.set(objectPath(r.kind, r.name), lines(r.text));
    for (const t of s.triggers) out.set(objectPath('trigger', t.name), lines(t.text));
  }
  return out;
}

/** The assessment: statuses, action items with effort, feature usage and totals. Deterministic. */
export function buildAssessment(input: AssessmentInput): Assessment {
  const { report } = input;
  const lines = objectLines(input.source);
  const statusOf = new Map(report.objects.map((o) => [o.object, assessmentStatus(o.status)]));

  const items: AssessmentItem[] = report.diagnostics.map((d, i) => {
    const effort = estimateEffort(findEffortRule(input.effortRules, d.code, d.severity), d.object ? (lines.get(d.object) ?? 0) : 0);
    const status = d.object ? statusOf.get(d.object) : undefined;
    return {
      id: i + 1,
      code: d.code,
      severity: d.severity,
      title: (DIAGNOSTIC_CODES as Record<string, { title: string }>)[d.code]?.title ?? '',
      message: d.message,
      ...(d.object ? { object: d.object } : {}),
      ...(status ? { objectStatus: status } : {}),
      location: d.file && !input.live ? `${d.file}:${d.line}:${d.col}` : (d.object ?? d.file ?? '-'),
      ...(d.file ? { file: d.file, line: d.line!, col: d.col! } : {}),
      ...(d.rule ? { rule: d.rule } : {}),
      ...(d.suggestion ? { suggestion: d.suggestion } : {}),
      complexity: effort.complexity,
      minutes: effort.minutes,
    };
  });

  const perObject = new Map<string, { items: number; minutes: number }>();
  for (const it of items) {
    if (!it.object) continue;
    const p = perObject.get(it.object) ?? { items: 0, minutes: 0 };
    p.items++;
    p.minutes += it.minutes;
    perObject.set(it.object, p);
  }
  const objects: AssessmentObject[] = report.objects.map((o) => ({
    object: o.object,
    kind: o.kind,
    status: assessmentStatus(o.status),
    location: o.span && !input.live ? `${o.span.file}:${o.span.line}:${o.span.col}` : o.object,
    ...(o.target ? { target: o.target } : {}),
    codes: o.codes,
    items: perObject.get(o.object)?.items ?? 0,
    minutes: perObject.get(o.object)?.minutes ?? 0,
  }));

  const byStatus = zeroStatuses();
  const byKind: Record<string, Record<AssessmentStatus, number>> = {};
  for (const o of objects) {
    byStatus[o.status]++;
    (byKind[o.kind] ??= zeroStatuses())[o.status]++;
  }
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byComplexity = Object.fromEntries(COMPLEXITIES.map((c) => [c, 0])) as Record<Complexity, number>;
  let minutes = 0;
  for (const it of items) {
    bySeverity[it.severity]++;
    byComplexity[it.complexity]++;
    minutes += it.minutes;
  }
  const dialect = input.source.dialect === 'postgres' ? 'tsql' : input.source.dialect;
  return {
    tool: report.tool,
    dialect,
    inputs: report.inputs,
    summary: {
      objects: byStatus,
      objectsByKind: Object.fromEntries(Object.keys(byKind).sort().map((k) => [k, byKind[k]!])),
      items: bySeverity,
      complexity: byComplexity,
      minutes,
      hours: Math.round(minutes / 6) / 10,
    },
    objects,
    items,
    features: featureUsage(input.source, input.typeRules),
  };
}

/** Items a person acts on: warnings and errors (info items appear in JSON and CSV only). */
export function actionItems(a: Assessment): AssessmentItem[] {
  return a.items.filter((i) => i.severity !== 'info');
}

/** Largest effort first, then report order: what to look at first. */
export function topItems(a: Assessment, n: number): AssessmentItem[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...actionItems(a)].sort((x, y) => y.minutes - x.minutes || rank[x.severity] - rank[y.severity] || x.id - y.id).slice(0, n);
}
