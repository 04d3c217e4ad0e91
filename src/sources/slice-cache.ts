/**
 * s as a string of its own. V8 cuts a slice of 13 characters or more as a view of the whole text (and a string
 * built by concatenation is a tree of its pieces), and such a string keeps the text alive: one table comment
 * would keep a whole script in memory after its catalog has let go of the rest. What the lexers hand to the
 * catalogs is detached, so a catalog never holds its script.
 */
export function detach(s: string): string {
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
