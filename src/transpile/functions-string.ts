import type { Expr } from '../model/expr.js';
import { dataType, type DataType } from '../model/types.js';
import { pgTypeOf } from './expr.js';
import {
  argClass, asText, bin, caseWhen, cast, changed, concat, fn, isNull, literalInt, literalString, noEquivalent, nul, num, str, type Handler,
} from './functions-ast.js';

/** Escape regular-expression metacharacters of a literal (PostgreSQL ARE syntax). */
export const regexEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** T-SQL LIKE pattern (%, _, [..], [^..]) → an ARE regex, anchored where the pattern has no leading/trailing %. */
export function likeToRegex(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '%') out += '.*';
    else if (ch === '_') out += '.';
    else if (ch === '[') {
      const end = p.indexOf(']', i + 1);
      if (end < 0) { out += '\\['; continue; }
      out += `[${p.slice(i + 1, end).replace(/\\/g, '\\\\')}]`;
      i = end;
    } else out += regexEscape(ch);
  }
  return out;
}

/** CHARINDEX(needle, hay, start) / LOCATE(needle, hay, start): position from `start`, 0 when absent. */
const charindexFrom: Handler = ([needle, hay, start]) => {
  if (!needle || !hay || !start) return undefined;
  const found = fn('strpos', fn('substr', hay, start), needle);
  return caseWhen([[bin('=', found, num(0)), num(0)]], bin('-', bin('+', found, start), num(1)));
};

/** MySQL TRIM(x, remstr, side) (parser shape): remstr is a whole string removed repeatedly, not a character set. */
const mysqlTrim: Handler = ([x, rem, side], env, out, call) => {
  if (!x) return undefined;
  if (!rem) return fn('btrim', x, str(' '));
  const s = literalString(side) ?? 'both';
  const name = s === 'leading' ? 'ltrim' : s === 'trailing' ? 'rtrim' : 'btrim';
  const r = literalString(rem);
  if (r !== undefined && [...r].length === 1) return fn(name, x, rem);
  if (r === undefined) {
    changed(out, call, 'TRIM removes a whole string; PostgreSQL trims any of its characters');
    return fn(name, x, rem);
  }
  if (r === '') return x;
  const g = `(?:${regexEscape(r)})+`;
  const re = s === 'leading' ? `^${g}` : s === 'trailing' ? `${g}$` : `^${g}|${g}$`;
  return fn('regexp_replace', asText(x, env), str(re), str(''), str('g'));
};

/** T-SQL PATINDEX('%pat%', s): the first position where a LIKE pattern matches, 0 when none (regexp_instr, PostgreSQL 15+). */
const patindex: Handler = ([pat, s], env, out, call) => {
  const p = literalString(pat);
  if (p === undefined || !s) return pat && s ? noEquivalent(out, call, [pat, s], 'the pattern is not a literal, so it cannot be rewritten as a regular expression') : undefined;
  if (env.ctx.options.targetVersion < 15) return noEquivalent(out, call, [pat, s], 'regexp_instr() needs PostgreSQL 15', 'a PL/pgSQL function with regexp_matches');
  const lead = p.startsWith('%'), trail = p.endsWith('%') && p.length > 1;
  const core = p.slice(lead ? 1 : 0, trail ? -1 : undefined);
  const re = `${lead ? '' : '^'}${likeToRegex(core)}${trail ? '' : '$'}`;
  return fn('regexp_instr', asText(s, env), str(re));
};

/** QUOTENAME(s [, q]): the delimited identifier as SQL Server spells it (closing delimiter doubled). */
const quotename: Handler = ([s, q], env) => {
  if (!s) return undefined;
  const ch = q ? literalString(q) : '[';
  const pair: Record<string, [string, string]> = { '[': ['[', ']'], ']': ['[', ']'], '"': ['"', '"'], "'": ["'", "'"], '`': ['`', '`'], '(': ['(', ')'], ')': ['(', ')'], '<': ['<', '>'], '>': ['<', '>'], '{': ['{', '}'], '}': ['{', '}'] };
  const d = ch !== undefined ? pair[ch] : undefined;
  if (!d) return undefined;
  return concat(str(d[0]), fn('replace', asText(s, env), str(d[1]), str(d[1] + d[1])), str(d[1]));
};

/** MySQL INSERT(s, pos, len, new): s unchanged when pos is out of range. */
const mysqlInsert: Handler = ([s, pos, len, repl], env) => {
  if (!s || !pos || !len || !repl) return undefined;
  const t = asText(s, env);
  const spliced = concat(fn('left', t, bin('-', pos, num(1))), asText(repl, env), fn('substr', t, bin('+', pos, len)));
  return caseWhen([[bin('or', bin('<', pos, num(1)), bin('>', pos, fn('char_length', t))), t]], spliced);
};

