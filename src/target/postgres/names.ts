/** PostgreSQL's identifier limit (NAMEDATALEN - 1), in bytes. */
export const MAX_IDENT_BYTES = 63;

/** s.toLowerCase(), without the copy toLowerCase always makes when s has no upper-case letter (most names). */
export function lowerCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return s.toLowerCase();
  }
  return s;
}

/** Cut to 63 bytes without splitting a UTF-8 character, as PostgreSQL truncates. */
export function truncateIdent(s: string, maxBytes = MAX_IDENT_BYTES): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes: most names are short enough not to need counting.
  if (s.length * 3 <= maxBytes || Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch, 'utf8') > maxBytes) break;
    out += ch;
  }
  return out;
}

/**
 * A name in PostgreSQL's own style for an unnamed index or constraint (orders_customer_id_idx),
 * made unique within `used` by a trailing number as PostgreSQL does, so down/ can drop it by name.
 */
export function generatedName(used: Set<string>, table: string, parts: string[], suffix: string): string {
  const stem = [table, ...parts].join('_');
  for (let n = 0; ; n++) {
    const tail = `_${suffix}${n ? n : ''}`;
    const name = truncateIdent(stem, MAX_IDENT_BYTES - Buffer.byteLength(tail, 'utf8')) + tail;
    const folded = lowerCase(name);
    if (!used.has(folded)) {
      used.add(folded);
      return name;
    }
  }
}
