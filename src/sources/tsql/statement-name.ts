import grammar from '../../../grammars/tsql.json' with { type: 'json' };
import { type Cursor, peek } from './cursor.js';

/** grammar.objectKinds by first word, longest first: XML → [[XML, SCHEMA, COLLECTION], [XML, INDEX]]. */
const KINDS = new Map<string, string[][]>();
for (const kind of grammar.objectKinds) {
  const words = kind.split(' ');
  const list = KINDS.get(words[0]!) ?? [];
  list.push(words);
  KINDS.set(words[0]!, list);
}
for (const list of KINDS.values()) list.sort((a, b) => b.length - a.length);

/**
 * The name of a CREATE / ALTER / DROP statement whose kind starts at peek(c, at): the verb and the longest object kind of
 * grammar.objectKinds written there (ALTER XML SCHEMA COLLECTION, CREATE COLUMN MASTER KEY), else the verb and one word.
 * Only unquoted words match, so a [bracketed] object name is never read as part of the kind. Does not move the cursor.
 */
export function statementName(c: Cursor, verb: string, at = 0): string {
  const first = peek(c, at);
  if (first.kind !== 'word') return verb;
  for (const words of KINDS.get(first.upper) ?? []) {
    let k = 1;
    while (k < words.length && peek(c, at + k).kind === 'word' && peek(c, at + k).upper === words[k]) k++;
    if (k === words.length) return `${verb} ${words.join(' ')}`;
  }
  return `${verb} ${first.upper}`;
}
