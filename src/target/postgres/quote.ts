import type { QName } from '../../model/catalog.js';
import { RESERVED_KEYWORDS } from './keywords.js';

/** [a-z_][a-z0-9_$]*: the characters of a name PostgreSQL reads back unchanged when bare (a loop: every identifier printed asks). */
function isBare(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c === 95 || (i > 0 && ((c >= 48 && c <= 57) || c === 36))) continue;
    return false;
  }
  return true;
}

/** Quote an identifier unless PostgreSQL would read it back unchanged when bare. */
export function quoteIdent(s: string): string {
  if (isBare(s) && !RESERVED_KEYWORDS.has(s)) return s;
  return `"${s.replaceAll('"', '""')}"`;
}

/** Function names: keywords such as left/right/coalesce are valid call names, so only case and characters matter. */
export function quoteFunctionName(s: string): string {
  return isBare(s) ? s : `"${s.replaceAll('"', '""')}"`;
}

/** schema.name; an empty schema (never expected in a postgres catalog) prints the bare name. */
export function quoteQName(q: QName): string {
  return q.schema ? `${quoteIdent(q.schema)}.${quoteIdent(q.name)}` : quoteIdent(q.name);
}

let lastSchema: string | undefined;
let lastName: string | undefined;
let lastText = '';

/**
 * quoteQName of a table's name: a table's statements come one after another and each names the table, so the
 * text for the last name is kept.
 */
export function quoteTableName(t: { name: QName }): string {
  const q = t.name;
  if (q.name !== lastName || q.schema !== lastSchema) {
    lastText = quoteQName(q);
    lastSchema = q.schema;
    lastName = q.name;
  }
  return lastText;
}

const CONTROL = /[\x00-\x1f\x7f]/;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A string literal with '' doubling (standard_conforming_strings is on by default). */
export function quoteLiteral(s: string): string {
  // Control characters go in E'' escapes: a raw newline or tab in a migration file is invisible and line-ending tools rewrite it.
  if (CONTROL.test(s)) return `E'${s.replace(/[\\'\x00-\x1f\x7f]/g, escapeChar)}'`;
  return `'${s.replaceAll("'", "''")}'`;
}

function escapeChar(c: string): string {
  if (c === "'") return "''";
  if (c === '\\') return '\\\\';
  return ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}
