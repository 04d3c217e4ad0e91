/** PostgreSQL COPY text format: one row a line, tab-separated, NULL as \N. */

export const COPY_NULL = '\\N';

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Escapes one field for COPY text format; the fast path skips the regex replace for plain values. */
export function escapeCopyText(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : s;
}

/** One encoded row (fields already escaped or \N), newline-terminated. */
export function copyLine(fields: string[]): string {
  return fields.join('\t') + '\n';
}
