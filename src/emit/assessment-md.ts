import { actionItems, ASSESSMENT_STATUSES, type Assessment } from './assessment.js';
import { COMPLEXITIES } from './effort.js';

const DIALECT_TITLE = { tsql: 'SQL Server', mysql: 'MySQL / MariaDB' } as const;

/** Table cells cannot hold a raw pipe or newline. */
function cell(s: string | number | undefined): string {
  return s === undefined ? '' : String(s).replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

function code(s: string): string {
  return `\`${s.replaceAll('`', "'")}\``;
}

/** The assessment as Markdown: summary, feature usage, objects needing attention, action items. */
export function renderAssessmentMarkdown(a: Assessment): string {
  const s = a.summary;
  const out: string[] = ['# pgshift assessment', ''];
  out.push(`Source: ${DIALECT_TITLE[a.dialect]} — ${a.inputs.length ? a.inputs.map(code).join(', ') : 'none'}`, '');

  out.push('## Summary', '');
  out.push(`Estimated effort: **${s.hours} hours** (${s.minutes} minutes).`, '');
  out.push('| object status | objects |', '|---|---:|');
  for (const k of ASSESSMENT_STATUSES) out.push(`| ${k} | ${s.objects[k]} |`);
  out.push('', '| severity | items |', '|---|---:|');
  for (const k of ['error', 'warning', 'info'] as const) out.push(`| ${k} | ${s.items[k]} |`);
  out.push('', '| complexity | items |', '|---|---:|');
  for (const k of COMPLEXITIES) out.push(`| ${k} | ${s.complexity[k]} |`);
  out.push('');

  const kinds = Object.entries(s.objectsByKind);
  if (kinds.length) {
    out.push('## Objects by kind', '', `| kind | ${ASSESSMENT_STATUSES.join(' | ')} |`, `|---|${ASSESSMENT_STATUSES.map(() => '---:').join('|')}|`);
    for (const [kind, counts] of kinds) out.push(`| ${kind} | ${ASSESSMENT_STATUSES.map((k) => counts[k]).join(' | ')} |`);
    out.push('');
  }

  if (a.features.length) {
    out.push('## Feature usage', '', '| group | source feature | count | PostgreSQL | support | rule |', '|---|---|---:|---|---|---|');
    for (const f of a.features) out.push(`| ${f.group} | ${cell(f.feature)} | ${f.count} | ${cell(f.postgres)} | ${f.support} | ${f.rule ? code(f.rule) : ''} |`);
    out.push('');
  }

  const attention = a.objects.filter((o) => o.status !== 'converted');
  if (attention.length) {
    out.push('## Objects needing attention', '', '| object | status | location | items | minutes |', '|---|---|---|---:|---:|');
    for (const o of attention) out.push(`| ${cell(o.object)} | ${o.status} | ${cell(o.location)} | ${o.items} | ${o.minutes} |`);
    out.push('');
  }

  const items = actionItems(a);
  out.push('## Action items', '');
  if (s.items.info) out.push(`${s.items.info} info item(s) are listed in the JSON and CSV formats.`, '');
  if (items.length) {
    out.push('| # | severity | code | object | location | rule | complexity | minutes | message |', '|---:|---|---|---|---|---|---|---:|---|');
    for (const i of items) {
      out.push(`| ${i.id} | ${i.severity} | ${i.code} | ${cell(i.object)} | ${cell(i.location)} | ${i.rule ? code(i.rule) : ''} | ${i.complexity} | ${i.minutes} | ${cell(i.message)} |`);
    }
  } else out.push('None.');
  return `${out.join('\n').trimEnd()}\n`;
}
