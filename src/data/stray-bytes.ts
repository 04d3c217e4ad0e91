/**
 * A script's bytes that are not UTF-8 are text in a legacy code page (read as Windows-1252) or binary values a dump
 * wrote raw (mysqldump without --hex-blob). The text the data phase reads keeps each such byte b as the lone
 * surrogate U+DC00 + b (Python's "surrogateescape"), one UTF-16 unit like its Windows-1252 reading, so offsets
 * agree: a value bound for a binary column gets its bytes back exactly, any other value its Windows-1252 reading.
 */
const CP1252 = Array.from({ length: 128 }, (_, i) => new TextDecoder('windows-1252').decode(Uint8Array.of(0x80 + i)));

/** A low surrogate in U+DC80…U+DCFF that is not the second half of a pair (a pair is a character beyond the BMP). */
const STRAY = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g;
const HAS_STRAY = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** How a stray byte (0x80…0xFF) is read: as text, or kept for the data phase. */
const cp1252Char = (byte: number): string => CP1252[byte - 0x80]!;
export const strayChar = (byte: number): string => String.fromCharCode(0xdc00 + byte);

/** Whether s holds a stray byte (a lone surrogate of that range: a cheap test, true also for a rare pair). */
export const hasStrayBytes = (s: string): boolean => /[\uDC80-\uDCFF]/.test(s);

/** The bytes a script's string literal stood for: its characters' UTF-8 bytes, each stray byte as it was. */
export function scriptBytes(s: string): Buffer {
  if (!HAS_STRAY.test(s)) return Buffer.from(s, 'utf8');
  const parts: Buffer[] = [];
  let from = 0;
  for (const m of s.matchAll(STRAY)) {
    if (m.index > from) parts.push(Buffer.from(s.slice(from, m.index), 'utf8'));
    parts.push(Buffer.of(m[0].charCodeAt(0) - 0xdc00));
    from = m.index + 1;
  }
  if (from < s.length) parts.push(Buffer.from(s.slice(from), 'utf8'));
  return Buffer.concat(parts);
}

/** The text a script's string stood for: each stray byte read as Windows-1252. */
export function scriptText(s: string): string {
  return HAS_STRAY.test(s) ? s.replace(STRAY, (c) => cp1252Char(c.charCodeAt(0) - 0xdc00)) : s;
}