/** T-SQL STUFF(s, start, len, repl): NULL for a start outside the string or a negative length (MySQL INSERT keeps s). */
const tsqlStuff: Handler = ([s, pos, len, repl], env) => {
  if (!s || !pos || !len || !repl) return undefined;
  const t = asText(s, env);
  // STUFF(s, 1, n, r), as the FOR XML PATH idiom strips its first separator: s once (it is often a subquery); only
  // an empty s gives NULL then.
  if (isLiteral(pos, 1) && len.kind === 'number' && Number(len.value) >= 0) {
    const rest = fn('substr', fn('nullif', t, str('')), num(Number(len.value) + 1));
    if (repl.kind === 'string') return repl.value === '' ? rest : concat(repl, rest);
    return concat(fn('coalesce', asText(repl, env), str('')), rest);
  }
  const spliced = concat(fn('left', t, bin('-', pos, num(1))), fn('coalesce', asText(repl, env), str('')), fn('substr', t, bin('+', pos, len)));
  return caseWhen([[bin('or', bin('or', bin('<', pos, num(1)), bin('>', pos, fn('char_length', t))), bin('<', len, num(0))), nul]], spliced);
};

const isLiteral = (e: Expr, n: number): boolean => e.kind === 'number' && Number(e.value) === n;

/** T-SQL REPLICATE(s, n): NULL for a negative count (repeat() gives ''). */
const tsqlReplicate: Handler = ([s, n]) => (s && n ? caseWhen([[bin('<', n, num(0)), nul]], fn('repeat', s, n)) : undefined);

/** T-SQL ISNULL(x, y) has x's type: a replacement longer than a varchar(n) / char(n) x is cut to n characters. */
const tsqlIsnull: Handler = ([x, y], env) => {
  if (!x || !y) return undefined;
  const t = pgTypeOf(x, env);
  const sized = t && !t.array && !t.schema && t.args.length === 1 && ['varchar', 'character varying', 'char', 'character', 'bpchar'].includes(t.name);
  const fitsAlready = y.kind === 'string' && typeof t?.args[0] === 'number' && [...y.value].length <= t.args[0];
  return fn('coalesce', x, sized && !fitsAlready && !sameType(t, pgTypeOf(y, env)) ? cast(y, t) : y);
};

const sameType = (a: DataType, b: DataType | undefined): boolean => !!b && a.name === b.name && a.args.join() === b.args.join();

/** FIELD(x, a, b, ...): 1-based index of x in the list, 0 when absent or NULL. */
const field: Handler = ([x, ...list]) => (x && list.length ? caseWhen(list.map((v, i) => [v, num(i + 1)]), num(0), x) : undefined);

/** ELT(n, a, b, ...): the n-th string, NULL out of range. */
const elt: Handler = ([n, ...list]) => (n && list.length ? caseWhen(list.map((v, i) => [num(i + 1), v]), undefined, n) : undefined);

/** FIND_IN_SET(x, 'a,b,c'): 1-based index, 0 when absent, NULL when either argument is NULL. */
const findInSet: Handler = ([x, list], env) => {
  if (!x || !list) return undefined;
  const pos = fn('coalesce', fn('array_position', fn('string_to_array', asText(list, env), str(',')), asText(x, env)), num(0));
  return caseWhen([[bin('or', isNull(x), isNull(list)), nul]], pos);
};

const isCitext = (t: DataType | undefined): boolean => !!t && (t.name === 'citext' || isCitext(t.base));

/** SUBSTRING_INDEX(s, delim, n): everything before the n-th delimiter (from the right when n < 0). */
const substringIndex: Handler = ([s, d, n], env) => {
  if (!s || !d || !n) return undefined;
  const t = asText(s, env);
  const k = literalInt(n);
  // The citext extension's own split_part matches the delimiter case-insensitively and has no negative positions.
  if (k === 1 || k === -1) return fn('split_part', isCitext(pgTypeOf(t, env)) ? cast(t, 'text') : t, d, num(k));
  if (k === 0) return str('');
  const arr = fn('string_to_array', t, d);
  const head = (count: Expr): Expr => fn('array_to_string', fn('trim_array', arr, fn('greatest', bin('-', fn('cardinality', arr), count), num(0))), d);
  const revArr = fn('string_to_array', fn('reverse', t), fn('reverse', d));
  const tail = (count: Expr): Expr => fn('reverse', fn('array_to_string', fn('trim_array', revArr, fn('greatest', bin('-', fn('cardinality', revArr), count), num(0))), fn('reverse', d)));
  if (k !== undefined) return k > 0 ? head(num(k)) : tail(num(-k));
  return caseWhen([[bin('>', n, num(0)), head(n)], [bin('<', n, num(0)), tail({ kind: 'unary', op: '-', operand: n })]], str(''));
};

