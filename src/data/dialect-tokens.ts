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
}

const END: LiteralToken = { k: 'end', v: '' };
const OPEN: LiteralToken = { k: 'op', v: '(' };
const CLOSE: LiteralToken = { k: 'op', v: ')' };
const COMMA: LiteralToken = { k: 'op', v: ',' };

/**
 * The INSERT statements of text[start, end), one at a time (only one statement's tokens are held): the header up to
 * VALUES is skipped, the rows' tokens run to the statement's end (`;`, the delimiter, the next INSERT, or the end);
 * anything after the rows (ON DUPLICATE KEY ...) is left to the row reader, which stops after the last row.
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
    while (!t.eof && !(depth === 0 && (isWordTok('VALUES') || isWordTok('VALUE') || isWordTok('SELECT')))) {
      depth += t.lit.k === 'op' ? (t.lit.v === '(' ? 1 : t.lit.v === ')' ? -1 : 0) : 0;
      t = walk.next();
    }
    if (t.eof) return;
    // SELECT v, ... UNION ALL SELECT v, ... (the parser took it for rows of values): each SELECT reads as a row.
    const selects = isWordTok('SELECT');
    t = walk.next();
    const toks: LiteralToken[] = selects ? [OPEN] : [];
    let to = t.start;
    depth = 0;
    while (!t.eof && !(depth === 0 && (t.stop || isWordTok('INSERT')))) {
      depth += t.lit.k === 'op' ? (t.lit.v === '(' ? 1 : t.lit.v === ')' ? -1 : 0) : 0;
      to = t.end;
      if (selects && depth === 0 && isWordTok('UNION')) {
        toks.push(CLOSE, COMMA, OPEN);
        walk.next(); // ALL
        t = walk.next(); // SELECT
        to = t.end;
      } else if (selects && depth === 0 && isWordTok('AS')) {
        t = walk.next(); // the column alias
        to = t.end;
      } else {
        toks.push(t.lit);
      }
      t = walk.next();
    }
    if (selects) toks.push(CLOSE);
    toks.push(END);
    yield { start: start + from, end: start + to, toks };
  }
}

function tsqlWalk(text: string, start: number, end: number): Walk {
  const lx = createTsqlLexer(text.slice(start, end), '<data>');
  const cur: WalkToken = { lit: END, start: 0, end: 0, stop: false, eof: false };
  return {
    next() {
      const t = nextToken(lx);
      cur.eof = t.kind === 'eof' || t.kind === 'go';
      cur.stop = cur.eof || (t.kind === 'op' && t.value === ';');
      cur.lit = tsqlLiteral(t);
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

/** N'…' decoded, 0x… binary, $money as a number. */
function tsqlLiteral(t: TsqlToken): LiteralToken {
  switch (t.kind) {
    case 'string': return { k: 'str', v: t.value };
    case 'number': case 'money': return { k: 'num', v: t.value };
    case 'binary': return { k: 'bin', v: t.value };
    case 'word': return t.upper === 'NULL' ? { k: 'null', v: '' } : { k: 'word', v: t.upper };
    case 'op': return { k: 'op', v: t.value };
    case 'eof': case 'go': return END;
    default: return { k: 'other', v: t.value };
  }
}

/** Escapes decoded, X'…'/0x… binary, b'…' bits, TRUE/FALSE as 1/0. */
function mysqlLiteral(t: MysqlToken, text: string): LiteralToken {
  switch (t.kind) {
    case 'qid': return text[t.start] === '"' ? { k: 'str', v: t.value } : { k: 'other', v: t.value };
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
    default: return { k: 'other', v: t.value };
  }
}
