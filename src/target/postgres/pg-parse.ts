import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { grammarKeywords, ShapeCache } from './statement-shape.js';

/** The parts of libpg_query's emscripten module the syntax check calls (the same ones its parse() uses). */
interface PgQueryWasm {
  _malloc(n: number): number;
  _free(p: number): void;
  _wasm_parse_query_raw(p: number): number;
  _wasm_free_parse_result(p: number): void;
  getValue(p: number, t: 'i32'): number;
  HEAPU8: Uint8Array;
  UTF8ToString(p: number, maxBytes?: number): string;
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
/** Shapes of the statements checked (statement-shape.ts); made from the module's own keyword list when it loads. */
let shapes: ShapeCache | undefined;

/**
 * Loads libpg_query's wasm module once; the package's parse() would also decode and JSON.parse the tree we never read.
 * The module is compiled here, at once: left to the emscripten loader, compiling would start only at the caller's
 * first await (its loader awaits before it compiles), so a synchronous convert waited for it after printing.
 */
export function loadPgParser(): Promise<PgQueryWasm> {
  if (loading) return loading;
  const require = createRequire(import.meta.url);
  const factory = require('libpg-query/wasm/libpg-query.js') as (o: EmscriptenOptions) => Promise<PgQueryWasm>;
  const bytes = readFileSync(require.resolve('libpg-query/wasm/libpg-query.wasm'));
  const keywords = grammarKeywords(bytes);
  if (keywords) shapes = new ShapeCache(keywords);
  const module = baselineOnly(() => new wasm.Module(bytes));
  loading = factory({
    instantiateWasm: (imports, receive) => {
      receive(new wasm.Instance(module, imports));
      return {};
    },
  });
  return loading;
}

/**
 * `compile` with V8's baseline wasm compiler only. Left to tier up, V8 recompiles the parser's hot functions with its
 * optimizing compiler in the background, and the process waits for those compilations before it exits: 150 ms on
 * every run, a fifth of a small script's whole convert. The check runs no faster optimized (most statements are
 * judged by shape, the rest in batches), so nothing is lost. The flag is read when a module is compiled, so it is
 * restored at once and other wasm (PGlite for --verify) tiers up as usual.
 */
function baselineOnly<T>(compile: () => T): T {
  try {
    setFlagsFromString('--liftoff-only');
  } catch {
    return compile();
  }
  try {
    return compile();
  } finally {
    setFlagsFromString('--no-liftoff-only');
  }
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
 * The check over many statements: [index, error] for each one PostgreSQL rejects, in index order, exactly as one
 * call per statement says. A statement whose shape (statement-shape.ts) was accepted before is not parsed again,
 * and of the statements of one new shape only the first is, unless it fails. The statements left are parsed in
 * batches (a wasm call costs about as much as parsing a short statement, so one call per batch halves the check);
 * a batch that fails is parsed one by one for the exact errors.
 */
export function pgSyntaxErrors(m: PgQueryWasm, sql: readonly string[]): [number, string][] {
  const errors: [number, string][] = [];
  const one = (i: number): void => {
    const e = pgSyntaxErrorText(m, sql[i]!);
    if (e !== undefined) errors.push([i, e]);
  };
  // The first statement of each new shape is parsed; the others of its shape wait for its answer.
  shapes?.trim();
  const parse: number[] = [];
  const first = new Map<number, number>();
  const shapeIds = new Int32Array(sql.length).fill(-1);
  let waiting = false;
  for (let i = 0; i < sql.length; i++) {
    const shape = shapes && sql[i]!.length <= MAX_SHAPE_CHARS ? shapes.shapeOf(sql[i]!) : -1;
    if (shape >= 0 && shapes!.isAccepted(shape)) continue;
    shapeIds[i] = shape;
    if (shape >= 0 && first.has(shape)) waiting = true;
    else {
      if (shape >= 0) first.set(shape, i);
      parse.push(i);
    }
  }
  for (let k = 0; k < parse.length;) {
    const i = parse[k]!;
    if (!endsAtTopLevel(sql[i]!)) { one(i); k++; continue; }
    let j = k + 1, chars = sql[i]!.length;
    while (j < parse.length && j - k < BATCH_STATEMENTS && chars < BATCH_CHARS && endsAtTopLevel(sql[parse[j]!]!)) chars += sql[parse[j++]!]!.length;
    if (j - k === 1 || pgSyntaxError(m, parse.slice(k, j).map((x) => sql[x]!).join('\n')) !== undefined) for (let x = k; x < j; x++) one(parse[x]!);
    k = j;
  }
  const rejected = new Set(errors.map(([i]) => i));
  for (const [shape, i] of first) if (!rejected.has(i)) shapes!.accept(shape);
  if (waiting && rejected.size) {
    // A shape whose first statement failed fails for the others too; each is parsed for its own error text.
    for (let i = 0; i < sql.length; i++) {
      const shape = shapeIds[i]!;
      if (shape < 0) continue;
      const at = first.get(shape)!;
      if (at !== i && rejected.has(at)) one(i);
    }
    errors.sort((a, b) => a[0] - b[0]);
  }
  return errors;
}

/** Long statements (views, routines) seldom share a shape: they are parsed themselves, and the cache stays small. */
const MAX_SHAPE_CHARS = 4096;

const BATCH_STATEMENTS = 32;
const BATCH_CHARS = 16384;

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
