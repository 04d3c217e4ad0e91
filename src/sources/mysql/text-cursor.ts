import type { Catalog, Partitioning } from '../../model/catalog.js';
import { diag, type Diagnostic } from '../../model/diagnostics.js';
import { fail, isParseFailure, type Cursor } from './cursor.js';
import { parseDataType, type ParsedType } from './data-type.js';
import { createLexer, type Token } from './lexer.js';
import { parsePartitioning } from './table-parts.js';

/** A cursor over one catalog text (COLUMN_TYPE, a partition clause), so the script parser's functions read it. */
export function cursorOf(text: string, file: string, diagnostics: Diagnostic[]): Cursor {
  const lx = createLexer(file, text, diagnostics);
  const toks: Token[] = [];
  let t = lx.next();
  for (; t.kind !== 'eof' && t.kind !== 'delim'; t = lx.next()) toks.push(t);
  return { text, lines: lx.lines, toks, i: 0, limit: toks.length, depth: 0, end: t, diagnostics };
}

/** COLUMN_TYPE ('int(10) unsigned', "enum('a','b')", 'datetime(3)') → the DataType a script would give. */
export function parseColumnType(columnType: string, file: string, diagnostics: Diagnostic[]): ParsedType {
  const c = cursorOf(columnType, file, diagnostics);
  try {
    const parsed = parseDataType(c);
    if (c.i < c.limit) fail(c, 'unexpected text after the type');
    parsed.type.raw = columnType;
    return parsed;
  } catch (e) {
    const message = isParseFailure(e) ? e.message : String(e);
    diagnostics.push(diag('PGS1001', `column type ${columnType}: ${message}`, { span: syntheticSpan(file) }));
    return { type: { name: columnType.toLowerCase(), args: [], raw: columnType } };
  }
}

/** A PARTITION BY clause rebuilt from information_schema.PARTITIONS, read by the script parser. */
export function parsePartitionText(text: string, file: string, catalog: Catalog, object: string): Partitioning | undefined {
  const c = cursorOf(text, file, catalog.diagnostics);
  try {
    return parsePartitioning(c, { catalog, current: '', data: new Map(), skipped: new Map() }, object);
  } catch (e) {
    const message = isParseFailure(e) ? e.message : String(e);
    catalog.diagnostics.push(diag('PGS1001', `partitioning: ${message}`, { span: syntheticSpan(file), object }));
    return undefined;
  }
}

/** Live objects have no text position: the span names the object (mysql://host:port/db.table) at line 0. */
export function syntheticSpan(file: string) {
  return { file, line: 0, col: 0, endLine: 0, endCol: 0 };
}
