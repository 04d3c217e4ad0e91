import type { Expr } from '../model/expr.js';
import { dataType } from '../model/types.js';
import type { ExprEnv, ExprProblem } from './expr.js';
import {
  argClass, bin, caseWhen, cast, changed, fn, isNull, literalString, noEquivalent, nul, num, paren, str, type Handler,
} from './functions-ast.js';

/**
 * MySQL / SQL Server JSON paths ($.a.b[0], $."key with space") → the key list jsonb_extract_path and jsonb_set take;
 * paths with wildcards, ranges or `last` give undefined (they go through jsonpath instead).
 */
export function jsonPathKeys(path: string): string[] | undefined {
  let p = path.trim();
  const mode = /^(lax|strict)\s+/i.exec(p);
  if (mode) p = p.slice(mode[0].length);
  if (!p.startsWith('$')) return undefined;
  const keys: string[] = [];
  let i = 1;
  while (i < p.length) {
    if (p[i] === '.') {
      if (p[i + 1] === '"') {
        let key = '';
        let j = i + 2;
        for (; j < p.length && p[j] !== '"'; j++) key += p[j] === '\\' ? p[++j] : p[j];
        if (j >= p.length) return undefined;
        keys.push(key);
        i = j + 1;
      } else {
        const m = /^[A-Za-z_$][\w$]*/.exec(p.slice(i + 1));
        if (!m) return undefined;
        keys.push(m[0]);
        i += 1 + m[0].length;
      }
    } else if (p[i] === '[') {
      const m = /^\[\s*(\d+)\s*\]/.exec(p.slice(i));
      if (!m) return undefined;
      keys.push(m[1]!);
      i += m[0].length;
    } else return undefined;
  }
  return keys;
}

/** A MySQL path as a PostgreSQL jsonpath in strict mode (MySQL never auto-wraps), `$**` → `$.**`. */
export function toJsonPath(path: string): string {
  const p = path.trim().replace(/^(lax|strict)\s+/i, '');
  return `strict ${p.replace(/(^|[^.])\*\*/g, '$1.**')}`;
}

const TEXT_ARRAY = dataType('text', [], { array: true, raw: 'text[]' });

