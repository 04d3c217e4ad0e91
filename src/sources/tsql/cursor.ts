import type { SourceSpan, TextSource } from '../../model/source.js';
import { type LexerState, type Token, nextToken } from './lexer.js';
import { detach } from '../slice-cache.js';

/** A position in one batch of tokens; `src` is the text the token offsets point into. */
export interface Cursor {
  src: string;
  /** Reads `src` again later (INSERT data keeps this, not the text); undefined: `src` itself. */
  source?: TextSource;
  file: string;
  toks: Token[];
  i: number;
  /** Current nesting (parentheses, blocks, dynamic SQL); bounded by MAX_DEPTH. */
  depth: number;
  /** Tokens are lexed on demand from here until the batch's GO/EOF, so big batches never sit in memory whole. */
  lexer?: LexerState;
}

/** Lex until index j exists or the batch ends. */
function fill(c: Cursor, j: number): void {
  const lx = c.lexer;
  if (!lx) return;
  const target = j === Number.MAX_SAFE_INTEGER ? j : j + 256; // lex ahead in chunks: fewer calls, same memory bound
  while (c.toks.length <= target) {
    const t = nextToken(lx);
    c.toks.push(t);
    if (t.kind === 'go' || t.kind === 'eof') { c.lexer = undefined; return; }
  }
}

/** Lex the rest of the batch (bodies of views, routines and triggers run to its end). */
export function fillBatch(c: Cursor): void {
  fill(c, Number.MAX_SAFE_INTEGER);
}

/** Forget tokens before the cursor; only between statements, when nothing holds an index. */
export function compact(c: Cursor): void {
  if (c.i > 4096) {
    c.toks = c.toks.slice(c.i);
    c.i = 0;
  }
}

export const MAX_DEPTH = 500;

export interface TsqlSyntaxError extends Error {
  token: Token;
  tooDeep?: boolean;
}

export function syntaxError(c: Cursor, message: string, token = peek(c)): TsqlSyntaxError {
  const e = new Error(`${message} at ${token.line}:${token.col} near '${describe(token)}'`) as TsqlSyntaxError;
  e.token = token;
  return e;
}

export function isSyntaxError(e: unknown): e is TsqlSyntaxError {
  return e instanceof Error && 'token' in e;
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'end of input' : t.kind === 'go' ? 'GO' : t.value.slice(0, 40);
}

export function enter(c: Cursor): void {
  if (++c.depth > MAX_DEPTH) {
    const e = syntaxError(c, `nesting deeper than ${MAX_DEPTH} levels`);
    e.tooDeep = true;
    throw e;
  }
}

export function leave(c: Cursor): void {
  c.depth--;
}

export function peek(c: Cursor, k = 0): Token {
  const j = c.i + k;
  if (j >= c.toks.length) fill(c, j);
  return c.toks[j < c.toks.length ? j : c.toks.length - 1]!;
}

export function next(c: Cursor): Token {
  const t = peek(c);
  if (c.i < c.toks.length - 1 || c.lexer) c.i++;
  return t;
}
export const prev = (c: Cursor): Token => c.toks[Math.max(c.i - 1, 0)]!;

export const isWord = (t: Token, w: string): boolean => t.kind === 'word' && t.upper === w;
export const isOp = (t: Token, o: string): boolean => t.kind === 'op' && t.value === o;
export const atEnd = (t: Token): boolean => t.kind === 'eof' || t.kind === 'go';

export function acceptWord(c: Cursor, w: string): boolean {
  if (isWord(peek(c), w)) { c.i++; return true; }
  return false;
}

export function acceptWords(c: Cursor, ...ws: string[]): boolean {
  for (let k = 0; k < ws.length; k++) if (!isWord(peek(c, k), ws[k]!)) return false;
  c.i += ws.length;
  return true;
}

export function acceptOp(c: Cursor, o: string): boolean {
  if (isOp(peek(c), o)) { c.i++; return true; }
  return false;
}

export function expectWord(c: Cursor, w: string): Token {
  if (!isWord(peek(c), w)) throw syntaxError(c, `expected ${w}`);
  return next(c);
}

export function expectOp(c: Cursor, o: string): Token {
  if (!isOp(peek(c), o)) throw syntaxError(c, `expected '${o}'`);
  return next(c);
}

/** An identifier: bracketed/quoted, or any word (T-SQL lets most keywords name columns). */
export function isIdent(t: Token): boolean {
  return t.kind === 'ident' || t.kind === 'word';
}

export function expectIdent(c: Cursor, what = 'identifier'): string {
  const t = peek(c);
  if (!isIdent(t)) throw syntaxError(c, `expected ${what}`);
  c.i++;
  return t.value;
}

/** a.b.c with empty parts allowed (db..t). */
export function parseMultipartName(c: Cursor): string[] {
  const parts = [expectIdent(c, 'name')];
  while (isOp(peek(c), '.')) {
    c.i++;
    if (isOp(peek(c), '.')) { parts.push(''); continue; }
    parts.push(expectIdent(c, 'name'));
  }
  return parts;
}

/**
 * The span of a node whose extent is known only once it is parsed (a table, column, key, index): replaced then.
 * One shared object, so no span is made to be thrown away (and the spans made are nearly all kept, which V8's
 * allocation sites see: it then allocates them where the garbage collector need not copy them).
 */
export const PENDING_SPAN: SourceSpan = { file: '', line: 0, col: 0, endLine: 0, endCol: 0 };

export function spanOf(c: Cursor, a: Token, b: Token = a): SourceSpan {
  return { file: c.file, line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol };
}

/** Source text from token a through token b. */
export function textOf(c: Cursor, a: Token, b: Token): string {
  return b.end > a.start ? detach(c.src.slice(a.start, b.end)) : '';
}

/** Skip a balanced (...) group starting at '(' (iterative: depth never touches the stack). Returns the ')' token. */
export function skipParens(c: Cursor): Token {
  expectOp(c, '(');
  let depth = 1;
  for (;;) {
    const t = peek(c);
    if (atEnd(t)) throw syntaxError(c, "expected ')'");
    c.i++;
    if (t.kind === 'op') {
      if (t.value === '(') depth++;
      else if (t.value === ')' && --depth === 0) return t;
    }
  }
}
