import type { DataType } from '../../model/types.js';
import { quoteIdent } from './quote.js';
import { printFailure } from './print-error.js';

/** time/timestamp take their precision before "with time zone", so the spelled-out forms need care. */
const ZONED: Record<string, string> = {
  'timestamp with time zone': 'timestamp',
  'time with time zone': 'time',
  'timestamp without time zone': 'timestamp',
  'time without time zone': 'time',
};

/**
 * Types are shared and never changed (the transpiler makes one object per distinct built-in type): each is spelled
 * once, kept by its raw text (a map by string, not a WeakMap, whose entries the garbage collector must trace
 * specially) for that object. User types are mostly one per column, and cheap to spell: not kept.
 */
const printed = new Map<string, { type: DataType; text: string }>();

/** A PostgreSQL type as PostgreSQL spells it: name(args), user types qualified, [] for arrays. */
export function printType(t: DataType): string {
  if (t.schema) return spellType(t);
  const hit = printed.get(t.raw);
  if (hit !== undefined && hit.type === t) return hit.text;
  const text = spellType(t);
  printed.set(t.raw, { type: t, text });
  return text;
}

function spellType(t: DataType): string {
  let text: string;
  if (t.schema) {
    text = `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
  } else {
    if (!/^[a-z][a-z0-9_ ]*$/.test(t.name)) throw printFailure(`type name not in PostgreSQL spelling: ${t.name}`);
    text = t.name;
  }
  const args = t.args.filter((a): a is number => a !== 'max');
  if (args.length) {
    const base = ZONED[t.name];
    text = base ? `${base}(${args.join(', ')})${t.name.slice(base.length)}` : `${text}(${args.join(', ')})`;
  }
  return t.array ? `${text}[]` : text;
}
