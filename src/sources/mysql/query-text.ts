import { diag, type Diagnostic } from '../../model/diagnostics.js';
import type { Query } from '../../model/query.js';
import { isParseFailure, type Cursor } from './cursor.js';
import { createLexer, offsetSpan, type Token } from './lexer.js';
import { parseQueryRange } from './query-parser.js';

/** Parse one standalone MySQL query (tools and tests); never throws: failure is PGS3002 at the exact token. */
export function parseMysqlQuery(text: string, file = '<query>'): { query?: Query; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lx = createLexer(file, text, diagnostics);
  const toks: Token[] = [];
  let t = lx.next();
  for (; t.kind !== 'eof' && t.kind !== 'delim'; t = lx.next()) toks.push(t);
  const c: Cursor = { text, lines: lx.lines, toks, i: 0, limit: toks.length, depth: 0, end: t, diagnostics };
  try {
    return { query: parseQueryRange(c, 0, toks.length), diagnostics };
  } catch (e) {
    if (!isParseFailure(e)) throw e;
    const code = e.failure === 'depth' ? 'PGS1005' : 'PGS3002';
    diagnostics.push(diag(code, `query not parsed: ${e.message}`, { span: offsetSpan(lx.lines, e.at, e.at + 1) }));
    return { diagnostics };
  }
}