/** MySQL SUBSTRING(s, pos [, len]): a negative pos counts from the end; pos 0 gives ''. */
const mysqlSubstr: Handler = ([s, pos, len], env) => {
  if (!s || !pos) return undefined;
  const t = asText(s, env);
  const k = literalInt(pos);
  const rest = len ? [len] : [];
  if (k !== undefined && k > 0) return fn('substr', t, pos, ...rest);
  if (k === 0) return str('');
  if (k !== undefined && !len) return fn('right', t, num(-k));
  const start = k !== undefined
    ? bin('+', fn('char_length', t), num(k + 1))
    : caseWhen([[bin('>', pos, num(0)), pos], [bin('<', pos, num(0)), bin('+', bin('+', fn('char_length', t), pos), num(1))]], bin('+', fn('char_length', t), num(1)));
  return fn('substr', t, start, ...rest);
};

/** HEX(n) of a number is its hexadecimal digits; HEX(s) of a string the hex of its bytes; both upper case. */
const hex: Handler = ([x], env) => {
  if (!x) return undefined;
  if (x.kind === 'number' || x.kind === 'unary') return fn('upper', fn('to_hex', cast(x, 'bigint')));
  return fn('upper', fn('encode', fn('convert_to', asText(x, env), str('UTF8')), str('hex')));
};

const hexOfNumber: Handler = ([x]) => (x ? fn('upper', fn('to_hex', cast(x, 'bigint'))) : undefined);

/** Bytes of a text value in UTF-8, for hashes and base64. */
const utf8 = (x: Expr, env: Parameters<Handler>[1]): Expr => fn('convert_to', asText(x, env), str('UTF8'));

const sha1: Handler = ([x], env) => {
  if (!x) return undefined;
  env.ctx.extensions.add('pgcrypto');
  return fn('encode', fn('digest', utf8(x, env), str('sha1')), str('hex'));
};

/** SHA2(s, bits): the built-in sha224/256/384/512 on the UTF-8 bytes; 0 means 256. */
const sha2: Handler = ([x, bits], env, out, call) => {
  if (!x || !bits) return undefined;
  const b = literalInt(bits);
  const name = b === 0 || b === 256 ? 'sha256' : b === 224 ? 'sha224' : b === 384 ? 'sha384' : b === 512 ? 'sha512' : undefined;
  if (!name) return b === undefined ? noEquivalent(out, call, [x, bits], 'the hash length is not a literal', 'CASE over sha224/sha256/sha384/sha512') : nul;
  return fn('encode', fn(name, utf8(x, env)), str('hex'));
};

/** T-SQL HASHBYTES('algo', x) → varbinary / bytea. */
const hashbytes: Handler = ([algo, x], env, out, call) => {
  const a = literalString(algo)?.toUpperCase();
  if (!a || !x) return undefined;
  const bytes = utf8(x, env);
  changed(out, call, 'SQL Server hashes nvarchar values as UTF-16; PostgreSQL hashes the UTF-8 bytes');
  switch (a) {
    case 'MD5': return fn('decode', fn('md5', bytes), str('hex'));
    case 'SHA1': case 'SHA': env.ctx.extensions.add('pgcrypto'); return fn('digest', bytes, str('sha1'));
    case 'SHA2_256': return fn('sha256', bytes);
    case 'SHA2_512': return fn('sha512', bytes);
    default: return noEquivalent(out, call, [algo, x], `algorithm ${a} has no PostgreSQL built-in`, 'pgcrypto digest()');
  }
};

const toBase64: Handler = ([x], env) => (x ? fn('encode', utf8(x, env), str('base64')) : undefined);

/** MySQL CHAR(n, ...): one character per code; PostgreSQL chr() takes code points, MySQL bytes. */
const mysqlChar: Handler = (args) => (args.length ? concat(...args.map((a) => fn('chr', cast(a, 'integer')))) : undefined);

/** STRCMP(a, b): -1, 0, 1 (NULL when either is NULL). */
const strcmp: Handler = ([a, b]) => (a && b ? caseWhen([[bin('<', a, b), num(-1)], [bin('>', a, b), num(1)], [bin('=', a, b), num(0)]]) : undefined);

