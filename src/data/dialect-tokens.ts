import { createLexer as createTsqlLexer, nextToken, type Token as TsqlToken } from '../sources/tsql/lexer.js';
import { createLexer as createMysqlLexer, type Token as MysqlToken } from '../sources/mysql/lexer.js';
import type { LiteralToken } from './literal-token.js';
import { scriptBytes } from './stray-bytes.js';

/** One INSERT statement of a data chunk: where it lies in the text, and its VALUES rows as literal tokens (ending in 'end'). */
export interface InsertStatement {
  start: number;
  end: number;
  toks: LiteralToken[];
}

/** The walk's current token: literal form, offsets in the chunk, whether it ends the statement (`;`, delimiter, GO, end). */
interface WalkToken {
  lit: LiteralToken;
  start: number;
  end: number;
  stop: boolean;
  eof: boolean;
}

/** A dialect's tokens reduced to what the statement walk and the row reader need; `next` refills one object (no garbage per token). */
interface Walk {
  next(): WalkToken;
  /** The token the last next() gave. */
  current(): WalkToken;
}

const END: LiteralToken = { k: 'end', v: '' };
const OPEN: LiteralToken = { k: 'op', v: '(' };
const CLOSE: LiteralToken = { k: 'op', v: ')' };
const COMMA: LiteralToken = { k: 'op', v: ',' };

/**
 * The INSERT statements of text[start, end), one at a time (only one statement's tokens are held): the header up to
 * VALUES (or a SELECT or SET of values, see rowTokens) is skipped, the rows' tokens run to the statement's end (`;`,
 * the delimiter, the next INSERT, or the end); anything after VALUES rows (ON DUPLICATE KEY ...) is left to the row
 * reader, which stops after the last row.
 */
export function* insertStatements(dialect: 'tsql' | 'mysql', text: string, start: number, end: number): Generator<InsertStatement> {
  const walk = dialect === 'tsql' ? tsqlWalk(text, start, end) : mysqlWalk(text, start, end);
  let t = walk.next();
  while (!t.eof) {
    if (t.stop) {
      t = walk.next();
      continue;
    }
    const from = t.start;
    let depth = 0;
    const isWordTok = (w: string): boolean => t.lit.k === 'word' && t.lit.v === w;
    while (!t.eof && !(depth === 0 && (isWordTok('VALUES') || isWordTok('VALUE') || isWordTok('SELECT') || isWordTok('SET')))) {
      depth += t.lit.k === 'op' ? (t.lit.v === '(' ? 1 : t.lit.v === ')' ? -1 : 0) : 0;
      t = walk.next();
    }
    if (t.eof) return;
    const form: RowsForm = isWordTok('SELECT') ? 'selects' : isWordTok('SET') ? 'set' : 'values';
    const { toks, to } = rowTokens(walk, walk.next(), form);
    t = walk.current();
    yield { start: start + from, end: start + to, toks };
  }
}

/** How an INSERT writes its rows: VALUES (..), (..); SELECT v, .. UNION ALL SELECT v, ..; MySQL SET c = v, ... */
type RowsForm = 'values' | 'selects' | 'set';

/**
 * The tokens of the rows from `t` (the first after VALUES, SELECT or SET) to the statement's end, as VALUES rows for
 * the row reader: each SELECT is a row (column aliases dropped), SET's values are one row (names dropped; ON
 * DUPLICATE KEY UPDATE or a row alias after them does not change it). `to`: where the last token ends.
 */
