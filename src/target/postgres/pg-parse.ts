import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The parts of libpg_query's emscripten module the syntax check calls (the same ones its parse() uses). */
interface PgQueryWasm {
  _malloc(n: number): number;
  _free(p: number): void;
  _wasm_parse_query_raw(p: number): number;
  _wasm_free_parse_result(p: number): void;
  getValue(p: number, t: 'i32'): number;
  HEAPU8: Uint8Array;
  UTF8ToString(p: number, maxBytes?: number): string;
  _wasm_normalize_query(p: number): number;
  _wasm_free_string(p: number): void;
}

export interface PgSyntaxError { message: string; cursorPosition?: number }

export type PgParser = PgQueryWasm;

/** The part of the WebAssembly global used here (the project's lib settings carry no WebAssembly types). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => object;
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

interface EmscriptenOptions {
  instantiateWasm(imports: object, receive: (instance: object) => void): object;
}

let loading: Promise<PgQueryWasm> | undefined;

/**
 * Loads libpg_query's wasm module once; the package's parse() would also decode and JSON.parse the tree we never read.
 * The module is compiled here, at once: left to the emscripten loader, compiling would start only at the caller's
 * first await (its loader awaits before it compiles), so a synchronous convert waited for it after printing.
 */
export function loadPgParser(): Promise<PgQueryWasm> {
  if (loading) return loading;
  const require = createRequire(import.meta.url);
  const factory = require('libpg-query/wasm/libpg-query.js') as (o: EmscriptenOptions) => Promise<PgQueryWasm>;
  const module = new wasm.Module(readFileSync(require.resolve('libpg-query/wasm/libpg-query.wasm')));
  loading = factory({
    instantiateWasm: (imports, receive) => {
      receive(new wasm.Instance(module, imports));
      return {};
    },
  });
  return loading;
}

/** PostgreSQL's parser on `sql`: undefined when it parses, else the error libpg-query's parse() would throw. */
export function pgSyntaxError(m: PgQueryWasm, sql: string): PgSyntaxError | undefined {
  if (sql === '') return { message: 'Query cannot be empty' };
  return withQuery(m, sql, (queryPtr) => {
    const resultPtr = m._wasm_parse_query_raw(queryPtr);
    if (!resultPtr) return { message: 'Failed to parse query: memory allocation failed' };
    try {
      const errorPtr = m.getValue(resultPtr + 8, 'i32');
      if (errorPtr) {
        const messagePtr = m.getValue(errorPtr, 'i32');
        const cursor = m.getValue(errorPtr + 16, 'i32');
        return { message: messagePtr ? m.UTF8ToString(messagePtr) : 'Unknown error', cursorPosition: cursor > 0 ? cursor - 1 : 0 };
      }
      return m.getValue(resultPtr, 'i32') ? undefined : { message: 'No parse tree generated' };
    } finally {
      m._wasm_free_parse_result(resultPtr);
    }
  });
}

const utf8 = new TextEncoder();

/** `call` on `text` as a NUL-terminated UTF-8 string in the module's memory, freed after. */
function withQuery<T>(m: PgQueryWasm, text: string, call: (queryPtr: number) => T): T {
  // At most 3 bytes per UTF-16 unit; TextEncoder writes it natively (emscripten's stringToUTF8 loops in JS).
  const room = text.length * 3 + 1;
  const queryPtr = m._malloc(room);
  try {
    const heap = m.HEAPU8; // read after malloc: growing the memory replaces the view
    const { written } = utf8.encodeInto(text, heap.subarray(queryPtr, queryPtr + room - 1));
    heap[queryPtr + written] = 0;
    return call(queryPtr);
  } finally {
    m._free(queryPtr);
  }
}

/** The error as the check reports it (message and 1-based character), or undefined when `sql` parses. */
export function pgSyntaxErrorText(m: PgQueryWasm, sql: string): string | undefined {
  const e = pgSyntaxError(m, sql);
  if (!e) return undefined;
  return e.cursorPosition === undefined ? e.message : `${e.message} (at character ${e.cursorPosition + 1})`;
}

