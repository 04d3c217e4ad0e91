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

/** Types are shared and never changed (the transpiler makes one object per distinct type): each is spelled once. */
const printed = new WeakMap<DataType, string>();

/** A PostgreSQL type as PostgreSQL spells it: name(args), user types qualified, [] for arrays. */
export function printType(t: DataType): string {
  let text = printed.get(t);
  if (text === undefined) printed.set(t, (text = spellType(t)));
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