function rowTokens(walk: Walk, t: WalkToken, form: RowsForm): { toks: LiteralToken[]; to: number } {
  const isWordTok = (w: string): boolean => t.lit.k === 'word' && t.lit.v === w;
  const toks: LiteralToken[] = form === 'values' ? [] : [OPEN];
  let to = t.start;
  let depth = 0;
  let name = form === 'set';
  let after = false;
  while (!t.eof && !(depth === 0 && (t.stop || isWordTok('INSERT')))) {
    depth += t.lit.k === 'op' ? (t.lit.v === '(' ? 1 : t.lit.v === ')' ? -1 : 0) : 0;
    to = t.end;
    const top = depth === 0;
    if (form === 'set' && top && (isWordTok('ON') || isWordTok('AS'))) after = true;
    if (!after) {
      if (name) {
        t = walk.next(); // the column name, then '='
        name = false;
      } else if (form === 'set' && top && t.lit.k === 'op' && t.lit.v === ',') {
        toks.push(COMMA);
        name = true;
      } else if (form === 'selects' && top && isWordTok('UNION')) {
        toks.push(CLOSE, COMMA, OPEN);
        walk.next(); // ALL
        to = walk.next().end; // SELECT
      } else if (form === 'selects' && top && isWordTok('AS')) {
        to = walk.next().end; // the column alias
      } else {
        toks.push(t.lit);
      }
    }
    t = walk.next();
  }
  if (form !== 'values') toks.push(CLOSE);
  toks.push(END);
  return { toks, to };
}

function tsqlWalk(text: string, start: number, end: number): Walk {
  const slice = text.slice(start, end);
  const lx = createTsqlLexer(slice, '<data>');
  const cur: WalkToken = { lit: END, start: 0, end: 0, stop: false, eof: false };
  return {
    current: () => cur,
    next() {
      const t = nextToken(lx);
      cur.eof = t.kind === 'eof' || t.kind === 'go';
      cur.stop = cur.eof || (t.kind === 'op' && t.value === ';');
      cur.lit = tsqlLiteral(t, slice);
      cur.start = t.start;
      cur.end = t.end;
      return cur;
    },
  };
}

function mysqlWalk(text: string, start: number, end: number): Walk {
  const slice = text.slice(start, end);
  const lx = createMysqlLexer('<data>', slice, []);
  const cur: WalkToken = { lit: END, start: 0, end: 0, stop: false, eof: false };
  return {
    current: () => cur,
    next() {
      const t = lx.next();
      cur.eof = t.kind === 'eof';
      cur.stop = cur.eof || t.kind === 'delim';
      cur.lit = mysqlLiteral(t, slice);
      cur.start = t.start;
      cur.end = t.end;
      return cur;
    },
  };
}

/**
 * N'…' decoded, 0x… binary, $money as a number. Any other token (a @variable, @@function, [name]) is kept as written,
 * so a row error names it as the script does (the lexer's value drops the @ and the brackets).
 */
function tsqlLiteral(t: TsqlToken, text: string): LiteralToken {
  switch (t.kind) {
    case 'string': return { k: 'str', v: t.value };
    case 'number': case 'money': return { k: 'num', v: t.value };
    case 'binary': return { k: 'bin', v: t.value };
    case 'word': return t.upper === 'NULL' ? { k: 'null', v: '' } : { k: 'word', v: t.upper };
    case 'op': return { k: 'op', v: t.value };
    case 'eof': case 'go': return END;
    default: return { k: 'other', v: text.slice(t.start, t.end) };
  }
}

/** Escapes decoded, X'…'/0x… binary, b'…' bits, TRUE/FALSE as 1/0; other tokens (@var, @@var, `name`) as written. */
function mysqlLiteral(t: MysqlToken, text: string): LiteralToken {
  switch (t.kind) {
    case 'qid': return text[t.start] === '"' ? { k: 'str', v: t.value } : { k: 'other', v: text.slice(t.start, t.end) };
    case 'str': return t.charset?.toLowerCase() === 'binary' ? { k: 'bin', v: scriptBytes(t.value).toString('hex') } : { k: 'str', v: t.value };
    case 'num': return { k: 'num', v: t.value };
    case 'hex': return { k: 'bin', v: t.value };
    case 'bits': return { k: 'bits', v: t.value };
    case 'word':
      if (t.value === 'NULL') return { k: 'null', v: '' };
      if (t.value === 'TRUE' || t.value === 'FALSE') return { k: 'num', v: t.value === 'TRUE' ? '1' : '0' };
      return { k: 'word', v: t.value };
    case 'op': return { k: 'op', v: t.value };
    case 'eof': case 'delim': return END;
    default: return { k: 'other', v: text.slice(t.start, t.end) };
  }
}
