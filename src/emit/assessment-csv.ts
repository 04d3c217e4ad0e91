import type { Assessment } from './assessment.js';

export const ASSESSMENT_CSV_COLUMNS = ['id', 'severity', 'code', 'title', 'object', 'object_status', 'location', 'file', 'line', 'col', 'rule', 'complexity', 'minutes', 'message', 'suggestion'] as const;

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
export function csvField(v: string | number | undefined): string {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One row per item (info included), CRLF line ends as RFC 4180 says. */
export function renderAssessmentCsv(a: Assessment): string {
  const rows = [ASSESSMENT_CSV_COLUMNS.join(',')];
  for (const i of a.items) {
    rows.push([i.id, i.severity, i.code, i.title, i.object, i.objectStatus, i.location, i.file, i.line, i.col, i.rule, i.complexity, i.minutes, i.message, i.suggestion].map(csvField).join(','));
  }
  return rows.map((r) => `${r}\r\n`).join('');
}
