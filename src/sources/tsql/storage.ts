import type { Token } from './lexer.js';
import { type Cursor, acceptOp, atEnd, isIdent, isOp, isWord, next, peek, prev, skipParens, spanOf, syntaxError, textOf } from './cursor.js';
import { type Session, report } from './session.js';

/**
 * Storage clauses with no PostgreSQL meaning: `WITH (PAD_INDEX = OFF, ...)`, legacy `WITH FILLFACTOR = 90`,
 * `ON [PRIMARY]` / `ON ps(col)`, `TEXTIMAGE_ON fg`, `FILESTREAM_ON fg`. Each consumed clause is reported as PGS1011
 * (the clauses of one statement in one diagnostic).
 * Returns false when the cursor is not at such a clause.
 */
export function skipStorageClause(s: Session, c: Cursor, object: string | undefined): boolean {
  const t = peek(c);
  if (isWord(t, 'WITH')) {
    if (isOp(peek(c, 1), '(')) {
      c.i++;
      const from = c.i;
      const end = skipParens(c);
      dropped(s, c, t, end, object);
      warnIgnoreDupKey(s, c, from, object);
      return true;
    }
    // Legacy: WITH FILLFACTOR = 90 | WITH PAD_INDEX, IGNORE_DUP_KEY
    const n = peek(c, 1);
    if (n.kind === 'word' && ['FILLFACTOR', 'PAD_INDEX', 'IGNORE_DUP_KEY', 'DROP_EXISTING', 'STATISTICS_NORECOMPUTE', 'SORT_IN_TEMPDB'].includes(n.upper)) {
      c.i++;
      let ignoreDup: Token | undefined;
      for (;;) {
        const opt = next(c); // option name
        const off = isOp(peek(c), '=') && isWord(peek(c, 1), 'OFF');
        if (isWord(opt, 'IGNORE_DUP_KEY') && !off) ignoreDup = opt;
        if (acceptOp(c, '=')) c.i++;
        if (!(isOp(peek(c), ',') && peek(c, 1).kind === 'word')) break;
        c.i++;
      }
      dropped(s, c, t, prev(c), object);
      if (ignoreDup) warnIgnoreDupKey(s, c, c.toks.indexOf(ignoreDup), object);
      return true;
    }
    return false;
  }
  if ((isWord(t, 'ON') && !isWord(peek(c, 1), 'DELETE') && !isWord(peek(c, 1), 'UPDATE')) || isWord(t, 'TEXTIMAGE_ON') || isWord(t, 'FILESTREAM_ON')) {
    c.i++;
    if (!isIdent(peek(c)) && peek(c).kind !== 'string') throw syntaxError(c, 'expected a filegroup or partition scheme');
    c.i++;
    if (isOp(peek(c), '(')) skipParens(c);
    dropped(s, c, t, prev(c), object);
    return true;
  }
  return false;
}

/** IGNORE_DUP_KEY = ON changes what an INSERT does: SQL Server discards a duplicate row, PostgreSQL raises. */
function warnIgnoreDupKey(s: Session, c: Cursor, from: number, object: string | undefined): void {
  for (let i = from; i + 1 < c.i; i++) {
    const k = c.toks[i]!;
    const legacy = !isOp(c.toks[i + 1]!, '=');
    if (isWord(k, 'IGNORE_DUP_KEY') && (legacy || isWord(c.toks[i + 2]!, 'ON'))) {
      report(s, 'PGS1011', 'IGNORE_DUP_KEY = ON dropped: SQL Server discards an inserted row with a duplicate key, PostgreSQL raises an error; inserts that rely on it need ON CONFLICT DO NOTHING', {
        span: spanOf(c, k, legacy ? k : c.toks[i + 2]!), severity: 'warning', ...(object ? { object } : {}),
      });
      return;
    }
  }
}

/**
 * One PGS1011 per statement for all its storage clauses (SSMS writes three or four per table): a clause right
 * after another one of the same statement joins its diagnostic, which then lists every clause and spans them all.
 */
function dropped(s: Session, c: Cursor, a: Token, b: Token, object: string | undefined): void {
  const text = oneSpaced(textOf(c, a, b)).slice(0, 200);
  const ds = s.catalog.diagnostics;
  const note = s.storageNote;
  if (note && note.cursor === c && ds[ds.length - 1] === note.diag && note.diag.object === object && note.diag.span) {
    note.clauses.set(text, (note.clauses.get(text) ?? 0) + 1);
    // join makes one flat string (a template literal around it would keep a rope of two).
    const items: string[] = [];
    for (const [t, n] of note.clauses) items.push(n > 1 ? `${t} (${n} times)` : t);
    items[0] = `storage options dropped: ${items[0]}`;
    note.diag.message = items.join('; ');
    const { file, line, col } = note.diag.span;
    note.diag.span = { file, line, col, endLine: b.endLine, endCol: b.endCol }; // joined with this clause's span
    return;
  }
  report(s, 'PGS1011', `storage option dropped: ${text}`, { span: spanOf(c, a, b), ...(object ? { object } : {}) });
  s.storageNote = { diag: ds[ds.length - 1]!, cursor: c, clauses: new Map([[text, 1]]) };
}

/** Whitespace runs as one space; most clauses are written so already, and then need no new string. */
function oneSpaced(text: string): string {
  return /[^\S ]| \s/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/** `key = value` pairs inside WITH ( ... ); a value may itself be `ON (k = v, ...)`. */
export interface WithOption {
  key: string;
  value: string;
  sub: WithOption[];
  /** Every token of the value (a history table name is several). */
  tokens: Token[];
  first: Token;
  last: Token;
}

export function parseWithOptionList(c: Cursor): WithOption[] {
  const out: WithOption[] = [];
  if (!acceptOp(c, '(')) throw syntaxError(c, "expected '('");
  while (!isOp(peek(c), ')')) {
    if (atEnd(peek(c))) throw syntaxError(c, "expected ')'");
    const first = next(c);
    const opt: WithOption = { key: first.value.toUpperCase(), value: '', sub: [], tokens: [], first, last: first };
    if (acceptOp(c, '=')) {
      const v = next(c);
      opt.value = v.value;
      opt.tokens.push(v);
      if (isOp(peek(c), '(')) opt.sub = parseWithOptionList(c);
      // Anything else up to ',' or ')' (e.g. DATA_COMPRESSION = PAGE ON PARTITIONS (1 TO 2)).
      let depth = 0;
      while (!atEnd(peek(c)) && !(depth === 0 && (isOp(peek(c), ',') || isOp(peek(c), ')')))) {
        const t = next(c);
        opt.tokens.push(t);
        if (isOp(t, '(')) depth++;
        else if (isOp(t, ')')) depth--;
      }
    }
    opt.last = prev(c);
    out.push(opt);
    if (!acceptOp(c, ',')) break;
  }
  if (!acceptOp(c, ')')) throw syntaxError(c, "expected ')'");
  return out;
}
