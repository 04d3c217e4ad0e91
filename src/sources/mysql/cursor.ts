import type { Diagnostic } from '../../model/diagnostics.js';
import type { SourceSpan, TextSource } from '../../model/source.js';
import { internSlice, offsetSpan, type LineIndex, type Token } from './lexer.js';
import { detach } from '../slice-cache.js';

/** Nesting limit for expressions and parentheses; deeper input is reported as PGS1005 instead of overflowing the stack. */
export const MAX_DEPTH = 500;

/** The tokens of one statement and a position in them; `limit` bounds look-ahead (parenthesised sub-ranges). */
export interface Cursor {
  text: string;
  /** Reads `text` again later (INSERT data keeps this, not the text); undefined: `text` itself. */
  source?: TextSource;
  lines: LineIndex;
  toks: Token[];
  i: number;
  limit: number;
  depth: number;
  /** The token after the statement (its delimiter or end of input). */
  end: Token;
  diagnostics: Diagnostic[];
  /** INSERT ... VALUES rows counted by the lexer's skim (the tokens stop at VALUES). */
  skimmed?: { rows: number; tail: boolean };
}

/** Thrown (as a plain object) to abandon a statement; caught by the statement loop and turned into a diagnostic. */
export interface ParseFailure {
  failure: 'syntax' | 'depth';
  message: string;
  at: number;
}

export function isParseFailure(x: unknown): x is ParseFailure {
  return typeof x === 'object' && x !== null && 'failure' in x;
}

export function fail(c: Cursor, message: string): never {
  const t = peek(c);
  throw { failure: 'syntax', message: `${message} near ${describe(c, t)}`, at: t.start } satisfies ParseFailure;
}

export function failDepth(c: Cursor): never {
  throw { failure: 'depth', message: `nesting deeper than ${MAX_DEPTH} levels`, at: peek(c).start } satisfies ParseFailure;
}

function describe(c: Cursor, t: Token): string {
  if (t.kind === 'eof' || t === c.end) return 'end of statement';
  return `'${c.text.slice(t.start, Math.min(t.end, t.start + 40))}'`;
}

export function peek(c: Cursor, k = 0): Token {
  const j = c.i + k;
  return j < c.limit ? c.toks[j]! : c.end;
}

export function atEnd(c: Cursor): boolean {
  return c.i >= c.limit;
}

export function advance(c: Cursor): Token {
  const t = peek(c);
  if (c.i < c.limit) c.i++;
  return t;
}

/** True when the token is the bare word `w` (upper-case). */
export function isWord(t: Token, w: string): boolean {
  return t.kind === 'word' && t.value === w;
}

export function isOp(t: Token, op: string): boolean {
  return t.kind === 'op' && t.value === op;
}

export function peekWord(c: Cursor, w: string, k = 0): boolean {
  return isWord(peek(c, k), w);
}

export function peekOp(c: Cursor, op: string, k = 0): boolean {
  return isOp(peek(c, k), op);
}

export function acceptWord(c: Cursor, w: string): boolean {
  if (!peekWord(c, w)) return false;
  c.i++;
  return true;
}

/** Accepts a sequence of words only when all of them follow. */
export function acceptWords(c: Cursor, ...ws: string[]): boolean {
  for (let k = 0; k < ws.length; k++) if (!peekWord(c, ws[k]!, k)) return false;
  c.i += ws.length;
  return true;
}

export function acceptOp(c: Cursor, op: string): boolean {
  if (!peekOp(c, op)) return false;
  c.i++;
  return true;
}

export function expectWord(c: Cursor, w: string): void {
  if (!acceptWord(c, w)) fail(c, `expected ${w}`);
}

export function expectOp(c: Cursor, op: string): void {
  if (!acceptOp(c, op)) fail(c, `expected '${op}'`);
}

/** The source text of a token as written. */
export function raw(c: Cursor, t: Token): string {
  return internSlice(c.text, t.start, t.end);
}

/** An identifier: bare word (as written) or `quoted`. Strings are accepted where MySQL accepts them for names. */
export function identifier(c: Cursor, what = 'identifier', allowString = false): string {
  const t = peek(c);
  if (t.kind === 'word') { c.i++; return internSlice(c.text, t.start, t.end); }
  if (t.kind === 'qid' || (allowString && t.kind === 'str')) { c.i++; return t.value; }
  return fail(c, `expected ${what}`);
}

export function isIdentifierToken(t: Token): boolean {
  return t.kind === 'word' || t.kind === 'qid';
}

/** Index of the ')' matching the '(' at index `open`, scanning iteratively; -1 when unbalanced. */
export function matchingParen(c: Cursor, open: number): number {
  let depth = 0;
  for (let j = open; j < c.limit; j++) {
    const t = c.toks[j]!;
    if (t.kind !== 'op') continue;
    if (t.value === '(') depth++;
    else if (t.value === ')' && --depth === 0) return j;
  }
  return -1;
}

export function tokenSpan(c: Cursor, from: Token, to: Token): SourceSpan {
  return offsetSpan(c.lines, from.start, Math.max(from.start + 1, to.end));
}

/** Span of tokens [a, b] by index. */
export function spanOf(c: Cursor, a: number, b: number): SourceSpan {
  const from = c.toks[Math.min(a, c.toks.length - 1)] ?? c.end;
  const to = c.toks[Math.max(a, Math.min(b, c.toks.length - 1))] ?? from;
  return tokenSpan(c, from, to);
}

/**
 * Source text of tokens [a, b] by index. Versioned-comment markers between tokens are replaced by one space,
 * so a view split across several /*!5000x ... *\/ comments reads as the statement the server executes.
 */
export function textOf(c: Cursor, a: number, b: number): string {
  if (b < a) return '';
  const toks = c.toks;
  let clean = true;
  for (let j = a + 1; j <= b; j++) if (toks[j]!.gap) { clean = false; break; }
  if (clean) return internSlice(c.text, toks[a]!.start, toks[b]!.end);
  let out = c.text.slice(toks[a]!.start, toks[a]!.end);
  for (let j = a + 1; j <= b; j++) {
    const t = toks[j]!;
    out += (t.gap ? ' ' : c.text.slice(toks[j - 1]!.end, t.start)) + c.text.slice(t.start, t.end);
  }
  return detach(out);
}
