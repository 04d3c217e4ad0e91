import { createRequire } from 'node:module';

/** The parts of libpg_query's emscripten module the syntax check calls (the same ones its parse() uses). */
interface PgQueryWasm {
  _malloc(n: number): number;
  _free(p: number): void;
  _wasm_parse_query_raw(p: number): number;
  _wasm_free_parse_result(p: number): void;
  lengthBytesUTF8(s: string): number;
  stringToUTF8(s: string, p: number, n: number): void;
  getValue(p: number, t: 'i32'): number;
  UTF8ToString(p: number): string;
}

export interface PgSyntaxError { message: string; cursorPosition?: number }

export type PgParser = PgQueryWasm;

let loading: Promise<PgQueryWasm> | undefined;

/** Loads libpg_query's wasm module once; the package's parse() would also decode and JSON.parse the tree we never read. */
export function loadPgParser(): Promise<PgQueryWasm> {
  const factory = createRequire(import.meta.url)('libpg-query/wasm/libpg-query.js') as () => Promise<PgQueryWasm>;
  loading ??= factory();
  return loading;
}

/** PostgreSQL's parser on `sql`: undefined when it parses, else the error libpg-query's parse() would throw. */
export function pgSyntaxError(m: PgQueryWasm, sql: string): PgSyntaxError | undefined {
  if (sql === '') return { message: 'Query cannot be empty' };
  const len = m.lengthBytesUTF8(sql) + 1;
  const queryPtr = m._malloc(len);
  let resultPtr = 0;
  try {
    m.stringToUTF8(sql, queryPtr, len);
    resultPtr = m._wasm_parse_query_raw(queryPtr);
    if (!resultPtr) return { message: 'Failed to parse query: memory allocation failed' };
    const errorPtr = m.getValue(resultPtr + 8, 'i32');
    if (errorPtr) {
      const messagePtr = m.getValue(errorPtr, 'i32');
      const cursor = m.getValue(errorPtr + 16, 'i32');
      return { message: messagePtr ? m.UTF8ToString(messagePtr) : 'Unknown error', cursorPosition: cursor > 0 ? cursor - 1 : 0 };
    }
    return m.getValue(resultPtr, 'i32') ? undefined : { message: 'No parse tree generated' };
  } finally {
    m._free(queryPtr);
    if (resultPtr) m._wasm_free_parse_result(resultPtr);
  }
}

/** The error as the check reports it (message and 1-based character), or undefined when `sql` parses. */
export function pgSyntaxErrorText(m: PgQueryWasm, sql: string): string | undefined {
  const e = pgSyntaxError(m, sql);
  if (!e) return undefined;
  return e.cursorPosition === undefined ? e.message : `${e.message} (at character ${e.cursorPosition + 1})`;
}
