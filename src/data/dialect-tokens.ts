import { lexAll } from '../sources/tsql/lexer.js';
import { tokenize } from '../sources/mysql/lexer.js';
import type { LiteralToken } from './literal-token.js';

/** T-SQL tokens of text[start, end) as literal tokens (N'…' decoded, 0x… binary, $money as a number). */
export function tsqlLiteralTokens(text: string, start: number, end: number): LiteralToken[] {
  return lexAll(text.slice(start, end)).tokens.map((t): LiteralToken => {
    switch (t.kind) {
      case 'string': return { k: 'str', v: t.value };
      case 'number': case 'money': return { k: 'num', v: t.value };
      case 'binary': return { k: 'bin', v: t.value };
      case 'word': return t.upper === 'NULL' ? { k: 'null', v: '' } : { k: 'word', v: t.upper };
      case 'op': return { k: 'op', v: t.value };
      case 'eof': case 'go': return { k: 'end', v: '' };
      default: return { k: 'other', v: t.value };
    }
  });
}

/** MySQL tokens of text[start, end) as literal tokens (escapes decoded, X'…'/0x… binary, b'…' bits, TRUE/FALSE as 1/0). */
export function mysqlLiteralTokens(text: string, start: number, end: number): LiteralToken[] {
  const slice = text.slice(start, end);
  return tokenize(slice).tokens.map((t): LiteralToken => {
    switch (t.kind) {
      case 'qid': return slice[t.start] === '"' ? { k: 'str', v: t.value } : { k: 'other', v: t.value };
      case 'str': return t.charset?.toLowerCase() === 'binary' ? { k: 'bin', v: Buffer.from(t.value, 'latin1').toString('hex') } : { k: 'str', v: t.value };
      case 'num': return { k: 'num', v: t.value };
      case 'hex': return { k: 'bin', v: t.value };
      case 'bits': return { k: 'bits', v: t.value };
      case 'word':
        if (t.value === 'NULL') return { k: 'null', v: '' };
        if (t.value === 'TRUE' || t.value === 'FALSE') return { k: 'num', v: t.value === 'TRUE' ? '1' : '0' };
        return { k: 'word', v: t.value };
      case 'op': return { k: 'op', v: t.value };
      case 'eof': case 'delim': return { k: 'end', v: '' };
      default: return { k: 'other', v: t.value };
    }
  });
}
