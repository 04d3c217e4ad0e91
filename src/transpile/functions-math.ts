import type { Expr } from '../model/expr.js';
import { dataType } from '../model/types.js';
import {
  argClass, bin, caseWhen, cast, changed, fn, isNull, literalInt, noEquivalent, nul, num, paren, str, type Handler,
} from './functions-ast.js';
import type { ExprEnv } from './expr.js';

/** round/trunc with a digits argument exist for numeric only: floats go through numeric and back. */
function viaNumeric(name: 'round' | 'trunc', x: Expr, n: Expr | undefined, env: ExprEnv): Expr {
  const k = argClass(x, env);
  if (k === 'float') return cast(fn(name, cast(x, 'numeric'), ...(n ? [n] : [num(0)])), 'double precision');
  return fn(name, x, ...(n ? [n] : []));
}

/** T-SQL ROUND(x, n [, f]): half away from zero for every type (numeric does that; floats go through numeric); f <> 0 truncates. */
const tsqlRound: Handler = ([x, n, f], env) => {
  if (!x || !n) return undefined;
  const truncate = f && literalInt(f) !== 0;
  return viaNumeric(truncate ? 'trunc' : 'round', x, n, env);
};

/**
 * MySQL ROUND(x [, n]): exact values round half away from zero like numeric; a float rounds as MySQL computes it,
 * rint(x * 10^n) / 10^n (half to even on the scaled double: ROUND(3.25e0, 1) is 3.2), which PostgreSQL's round(double) is.
 */
const mysqlRound: Handler = ([x, n], env) => {
  if (!x) return undefined;
  if (!n) return fn('round', x);
  if (argClass(x, env) !== 'float') return viaNumeric('round', x, n, env);
  const scale = fn('power', num(10), n);
  return bin('/', fn('round', bin('*', x, scale)), scale);
};

const truncate: Handler = ([x, n], env) => (x && n ? viaNumeric('trunc', x, n, env) : undefined);

/** MySQL GREATEST/LEAST are NULL when any argument is; PostgreSQL's ignore NULLs. */
const nullStrict = (name: 'greatest' | 'least'): Handler => (args) => {
  if (args.length < 2) return undefined;
  const anyNull = args.map(isNull).reduce((l, r) => bin('or', l, r));
  if (args.every((a) => a.kind === 'number' || a.kind === 'string')) return fn(name, ...args);
  return caseWhen([[anyNull, nul]], fn(name, ...args));
};

/** IIF(c, a, b) / IF(c, a, b). */
const iif: Handler = ([c, a, b]) => (c && a && b ? caseWhen([[c, a]], b) : undefined);

/** CHOOSE(i, a, b, ...): the i-th value, NULL out of range. */
const choose: Handler = ([i, ...list]) => (i && list.length ? caseWhen(list.map((v, k) => [num(k + 1), v]), undefined, i) : undefined);

/** ISNUMERIC(x): 1 when the text reads as a number (sign, digits, decimal point, exponent); SQL Server also accepts currency symbols. */
const isnumeric: Handler = ([x], _env, out, call) => {
  if (!x) return undefined;
  changed(out, call, 'tested with a regular expression for plain numbers; SQL Server also accepts currency symbols, commas and lone signs');
  return caseWhen([[bin('~', cast(x, 'text'), str('^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eEdD][-+]?[0-9]+)?\\s*$')), num(1)]], num(0));
};

/** RAND() → random(); a seed has no per-call equivalent. */
const rand: Handler = ([seed], env, out, call) => {
  if (seed) return noEquivalent(out, call, [seed], 'a seeded RAND(n) has no per-call equivalent', 'SELECT setseed(x) once before calling random()');
  if (env.ctx.dialect === 'tsql') changed(out, call, 'SQL Server evaluates RAND() once per query; random() gives a new value per row');
  else out.push({ code: 'PGS3003', severity: 'info', message: `${call.name[0]}(): non-deterministic; random() gives different values than RAND()` });
  return fn('random');
};

/** ATAN(y, x) (MySQL two-argument form) = ATAN2. */
const atan: Handler = ([y, x]) => (y ? (x ? fn('atan2', y, x) : fn('atan', y)) : undefined);

/** BIT_COUNT(n): ones in the 64-bit two's complement (bit_count on bit(64), PostgreSQL 14+). */
const bitCount: Handler = ([x]) => (x ? cast(fn('bit_count', cast(cast(x, 'bigint'), dataType('bit', [64]))), 'integer') : undefined);

/** T-SQL AVG of an integer column returns an integer (truncated); PostgreSQL's avg returns numeric. */
const tsqlAvg: Handler = ([x], env, out, call) => {
  if (!x) return undefined;
  if (argClass(x, env) === 'integer') changed(out, call, 'SQL Server truncates AVG of integers to an integer; PostgreSQL avg() returns the exact numeric mean (wrap in trunc() to match)');
  return fn('avg', x);
};

/** ANY_VALUE: PostgreSQL 16; min() picks one value of the group before that. */
const anyValue: Handler = ([x], env, out, call) => {
  if (!x) return undefined;
  if (env.ctx.options.targetVersion >= 16) return fn('any_value', x);
  changed(out, call, 'min() stands in for ANY_VALUE() before PostgreSQL 16');
  return fn('min', x);
};

