import { beyondLatin1, latin1Copy } from '../collections.js';

let wideText = false;

/**
 * `read` parses `text` (a script or a segment of one; the lexers of its expressions run inside). When the text
 * holds a character beyond Latin-1 anywhere (a curly quote in a comment), V8 keeps all of it two bytes a
 * character, and every piece cut from it too, whatever that piece holds: detach then narrows them (oneByte).
 */
export function readingText<T>(text: string, read: () => T): T {
  const outer = wideText;
  wideText = beyondLatin1(text);
  try {
    return read();
  } finally {
    wideText = outer;
  }
}

/**
 * s as a string of its own. V8 cuts a slice of 13 characters or more as a view of the whole text (and a string
 * built by concatenation is a tree of its pieces), and such a string keeps the text alive: one table comment
 * would keep a whole script in memory after its catalog has let go of the rest. What the lexers hand to the
 * catalogs is detached, so a catalog never holds its script; cut from a two-byte text, it is narrowed too.
 */
export function detach(s: string): string {
  if (wideText && !beyondLatin1(s)) return latin1Copy(s);
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Hash step over one character code; lexers run it as they scan, so a word is read once. */
export const hashStep = (h: number, ch: number): number => (Math.imul(h, 31) + ch) | 0;

/** The hash of text[start, end) by hashStep. */
export function hashOf(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

/**
 * Strings cut from script text, shared: a script repeats the same names, keywords and values across thousands of
 * tables, and every string the catalog holds is an object the garbage collector copies. A direct-mapped cache by a
 * hash of the characters (a miss just replaces the slot). Its strings are detached (see detach), so it keeps no
 * script alive.
 */
export class SliceCache {
  readonly strings: (string | undefined)[];
  private readonly mask: number;

  constructor(slots: number) {
    this.strings = new Array<string | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
  }

  /** The slot of a string of `length` characters whose hash is `h`. */
  slot(h: number, length: number): number {
    return ((h ^ (h >>> 13)) + length) & this.mask;
  }

  /** The string in slot k when it equals text[start, end). */
  at(k: number, text: string, start: number, end: number): string | undefined {
    const s = this.strings[k];
    if (s === undefined || s.length !== end - start) return undefined;
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== text.charCodeAt(start + i)) return undefined;
    return s;
  }

  /** text.slice(start, end), shared with an equal earlier slice; `h`: its hash (hashStep). */
  slice(text: string, start: number, end: number, h: number): string {
    const k = this.slot(h, end - start);
    return this.at(k, text, start, end) ?? (this.strings[k] = detach(text.slice(start, end)));
  }

  clear(): void {
    this.strings.fill(undefined);
  }
}
