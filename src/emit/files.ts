import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManualItem } from '../model/catalog.js';
import { DIAGNOSTIC_CODES } from '../model/diagnostics.js';
import { formatSpan } from '../model/source.js';
import type { Phase, Statement } from '../target/postgres/statement.js';
import { manualFileNames } from './manual-names.js';
import { writeMigrationFile } from './stream-file.js';

/** First line of every file pgshift writes: how stale files are recognised as ours. */
export const HEADER = '-- pgshift: ';

/** The text of one manual/ file: what needs attention and why, the original commented out, the draft as SQL. */
export function renderManualFile(m: ManualItem): string {
  const lines = [`${HEADER}manual conversion needed: ${m.object} (${m.kind})`];
  for (const code of m.codes) {
    const known = (DIAGNOSTIC_CODES as Record<string, { title: string }>)[code];
    lines.push(`-- ${code}${known ? `: ${known.title}` : ''}`);
  }
  if (m.span) lines.push(`-- source: ${formatSpan(m.span)}`);
  lines.push('', '-- original:', ...m.original.trimEnd().split('\n').map((l) => `-- ${l}`.trimEnd()));
  lines.push('', m.draft ? '-- draft (review before use):' : '-- no draft: write the PostgreSQL version by hand');
  if (m.draft) lines.push(m.draft.trimEnd());
  return `${lines.join('\n')}\n`;
}

/**
 * Write <dir>/<file>.sql, <dir>/down/<file>.sql and <dir>/manual/<kind>_<object>.sql; remove *.sql files
 * pgshift wrote there before that this run does not write. Returns the paths written, in write order.
 */
export function writeMigration(dir: string, phases: Phase[], manual: ManualItem[]): string[] {
  // Phase files are written statement by statement (COPY data streams from the source), the rest from text.
  const planned = new Map<string, string | { title: string; statements: Statement[] }>();
  for (const p of phases) {
    planned.set(join(dir, `${p.file}.sql`), { title: p.title, statements: p.up });
    if (p.down.length) planned.set(join(dir, 'down', `${p.file}.sql`), { title: `${p.title} (down)`, statements: p.down });
  }
  manualFileNames(manual).forEach((name, i) => planned.set(join(dir, 'manual', name), renderManualFile(manual[i]!)));

  for (const folder of [dir, join(dir, 'down'), join(dir, 'manual')]) removeStale(folder, planned);
  for (const [path, text] of planned) {
    mkdirSync(join(path, '..'), { recursive: true });
    if (typeof text === 'string') writeFileSync(path, text);
    else writeMigrationFile(path, text.title, text.statements);
  }
  return [...planned.keys()];
}

function removeStale(folder: string, keep: Map<string, unknown>): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(folder, name);
    if (!name.endsWith('.sql') || keep.has(path)) continue;
    let head = '';
    try {
      head = readFileSync(path, 'utf8').slice(0, HEADER.length);
    } catch {
      continue;
    }
    if (head === HEADER) rmSync(path);
  }
}