/** MySQL match_type flags that PostgreSQL's regexp flags spell the same ('c', 'i'; 'm' is 'n' in PostgreSQL, 'n' has no flag). */
function regexFlags(mt: Expr | undefined): string | undefined {
  if (!mt) return '';
  const v = literalString(mt);
  if (v === undefined || /[^cimn]/.test(v)) return undefined;
  return v.replace(/m/g, 'n').replace(/n(?=.*n)/g, '');
}

const regexpLike: Handler = ([s, p, mt], env, out, call) => {
  if (!s || !p) return undefined;
  const f = regexFlags(mt);
  if (f === undefined) return noEquivalent(out, call, [s, p, ...(mt ? [mt] : [])], 'the match type is not a literal of c, i, m, n');
  const ci = f.includes('i') && !f.includes('c');
  return bin(ci ? '~*' : '~', asText(s, env), p);
};

/** REGEXP_REPLACE(s, p, r [, pos, occurrence, mt]): MySQL replaces every match by default, PostgreSQL only with 'g'. */
const regexpReplace: Handler = ([s, p, r, pos, occ, mt], env, out, call) => {
  if (!s || !p || !r) return undefined;
  if ((pos && literalInt(pos) !== 1) || (occ && literalInt(occ) !== 0)) return noEquivalent(out, call, [s, p, r], 'position and occurrence arguments are not translated', 'regexp_replace(s, p, r, start, n) (PostgreSQL 16)');
  const f = regexFlags(mt);
  if (f === undefined) return undefined;
  return fn('regexp_replace', asText(s, env), p, r, str(`g${f}`));
};

const regexpSubstr: Handler = ([s, p, ...rest], env, out, call) => {
  if (!s || !p) return undefined;
  if (env.ctx.options.targetVersion < 15) return fn('substring', asText(s, env), p);
  if (rest.length > 2) return noEquivalent(out, call, [s, p, ...rest], 'the match type argument is not translated');
  return fn('regexp_substr', asText(s, env), p, ...rest);
};

const regexpInstr: Handler = ([s, p, ...rest], env, out, call) => {
  if (!s || !p) return undefined;
  if (env.ctx.options.targetVersion < 15) return noEquivalent(out, call, [s, p, ...rest], 'regexp_instr() needs PostgreSQL 15');
  if (rest.length > 2) return noEquivalent(out, call, [s, p, ...rest], 'the return option and match type arguments are not translated');
  return fn('regexp_instr', asText(s, env), p, ...rest);
};

/** MySQL FORMAT(x, d): thousands separators and d decimals, rounded half away from zero. */
const mysqlFormat: Handler = ([x, d, locale], _env, out, call) => {
  const k = literalInt(d);
  if (!x || k === undefined || k < 0) return x && d ? noEquivalent(out, call, [x, d], 'the number of decimals is not a literal', 'to_char(x, \'FM999,999,990.00\')') : undefined;
  if (locale && literalString(locale) !== 'en_US') changed(out, call, 'the locale argument is ignored; separators are , and .');
  return fn('to_char', cast(x, 'numeric'), str(`FM999,999,999,999,999,999,990${k ? `.${'0'.repeat(k)}` : ''}`));
};

/** T-SQL STR(x [, len [, decimals]]): right-aligned in `len` characters (default 10), rounded to `decimals` (default 0). */
const tsqlStr: Handler = ([x, len, dec]) => {
  if (!x) return undefined;
  const d = dec ?? num(0);
  return fn('lpad', cast(fn('round', cast(x, 'numeric'), d), 'text'), len ?? num(10));
};

/** SOUNDEX / DIFFERENCE live in the fuzzystrmatch extension. */
const soundex: Handler = ([x], env, out, call) => {
  if (!x) return undefined;
  env.ctx.extensions.add('fuzzystrmatch');
  if (env.ctx.dialect === 'mysql') changed(out, call, 'MySQL SOUNDEX returns codes longer than four characters; fuzzystrmatch soundex() returns four');
  return fn('soundex', asText(x, env));
};

const difference: Handler = ([a, b], env) => {
  if (!a || !b) return undefined;
  env.ctx.extensions.add('fuzzystrmatch');
  return fn('difference', asText(a, env), asText(b, env));
};

/** T-SQL LEN: characters without trailing spaces, of any type converted to a string. */
const len: Handler = ([x], env) => (x ? fn('length', fn('rtrim', asText(x, env))) : undefined);

/** QUOTE(s): MySQL quotes with backslash escapes, PostgreSQL with doubled quotes (E'' when backslashes occur). */
const quote: Handler = ([x], env, out, call) => {
  if (!x) return undefined;
  changed(out, call, "MySQL escapes quotes with a backslash ('It\\'s'); quote_nullable() doubles them ('It''s')");
  return fn('quote_nullable', asText(x, env));
};

