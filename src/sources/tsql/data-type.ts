import type { DataType } from '../../model/types.js';
import grammar from '../../../grammars/tsql.json' with { type: 'json' };
import { type Cursor, isOp, isWord, parseMultipartName, peek, prev, syntaxError, textOf } from './cursor.js';

const TYPE_NAMES = new Set(grammar.typeNames);
const ALIASES: Record<string, string> = grammar.typeAliases;
// Words that may follow the first word of a multi-word type name.
const SECOND_WORDS = new Set(['PRECISION', 'VARYING', 'CHAR', 'CHARACTER', 'TEXT']);

/**
 * data_type := [schema '.'] name [ '(' (number | MAX) {',' number} ')' ]
 * Built-in names are lower-cased and canonical (aliases resolved); user types keep their spelling and schema.
 * Non-numeric arguments (xml(CONTENT coll)) are kept only in `raw`.
 */
export function parseDataType(c: Cursor, defaultSchema?: string): DataType {
  const first = peek(c);
  const parts = parseMultipartName(c);
  let name = parts[parts.length - 1]!;
  let schema: string | undefined = parts.length > 1 ? parts[parts.length - 2] : undefined;
  if (first.kind === 'word' && parts.length === 1) {
    let lower = name.toLowerCase();
    while (SECOND_WORDS.has(peek(c).upper) && (ALIASES[`${lower} ${peek(c).value.toLowerCase()}`] || ALIASES[`${lower} ${peek(c).value.toLowerCase()} varying`])) {
      lower = `${lower} ${peek(c).value.toLowerCase()}`;
      c.i++;
    }
    name = lower;
  }
  const lower = name.toLowerCase();
  const canonical = ALIASES[lower] ?? lower;
  const builtin = (schema === undefined || schema.toLowerCase() === 'sys') && TYPE_NAMES.has(canonical);
  const args: (number | 'max')[] = [];
  if (isOp(peek(c), '(')) {
    c.i++;
    let numeric = true;
    let depth = 1;
    for (;;) {
      const t = peek(c);
      if (t.kind === 'eof' || t.kind === 'go') throw syntaxError(c, "expected ')' after type arguments");
      c.i++;
      if (isOp(t, '(')) depth++;
      else if (isOp(t, ')')) { if (--depth === 0) break; }
      else if (depth === 1 && t.kind === 'number' && numeric) args.push(Number(t.value));
      else if (depth === 1 && isWord(t, 'MAX') && numeric) args.push('max');
      else if (depth === 1 && isOp(t, ',')) continue;
      else numeric = false;
    }
    if (!numeric) args.length = 0;
  }
  const raw = textOf(c, first, prev(c));
  if (builtin) return { name: canonical, args, raw };
  schema ??= defaultSchema;
  if (schema === undefined) return { name, args, raw };
  return { name, args, schema, raw };
}
