import type { TableResult, ValidateResult } from './validate.js';
import type { RowDiff } from './validate-diff.js';

const keyText = (k: Record<string, string | null>): string => Object.entries(k).map(([c, v]) => `${c}=${v ?? 'NULL'}`).join(', ');
const value = (v: string | null): string => (v === null ? 'NULL' : JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v));

/** Plain-text report: one line per table, then the differing rows with their keys. */
export function renderValidateText(r: ValidateResult): string {
  const lines: string[] = [];
  for (const t of r.tables) {
    lines.push(tableLine(t));
    for (const n of t.notes) lines.push(`    note: ${n}`);
    if (t.checksumMatches === false) lines.push('    table checksum differs');
    for (const d of t.rows) lines.push(...rowLines(d));
    const listed = t.rows.length;
    const total = t.counts.missing + t.counts.extra + t.counts.different;
    if (total > listed) lines.push(`    ... ${total - listed} more differing row(s) not listed`);
    if (t.sample) {
      lines.push(`    sample: ${t.sample.checked} random row(s), ${t.sample.differences.length} differ`);
      for (const d of t.sample.differences) lines.push(...rowLines({ ...d, fields: d.fields }));
    }
  }
  const bad = r.tables.filter((t) => !t.ok).length;
  lines.push(bad
    ? `pgshift: validate: ${bad} of ${r.tables.length} table(s) differ (${r.seconds.toFixed(1)} s)`
    : `pgshift: validate: ${r.tables.length} table(s) match (${r.seconds.toFixed(1)} s)`);
  return lines.join('\n') + '\n';
}

function tableLine(t: TableResult): string {
  const counts = t.sourceRows === t.targetRows ? `${t.sourceRows} rows` : `rows source ${t.sourceRows} / target ${t.targetRows}`;
  const diff = t.counts.missing + t.counts.extra + t.counts.different
    ? `: ${t.counts.missing} missing, ${t.counts.extra} extra, ${t.counts.different} different`
    : '';
  return `${t.ok ? 'OK      ' : 'DIFFERS '} ${t.table}  ${counts}, ${t.chunks} chunk(s) by ${t.mode}${t.mismatchedChunks ? `, ${t.mismatchedChunks} mismatched` : ''}${diff}`;
}

function rowLines(d: RowDiff): string[] {
  const head = `    ${d.kind.padEnd(9)} ${keyText(d.key)}`;
  return [head, ...(d.fields ?? []).map((f) => `        ${f.column}: source ${value(f.source)}, target ${value(f.target)}`)];
}