/** BIT_AND / BIT_OR / BIT_XOR: MySQL returns the identity value for an empty set, PostgreSQL NULL. */
const bitAgg = (name: string, empty: string): Handler => ([x]) => (x ? fn('coalesce', fn(name, x), cast(str(empty), 'numeric')) : undefined);

/** COUNT(DISTINCT a, b) counts distinct pairs: PostgreSQL counts DISTINCT row values. */
const count: Handler = (args, _env, out, call) => {
  if (call.distinct && args.length > 1) return noEquivalent(out, call, args, 'COUNT(DISTINCT a, b) over several expressions', 'count(DISTINCT (a, b))');
  return fn('count', ...args);
};

/** T-SQL GET_BIT / SET_BIT (SQL Server 2022) on integers. */
const getBit: Handler = ([x, n]) => (x && n ? paren(bin('&', paren(bin('>>', x, n)), num(1))) : undefined);
const setBit: Handler = ([x, n, v]) => {
  if (!x || !n) return undefined;
  const mask = paren(bin('<<', num(1), n));
  const set = paren(bin('|', x, mask));
  if (!v) return set;
  return caseWhen([[bin('=', v, num(0)), paren(bin('&', x, { kind: 'unary', op: '~', operand: mask }))]], set);
};

/** MySQL MOD / % on floats: PostgreSQL mod() exists for integers and numeric only. */
/** MOD(a, b); MySQL gives NULL for b = 0 (PostgreSQL raises). */
const mod: Handler = ([a, b], env) => {
  if (!a || !b) return undefined;
  const d = argClass(b, env) === 'float' ? cast(b, 'numeric') : b;
  const zeroSafe = env.ctx.dialect === 'mysql' && !(b.kind === 'number' && Number(b.value) !== 0) ? fn('nullif', d, num(0)) : d;
  return fn('mod', argClass(a, env) === 'float' ? cast(a, 'numeric') : a, zeroSafe);
};

const shift = (op: '<<' | '>>'): Handler => ([x, n]) => (x && n ? paren(bin(op, x, n)) : undefined);

/** ISDATE(x): 1 when x reads as a timestamp (pg_input_is_valid, PostgreSQL 16), else reported. */
const isdate: Handler = ([x], env, out, call) => {
  if (!x) return undefined;
  if (env.ctx.options.targetVersion < 16) return noEquivalent(out, call, [x], 'PostgreSQL before 16 has no non-raising date check', "pg_input_is_valid(x, 'timestamp') on PostgreSQL 16, or a PL/pgSQL function that catches the cast error");
  changed(out, call, 'PostgreSQL accepts date formats SQL Server rejects and the reverse (DATEFORMAT and language settings)');
  return caseWhen([[fn('pg_input_is_valid', cast(x, 'text'), str('timestamp')), num(1)]], num(0));
};

/** IS_ROLEMEMBER('role') / IS_MEMBER('role'): 1 or 0 for the current user. */
const isRoleMember: Handler = ([role, who]) => {
  if (!role) return undefined;
  const member = fn('pg_has_role', who ?? { kind: 'call', name: ['current_user'], args: [], niladic: true }, role, str('MEMBER'));
  return caseWhen([[member, num(1)]], num(0));
};

/**
 * MySQL logarithms give NULL outside their domain (x <= 0; a base <= 0 or 1) where PostgreSQL raises.
 * `args` orders the arguments as PostgreSQL's function takes them; the last one is x.
 */
const mysqlLog = (name: string, base?: string): Handler => (args) => {
  const pg = base ? [num(base), ...args] : args;
  if (!pg.length || pg.some((a) => !a)) return undefined;
  const x = pg[pg.length - 1]!;
  const literal = (e: Expr): number | undefined => (e.kind === 'number' ? Number(e.value) : undefined);
  const conds: Expr[] = [];
  // A literal argument inside the domain needs no guard (LOG(2, n) tests only n).
  if (!((literal(x) ?? 0) > 0)) conds.push(bin('>', x, num(0)));
  if (pg.length === 2 && !base && !((literal(pg[0]!) ?? 0) > 0 && literal(pg[0]!) !== 1)) conds.push(bin('>', pg[0]!, num(0)), bin('<>', pg[0]!, num(1)));
  const call = fn(name, ...pg);
  return conds.length ? caseWhen([[conds.reduce((a, b) => bin('and', a, b)), call]]) : call;
};

export const MATH_HANDLERS: Record<string, Handler> = {
  mysql_ln: mysqlLog('ln'), mysql_log: mysqlLog('log'), mysql_log10: mysqlLog('log'), mysql_log2: mysqlLog('log', '2'),
  tsql_round: tsqlRound, mysql_round: mysqlRound, truncate, mysql_greatest: nullStrict('greatest'), mysql_least: nullStrict('least'),
  iif, choose, isnumeric, rand, atan, bit_count: bitCount, tsql_avg: tsqlAvg, any_value: anyValue,
  mysql_bit_and: bitAgg('bit_and', '18446744073709551615'), mysql_bit_or: bitAgg('bit_or', '0'), mysql_bit_xor: bitAgg('bit_xor', '0'),
  count, isdate, is_rolemember: isRoleMember, get_bit: getBit, left_shift: shift('<<'), right_shift: shift('>>'), set_bit: setBit, mod,
};