/** Keys as a text[] literal: '{a,"b c",0}'. */
export const keysArray = (keys: string[]): Expr => cast(str(`{${keys.map((k) => (/^[\w$]+$/.test(k) ? k : `"${k.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`), TEXT_ARRAY);

/** A JSON document argument as jsonb: JSON columns already are; strings are cast. */
export const jsonDoc = (e: Expr, env: ExprEnv): Expr => (argClass(e, env) === 'json' ? e : cast(e, 'jsonb'));

/** An SQL value stored into a document: JSON stays JSON, NULL is JSON null, strings become JSON strings. */
export function jsonValue(v: Expr, env: ExprEnv): Expr {
  if (v.kind === 'null') return cast(str('null'), 'jsonb');
  const k = argClass(v, env);
  if (k === 'json') return v;
  return fn('to_jsonb', v.kind === 'string' || k === undefined ? cast(v, 'text') : v);
}

const extractAt = (doc: Expr, keys: string[], asText: boolean): Expr =>
  (keys.length ? fn(asText ? 'jsonb_extract_path_text' : 'jsonb_extract_path', doc, ...keys.map(str)) : asText ? bin('#>>', doc, cast(str('{}'), TEXT_ARRAY)) : doc);

/** Path arguments must be literals to be rewritten. */
function literalPaths(paths: Expr[], out: ExprProblem[], call: Parameters<Handler>[3], args: Expr[]): string[] | Expr {
  const ps = paths.map(literalString);
  if (ps.some((p) => p === undefined)) return noEquivalent(out, call, args, 'the JSON path is not a literal', 'jsonb_path_query(doc, path::jsonpath)');
  return ps as string[];
}

const jsonExtract: Handler = ([doc, ...paths], env, out, call) => {
  if (!doc || !paths.length) return undefined;
  const ps = literalPaths(paths, out, call, [doc, ...paths]);
  if (!Array.isArray(ps)) return ps;
  const d = jsonDoc(doc, env);
  if (ps.length === 1) {
    const keys = jsonPathKeys(ps[0]!);
    if (keys) return extractAt(d, keys, false);
  }
  changed(out, call, 'wildcard or multiple paths: no match gives [] instead of NULL');
  return ps.length === 1 ? fn('jsonb_path_query_array', d, str(toJsonPath(ps[0]!)))
    : fn('jsonb_path_query_array', d, str(`strict ${ps.map((p) => `(${toJsonPath(p).slice(7)})`).join(', ')}`));
};

/** JSON_UNQUOTE(x): the text of a JSON string; JSON_UNQUOTE(JSON_EXTRACT(...)) becomes jsonb_extract_path_text. */
const jsonUnquote: Handler = ([x], env) => {
  if (!x) return undefined;
  if (x.kind === 'call' && x.name[0] === 'jsonb_extract_path') return { ...x, name: ['jsonb_extract_path_text'] };
  if (argClass(x, env) === 'json') return paren(bin('#>>', x, cast(str('{}'), TEXT_ARRAY)));
  // MySQL returns a string that is not a quoted JSON string unchanged.
  return caseWhen([[{ kind: 'like', op: 'like', expr: x, pattern: str('"%"') }, paren(bin('#>>', cast(x, 'jsonb'), cast(str('{}'), TEXT_ARRAY)))]], x);
};

/** `doc -> '$.path'` / `doc ->> '$.path'` (MySQL operators): for the expression translator to call. */
export function translateJsonArrow(op: '->' | '->>', doc: Expr, path: Expr, env: ExprEnv, out: ExprProblem[]): Expr {
  const call = { kind: 'call' as const, name: [op === '->' ? 'JSON_EXTRACT' : 'JSON_UNQUOTE'], args: [] };
  const e = jsonExtract([doc, path], env, out, call) ?? call;
  return op === '->' ? e : jsonUnquote([e], env, out, call) ?? e;
}

const jsonContains: Handler = ([t, c, p], env, out, call) => {
  if (!t || !c) return undefined;
  let target = jsonDoc(t, env);
  if (p) {
    const keys = jsonPathKeys(literalString(p) ?? '');
    if (!keys) return noEquivalent(out, call, [t, c, p], 'the path is not a literal simple path');
    target = extractAt(target, keys, false);
  }
  return bin('@>', target, jsonDoc(c, env));
};

const jsonContainsPath: Handler = ([doc, oneAll, ...paths], env, out, call) => {
  const mode = literalString(oneAll)?.toLowerCase();
  if (!doc || !paths.length || (mode !== 'one' && mode !== 'all')) return undefined;
  const ps = literalPaths(paths, out, call, [doc, oneAll!, ...paths]);
  if (!Array.isArray(ps)) return ps;
  const d = jsonDoc(doc, env);
  return paren(ps.map((p) => fn('coalesce', fn('jsonb_path_exists', d, str(toJsonPath(p)), cast(str('{}'), 'jsonb'), { kind: 'bool', value: true }), { kind: 'bool', value: false })).reduce((l, r) => bin(mode === 'one' ? 'or' : 'and', l, r)));
};

/** The value a path points to (the whole document without a path). */
function atPath(doc: Expr, p: Expr | undefined, env: ExprEnv): Expr | undefined {
  const d = jsonDoc(doc, env);
  if (!p) return d;
  const keys = jsonPathKeys(literalString(p) ?? '');
  return keys ? extractAt(d, keys, false) : undefined;
}

/** JSON_LENGTH: members of an object, elements of an array, 1 for a scalar. */
const jsonLength: Handler = ([doc, p], env, out, call) => {
  if (!doc) return undefined;
  const v = atPath(doc, p, env);
  if (!v) return noEquivalent(out, call, [doc, p!], 'the path is not a literal simple path');
  return caseWhen([
    [str('object'), fn('jsonb_array_length', fn('jsonb_path_query_array', v, str('strict $.*')))],
    [str('array'), fn('jsonb_array_length', v)],
  ], num(1), fn('jsonb_typeof', v));
};

/** JSON_KEYS: keys of an object in jsonb order (length, then bytes — MySQL's order too), NULL for non-objects. */
const jsonKeys: Handler = ([doc, p], env, out, call) => {
  if (!doc) return undefined;
  const v = atPath(doc, p, env);
  if (!v) return noEquivalent(out, call, [doc, p!], 'the path is not a literal simple path');
  return caseWhen([[bin('=', fn('jsonb_typeof', v), str('object')), fn('jsonb_path_query_array', v, str('$.keyvalue().key'))]]);
};

type SetMode = 'set' | 'insert' | 'replace';

/** JSON_SET / JSON_INSERT / JSON_REPLACE(doc, path, value, ...) → nested jsonb_set; simple literal paths only. */
const jsonSetLike = (mode: SetMode): Handler => ([doc, ...pairs], env, out, call) => {
  if (!doc || pairs.length < 2 || pairs.length % 2) return undefined;
  let acc = jsonDoc(doc, env);
  for (let i = 0; i < pairs.length; i += 2) {
    const keys = jsonPathKeys(literalString(pairs[i]) ?? '');
    if (!keys?.length) return noEquivalent(out, call, [doc, ...pairs], 'the path is not a literal simple path', 'jsonb_set(doc, path text[], value)');
    const path = keysArray(keys);
    const value = jsonValue(pairs[i + 1]!, env);
    if (mode === 'replace') acc = fn('jsonb_set', acc, path, value, { kind: 'bool', value: false });
    else if (mode === 'set') acc = fn('jsonb_set', acc, path, value);
    else acc = caseWhen([[isNull(bin('#>', acc, path)), fn('jsonb_set', acc, path, value)]], acc);
  }
  return acc;
};

const jsonRemove: Handler = ([doc, ...paths], env, out, call) => {
  if (!doc || !paths.length) return undefined;
  let acc = jsonDoc(doc, env);
  for (const p of paths) {
    const keys = jsonPathKeys(literalString(p) ?? '');
    if (!keys?.length) return noEquivalent(out, call, [doc, ...paths], 'the path is not a literal simple path', 'doc #- path text[]');
    acc = paren(bin('#-', acc, keysArray(keys)));
  }
  return acc;
};

/** JSON_VALID / ISJSON need a non-raising validity test: pg_input_is_valid, PostgreSQL 16. */
const jsonValid: Handler = ([x], env, out, call) => {
  if (!x) return undefined;
  if (env.ctx.options.targetVersion < 16) return noEquivalent(out, call, [x], 'PostgreSQL before 16 has no non-raising JSON check', "pg_input_is_valid(x, 'json') on PostgreSQL 16, or a PL/pgSQL function that catches the cast error");
  return fn('pg_input_is_valid', cast(x, 'text'), str('json'));
};

/** ISJSON(x): 1 for a JSON object or array (the SQL Server default), 0 otherwise, NULL for NULL. */
const isjson: Handler = ([x, kind], env, out, call) => {
  if (!x || kind) return undefined;
  const valid = jsonValid([x], env, out, call);
  if (!valid || valid.kind !== 'call' || valid.name[0] !== 'pg_input_is_valid') return valid;
  const first = fn('left', fn('ltrim', cast(x, 'text')), num(1));
  return caseWhen([[isNull(x), nul], [bin('and', valid, { kind: 'in', expr: first, list: [str('{'), str('[')] }), num(1)]], num(0));
};

/** JSON_TYPE: MySQL's upper-case names; numbers split into INTEGER and DOUBLE. */
const jsonType: Handler = ([x], env) => {
  if (!x) return undefined;
  const d = jsonDoc(x, env);
  return caseWhen([[str('number'), caseWhen([[bin('~', cast(d, 'text'), str('^-?[0-9]+$')), str('INTEGER')]], str('DOUBLE'))]], fn('upper', fn('jsonb_typeof', d)), fn('jsonb_typeof', d));
};

const jsonQuote: Handler = ([x]) => (x ? cast(fn('to_jsonb', cast(x, 'text')), 'text') : undefined);

/** JSON_VALUE(doc, path): the scalar's text. SQL Server gives NULL for objects and arrays in lax mode. */
const jsonValueTsql: Handler = ([doc, p], env, out, call) => {
  if (!doc || !p) return undefined;
  const path = literalString(p);
  const keys = path === undefined ? undefined : jsonPathKeys(path);
  if (!keys) return noEquivalent(out, call, [doc, p], 'the path is not a literal simple path', "jsonb_path_query_first(doc::jsonb, path::jsonpath) #>> '{}'");
  if (/^\s*strict/i.test(path!)) changed(out, call, 'strict mode raises on a missing path in SQL Server; PostgreSQL gives NULL');
  const v = extractAt(jsonDoc(doc, env), keys, false);
  return caseWhen([[{ kind: 'in', expr: fn('jsonb_typeof', v), list: [str('object'), str('array')] }, nul]], extractAt(jsonDoc(doc, env), keys, true));
};

/** JSON_QUERY(doc [, path]): the object or array as text; NULL for scalars as in SQL Server's lax mode. */
const jsonQueryTsql: Handler = ([doc, p], env, out, call) => {
  if (!doc) return undefined;
  const keys = p ? jsonPathKeys(literalString(p) ?? '') : [];
  if (!keys) return noEquivalent(out, call, [doc, p!], 'the path is not a literal simple path');
  const v = extractAt(jsonDoc(doc, env), keys, false);
  return caseWhen([[{ kind: 'in', expr: fn('jsonb_typeof', v), list: [str('object'), str('array')] }, cast(v, 'text')]]);
};

/** JSON_MODIFY(doc, path, value): jsonb_set for a simple path; NULL deletes the key (lax mode). */
const jsonModify: Handler = ([doc, p, v], env, out, call) => {
  if (!doc || !p || !v) return undefined;
  const path = literalString(p);
  const keys = path === undefined ? undefined : jsonPathKeys(path);
  if (!keys?.length || /^\s*(append|strict)/i.test(path!)) return noEquivalent(out, call, [doc, p, v], 'only literal lax paths without append are translated', 'jsonb_set / jsonb_insert');
  const d = jsonDoc(doc, env);
  if (v.kind === 'null') return cast(paren(bin('#-', d, keysArray(keys))), 'text');
  changed(out, call, 'a NULL value from an expression stores JSON null instead of deleting the key');
  return cast(fn('jsonb_set', d, keysArray(keys), jsonValue(v, env)), 'text');
};

const jsonPathExists: Handler = ([doc, p], env) => {
  const path = literalString(p);
  if (!doc || path === undefined) return undefined;
  return caseWhen([[isNull(doc), nul], [fn('jsonb_path_exists', jsonDoc(doc, env), str(path.replace(/^\s*(lax|strict)\s+/i, 'lax '))), num(1)]], num(0));
};

/** T-SQL JSON_ARRAY(a, b, ...): NULLs are left out by default (ABSENT ON NULL); the result is text. */
const tsqlJsonArray: Handler = (args) => cast(fn('jsonb_path_query_array', fn('jsonb_build_array', ...args), str('$[*] ? (@ != null)')), 'text');

export const JSON_HANDLERS: Record<string, Handler> = {
  json_extract: jsonExtract, json_unquote: jsonUnquote, json_contains: jsonContains, json_contains_path: jsonContainsPath,
  json_length: jsonLength, json_keys: jsonKeys, json_set: jsonSetLike('set'), json_insert: jsonSetLike('insert'),
  json_replace: jsonSetLike('replace'), json_remove: jsonRemove, json_valid: jsonValid, isjson, json_type: jsonType, json_quote: jsonQuote,
  json_value: jsonValueTsql, json_query: jsonQueryTsql, json_modify: jsonModify, json_path_exists: jsonPathExists, tsql_json_array: tsqlJsonArray,
};
