import { actionItems, ASSESSMENT_STATUSES, topItems, type Assessment } from './assessment.js';
import { COMPLEXITIES } from './effort.js';

const DIALECT_TITLE = { tsql: 'SQL Server', mysql: 'MySQL / MariaDB' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The terminal summary: totals, estimated hours and the items worth looking at first. */
export function renderAssessmentText(a: Assessment, top = 10): string {
  const s = a.summary;
  const total = ASSESSMENT_STATUSES.reduce((n, k) => n + s.objects[k], 0);
  const out = [
    `pgshift assessment: ${DIALECT_TITLE[a.dialect]}, ${a.inputs.length === 1 ? a.inputs[0] : plural(a.inputs.length, 'input')}`,
    '',
    `Objects:     ${total} (${ASSESSMENT_STATUSES.map((k) => `${s.objects[k]} ${k}`).join(', ')})`,
    `Items:       ${plural(s.items.error, 'error')}, ${plural(s.items.warning, 'warning')}, ${s.items.info} info`,
    `Complexity:  ${COMPLEXITIES.map((c) => `${s.complexity[c]} ${c}`).join(', ')}`,
    `Effort:      ${s.hours} hours (${s.minutes} minutes)`,
    `Features:    ${a.features.filter((f) => f.group !== 'data type').length} source features, ${a.features.filter((f) => f.group === 'data type').length} data type mappings`,
  ];
  const items = topItems(a, top);
  if (items.length) {
    out.push('', `Top ${items.length} of ${actionItems(a).length} action items (largest effort first):`);
    // Two lines per item: the figures and where, then the message, so lines stay short in a terminal.
    for (const i of items) {
      out.push(`  ${String(i.minutes).padStart(4)} min  ${i.complexity.padEnd(7)}  ${i.severity.padEnd(7)}  ${i.code}  ${i.location}`);
      out.push(`            ${i.message}`);
    }
  }
  out.push('', 'Full assessment: --format md|html|csv|json, or -o DIR for all five.');
  return `${out.join('\n')}\n`;
}
