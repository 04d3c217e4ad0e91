import { groupBy } from '../collections.js';
import { DIAGNOSTIC_CODES } from '../model/diagnostics.js';
import type { Report } from './report.js';

const STATUSES = ['converted', 'converted with warnings', 'manual', 'not converted yet', 'skipped'] as const;

/** A readable report: summary table, objects needing attention, diagnostics grouped by code. */
export function renderReportMarkdown(r: Report): string {
  const out: string[] = ['# pgshift conversion report', ''];
  out.push(`Inputs: ${r.inputs.length ? r.inputs.map(code).join(', ') : 'none'}`, '');

  out.push('## Summary', '');
  out.push(`| kind | ${STATUSES.join(' | ')} | total |`, `|---|${STATUSES.map(() => '---:').join('|')}|---:|`);
  for (const [kind, counts] of Object.entries(r.summary.objects)) {
    out.push(`| ${kind} | ${STATUSES.map((s) => counts[s]).join(' | ')} | ${sum(STATUSES.map((s) => counts[s]))} |`);
  }
  out.push(`| **total** | ${STATUSES.map((s) => `**${r.summary.totals[s]}**`).join(' | ')} | **${sum(STATUSES.map((s) => r.summary.totals[s]))}** |`, '');
  const d = r.summary.diagnostics;
  out.push(`Diagnostics: ${plural(d.error, 'error')}, ${plural(d.warning, 'warning')}, ${d.info} info.`, '');
  const rules = Object.entries(r.summary.rules);
  if (rules.length) out.push(`Rules fired: ${rules.map(([id, n]) => `${code(id)} ×${n}`).join(', ')}.`, '');

  const attention = r.objects.filter((o) => o.status !== 'converted');
  if (attention.length) {
    out.push('## Objects needing attention', '', '| object | status | location | codes |', '|---|---|---|---|');
    for (const o of attention) {
      const where = o.span ? `${o.span.file}:${o.span.line}:${o.span.col}` : '';
      out.push(`| ${cell(o.object)} | ${o.status} | ${where} | ${o.codes.join(', ')} |`);
    }
    out.push('');
  }

  if (r.manual.length) {
    out.push('## Manual work', '');
    for (const m of r.manual) out.push(`- ${code(m.file)}: ${m.object} (${m.codes.join(', ')})`);
    out.push('');
  }

  if (r.diagnostics.length) {
    out.push('## Diagnostics by code', '');
    const groups = groupBy(r.diagnostics, (x) => x.code);
    for (const c of [...groups.keys()].sort()) {
      const list = groups.get(c)!;
      const title = (DIAGNOSTIC_CODES as Record<string, { title: string }>)[c]?.title;
      out.push(`### ${c}${title ? ` — ${title}` : ''} (${list.length})`, '');
      for (const x of list.slice(0, LISTED_PER_CODE)) {
        const where = x.file ? `${x.file}:${x.line}:${x.col}` : (x.object ?? '-');
        const obj = x.file && x.object ? ` [${x.object}]` : '';
        out.push(`- ${code(where)} ${x.severity}: ${x.message}${obj}${x.suggestion ? ` — suggestion: ${x.suggestion}` : ''}`);
      }
      if (list.length > LISTED_PER_CODE) out.push(`- … and ${list.length - LISTED_PER_CODE} more (${countBySeverity(list.slice(LISTED_PER_CODE))}); report.json lists every one`);
      out.push('');
    }
  }

  if (r.phases.length) {
    out.push('## Migration files', '', '| file | statements | down |', '|---|---:|---:|');
    for (const p of r.phases) out.push(`| ${code(p.file)} | ${p.up} | ${p.down} |`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * Occurrences listed per code: a person reads the first ones; thousands of the same note (one per table of a big
 * schema) would bury the rest of the report. report.json keeps them all.
 */
const LISTED_PER_CODE = 50;

function countBySeverity(list: { severity: string }[]): string {
  const n = (s: string) => list.filter((x) => x.severity === s).length;
  return ['error', 'warning', 'info'].filter((s) => n(s)).map((s) => `${n(s)} ${s}`).join(', ');
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function code(s: string): string {
  return `\`${s.replaceAll('`', "'")}\``;
}

/** Table cells cannot hold a raw pipe or newline. */
function cell(s: string): string {
  return s.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
