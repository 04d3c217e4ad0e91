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