/** T-SQL FORMATMESSAGE('text %s %d', ...): format() with every %d/%i/%s as %s (no widths or precisions). */
const formatMessage: Handler = ([msg, ...args], _env, out, call) => {
  const m = literalString(msg);
  if (m === undefined || /%[-+ 0#]*\d|%\*/.test(m)) return msg ? noEquivalent(out, call, [msg, ...args], 'the message is not a literal with plain %s/%d placeholders', 'format()') : undefined;
  return fn('format', str(m.replace(/%[dius]/g, '%s').replace(/%(?!s)/g, '%%')), ...args);
};

/** MySQL CONCAT is NULL when any argument is; || keeps that and, unlike concat(), is immutable (generated columns). */
/**
 * T-SQL CONCAT reads NULL as ''. Over strings and numbers it becomes || of coalesce(x, '') — immutable, so a computed
 * column stays generated (PostgreSQL's concat() is only stable); over other types (dates print by DateStyle) concat().
 */
const tsqlConcat: Handler = (args, env) => {
  const parts: Expr[] = [];
  for (const a of args) {
    if (a.kind === 'null') continue;
    if (a.kind === 'string') { parts.push(a); continue; }
    const k = argClass(a, env);
    const money = pgTypeOf(a, env)?.name === 'money';
    if (k === 'string') parts.push(fn('coalesce', a, str('')));
    else if ((k === 'integer' || k === 'exact' || k === 'float') && !money) parts.push(fn('coalesce', cast(a, 'text'), str('')));
    else return fn('concat', ...args);
  }
  return parts.length ? concat(...parts) : str('');
};

const mysqlConcat: Handler = (args, env) => (args.length ? concat(...args.map((a) => asText(a, env))) : undefined);

const textMd5: Handler = ([x], env) => (x ? fn('md5', asText(x, env)) : undefined);

/** CRYPT_GEN_RANDOM(n): n random bytes (pgcrypto). */
const cryptGenRandom: Handler = ([n], env) => {
  if (!n) return undefined;
  env.ctx.extensions.add('pgcrypto');
  return fn('gen_random_bytes', n);
};

const BIT64 = dataType('bit', [64]);

/** BIN(n): binary digits of a 64-bit integer, without leading zeros. */
const binDigits: Handler = ([n]) => (n ? fn('coalesce', fn('nullif', fn('ltrim', cast(cast(cast(n, 'bigint'), BIT64), 'text'), str('0')), str('')), str('0')) : undefined);

/** STRING_ESCAPE(s, 'json'): the JSON string body without its quotes. */
const stringEscape: Handler = ([s, kind]) => {
  if (!s || literalString(kind)?.toLowerCase() !== 'json') return undefined;
  return fn('regexp_replace', cast(fn('to_json', cast(s, 'text')), 'text'), str('^"|"$'), str(''), str('g'));
};

/** EDIT_DISTANCE(a, b) → levenshtein (fuzzystrmatch). */
const editDistance: Handler = ([a, b, max], env, out, call) => {
  if (!a || !b) return undefined;
  if (max) return noEquivalent(out, call, [a, b, max], 'the maximum-distance argument is not translated', 'levenshtein_less_equal(a, b, max)');
  env.ctx.extensions.add('fuzzystrmatch');
  return fn('levenshtein', asText(a, env), asText(b, env));
};

export const STRING_HANDLERS: Record<string, Handler> = {
  len, charindex: charindexFrom, locate: charindexFrom, patindex, quotename, mysql_trim: mysqlTrim, mysql_insert: mysqlInsert, field, elt,
  find_in_set: findInSet, substring_index: substringIndex, mysql_substr: mysqlSubstr, hex, hex_of_number: hexOfNumber, sha1, sha2,
  hashbytes, to_base64: toBase64, mysql_char: mysqlChar, strcmp, regexp_like: regexpLike, regexp_replace: regexpReplace,
  regexp_substr: regexpSubstr, regexp_instr: regexpInstr, mysql_format: mysqlFormat, tsql_str: tsqlStr, tsql_stuff: tsqlStuff, tsql_replicate: tsqlReplicate, soundex, difference, quote,
  formatmessage: formatMessage, crypt_gen_random: cryptGenRandom, bin: binDigits, string_escape: stringEscape, edit_distance: editDistance, mysql_concat: mysqlConcat, tsql_concat: tsqlConcat, tsql_isnull: tsqlIsnull, text_md5: textMd5,
};