/**
 * The check over many statements: [index, error] for each one PostgreSQL rejects. Plain statements are parsed in
 * batches (a wasm call costs about as much as parsing a short statement, so one call per batch halves the check);
 * a batch that fails is parsed one by one for the exact errors.
 */
export function pgSyntaxErrors(m: PgQueryWasm, sql: readonly string[]): [number, string][] {
  const errors: [number, string][] = [];
  const one = (i: number): void => {
    const e = pgSyntaxErrorText(m, sql[i]!);
    if (e !== undefined) errors.push([i, e]);
  };
  for (let i = 0; i < sql.length;) {
    if (!endsAtTopLevel(sql[i]!)) { one(i++); continue; }
    let j = i + 1, chars = sql[i]!.length;
    while (j < sql.length && j - i < BATCH_STATEMENTS && chars < BATCH_CHARS && endsAtTopLevel(sql[j]!)) chars += sql[j++]!.length;
    if (j - i === 1 || !parses(m, sql.slice(i, j).join('\n'))) for (let k = i; k < j; k++) one(k);
    i = j;
  }
  return errors;
}

const BATCH_STATEMENTS = 32;
const BATCH_CHARS = 16384;

/** PostgreSQL's parser accepts `text` (the cheapest call that runs the whole grammar: no parse tree is serialized). */
function parses(m: PgQueryWasm, text: string): boolean {
  return withQuery(m, text, (queryPtr) => {
    const resultPtr = m._wasm_normalize_query(queryPtr);
    if (!resultPtr) return false;
    try {
      // The result is the normalized text, or an error message (libpg-query's own normalize() tells them apart so).
      const head = m.UTF8ToString(resultPtr, 16);
      return !(head.startsWith('syntax error') || head.startsWith('deparse error') || head.startsWith('ERROR'));
    } finally {
      m._wasm_free_string(resultPtr);
    }
  });
}

const SPECIAL = /['"$]|--|\/\*/g;
const DOLLAR_TAG = /\$(?:[A-Za-z_\x80-\uffff][\w\x80-\uffff]*)?\$/y;

/**
 * True when `sql` ends with ';' outside any string, quoted name or comment, and has none of the forms whose end
 * is harder to see (E'' strings, block comments, which nest): such statements parse alike alone and joined,
 * so a batch of them cannot hide an error by one statement's quote closing in the next. The rest go alone.
 */
function endsAtTopLevel(sql: string): boolean {
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(sql); m; m = SPECIAL.exec(sql)) {
    const at = m.index;
    const c = sql[at]!;
    if (c === '/') return false;
    if (c === '$') {
      // $tag$...$tag$ (not a $1 parameter, not a $ inside a name).
      if (at > 0 && /[\w$]/.test(sql[at - 1]!)) continue;
      DOLLAR_TAG.lastIndex = at;
      const tag = DOLLAR_TAG.exec(sql)?.[0];
      if (!tag) continue;
      const end = sql.indexOf(tag, at + tag.length);
      if (end < 0) return false;
      SPECIAL.lastIndex = end + tag.length;
      continue;
    }
    if (c === '-') {
      const nl = sql.indexOf('\n', at);
      if (nl < 0) return false;
      SPECIAL.lastIndex = nl + 1;
      continue;
    }
    if (c === "'" && at > 0 && (sql[at - 1] === 'E' || sql[at - 1] === 'e')) return false;
    // A quote runs to its closing twin; a doubled one inside it is part of it.
    let end = sql.indexOf(c, at + 1);
    while (end >= 0 && sql[end + 1] === c) end = sql.indexOf(c, end + 2);
    if (end < 0) return false;
    SPECIAL.lastIndex = end + 1;
  }
  let k = sql.length - 1;
  while (k >= 0 && (sql.charCodeAt(k) <= 32)) k--;
  return sql[k] === ';';
}
