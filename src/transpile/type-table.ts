import type { SourceDialect } from './context.js';
import { loadShippedRules, type ArgGuard, type TypeRule } from './mappings.js';

const DIALECT_TITLE: Record<SourceDialect, string> = { tsql: 'SQL Server', mysql: 'MySQL / MariaDB' };

function argText(g: ArgGuard): string {
  if (typeof g === 'number' || g === 'max' || g === '*') return String(g === '*' ? 'n' : g);
  if (g.min !== undefined && g.max !== undefined) return `${g.min}–${g.max}`;
  return g.min !== undefined ? `≥${g.min}` : `≤${g.max}`;
}

const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

function sourceText(r: TypeRule): string {
  const m = r.match ?? {};
  const types = m.type === undefined ? ['any'] : Array.isArray(m.type) ? m.type : [m.type];
  const args = m.args ? (m.args.length ? `(${m.args.map(argText).join(',')})` : ' (no length)') : '';
  const guards: string[] = [];
  if (m.display !== undefined) guards.push(`display width ${m.display}`);
  if (m.unsigned !== undefined) guards.push(m.unsigned ? 'unsigned' : 'signed');
  if (m.zerofill) guards.push('zerofill');
  if (m.identity !== undefined) guards.push(m.identity ? 'identity / auto_increment' : 'not identity');
  if (m.default !== undefined) guards.push(`default ${typeof m.default === 'string' ? `'${m.default}'` : `~ /${m.default.regex}/`}`);
  return `${types.map((t) => `\`${t}${args}\``).join(', ')}${guards.length ? ` — ${guards.join(', ')}` : ''}`;
}

function targetText(r: TypeRule): string {
  const to = r.to === 'enum-type' ? 'CREATE TYPE <table>_<column> AS ENUM (...)' : r.to === 'set-array' ? 'text[] + CHECK (col <@ members)' : r.to;
  return `\`${to}\`${r.check ? ` + CHECK (\`${r.check}\`)` : ''}${r.default === 'drop' ? ', default dropped' : ''}`;
}

/** The shipped type rules as Markdown tables (one per dialect), for the README. */
export function renderTypeTableMarkdown(dialects: SourceDialect[] = ['tsql', 'mysql']): string {
  const parts: string[] = [];
  for (const d of dialects) {
    const { types } = loadShippedRules(d);
    parts.push(`### ${DIALECT_TITLE[d]}`, '', '| Rule | Source type | PostgreSQL | Copy | Note |', '|---|---|---|---|---|');
    for (const r of types) {
      parts.push(`| \`${r.id}\` | ${cell(sourceText(r))} | ${cell(targetText(r))} | ${r.copy ? `\`${r.copy}\`` : ''} | ${cell(r.note ?? '')} |`);
    }
    parts.push('');
  }
  return parts.join('\n');
}
