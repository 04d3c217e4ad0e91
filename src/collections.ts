/** Items by key, each key's items in input order. */
export function groupBy<T, K>(items: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/**
 * The items of an array filled by push, in an array of their own size: one grown by push has room for 17 from its
 * first item on, and the catalogs keep several lists per table (columns, key parts, indexes).
 */
export function exactSize<T>(items: T[]): T[] {
  return items.length ? items.slice() : items;
}

/**
 * V8 keeps a string built by concatenation as a tree of its pieces (32 bytes a node) until something reads it by
 * position; reading one character flattens it in place. Statements, diagnostics and names the catalogs keep are
 * kept flat: half the memory, and far less for the garbage collector to copy. (The comparison keeps the read from
 * being optimised away.)
 */
export function flatten(s: string): string {
  if (s.charCodeAt(0) === -1) return '';
  return s;
}

/**
 * s holds a character beyond Latin-1. ASCII text (most scripts) is told natively by its UTF-8 length; the rest by a
 * loop, not a RegExp: a match would keep s, a whole script, alive as the last subject.
 */
export function beyondLatin1(s: string): boolean {
  if (Buffer.byteLength(s, 'utf8') === s.length) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return true;
  return false;
}

/**
 * s one byte a character when every character fits in one. V8 keeps a string two bytes a character when the text
 * it was cut from had a single character beyond Latin-1 anywhere (an arrow in a comment of a YAML file), and every
 * string built with such a piece is two-byte too: one type name from such a file doubled every CREATE TABLE.
 */
export function oneByte(s: string): string {
  return beyondLatin1(s) ? s : latin1Copy(s);
}

/** A one-byte copy of s, which must hold Latin-1 characters only (see oneByte). */
export function latin1Copy(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

/** Every string in a parsed JSON or YAML value, one byte a character where it can be (see oneByte). */
export function oneByteStrings<T>(value: T): T {
  if (typeof value === 'string') return oneByte(value) as T;
  if (Array.isArray(value)) return value.map(oneByteStrings) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[oneByte(k)] = oneByteStrings(v);
    return out as T;
  }
  return value;
}
