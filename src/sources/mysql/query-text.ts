import { diag, type Diagnostic } from '../../model/diagnostics.js';
import type { Query } from '../../model/query.js';
import { isParseFailure } from './cursor.js';
import { standaloneCursor } from './expr-parser.js';
import { offsetSpan } from './lexer.js';
import { parseQueryRange } from './query-parser.js';

/** Parse one standalone MySQL query (tools and tests); never throws: failure is PGS3002 at the exact token. */
export function parseMysqlQuery(text: string, file = '<query>'): { query?: Query; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const c = standaloneCursor(text, file, diagnostics);
  try {
    return { query: parseQueryRange(c, 0, c.toks.length), diagnostics };
  } catch (e) {
    if (!isParseFailure(e)) throw e;
    const code = e.failure === 'depth' ? 'PGS1005' : 'PGS3002';
    diagnostics.push(diag(code, `query not parsed: ${e.message}`, { span: offsetSpan(c.lines, e.at, e.at + 1) }));
    return { diagnostics };
  }
}
