import type { PartitionDef, Table } from '../../model/catalog.js';
import type { Expr } from '../../model/expr.js';
import type { SourceSpan } from '../../model/source.js';
import type { DataType } from '../../model/types.js';
import type { Token } from './lexer.js';
import {
  type Cursor, acceptOp, acceptWord, atEnd, expectIdent, expectOp, expectWord, isIdent, isOp, isWord, peek, prev, spanOf, textOf,
} from './cursor.js';
import { parseDataType } from './data-type.js';
import { parseExprOrOpaque } from './expr-parser.js';
import { type Session, report, sameName } from './session.js';

/** CREATE PARTITION FUNCTION: RANGE LEFT (a boundary closes its partition) or RIGHT (it opens the next). */
export interface PartitionFunction {
  name: string;
  type: DataType;
  side: 'left' | 'right';
  values: Expr[];
}

/**
 * create_partition := CREATE PARTITION FUNCTION name '(' type ')' AS RANGE [LEFT | RIGHT] FOR VALUES '(' [expr {',' expr}] ')'
 *                   | CREATE PARTITION SCHEME name AS PARTITION fname [ALL] TO '(' filegroup {',' filegroup} ')'
 * Kept in the session: a table created ON scheme(col) becomes PARTITION BY RANGE (col); filegroups are dropped.
 */
export function parseCreatePartition(s: Session, c: Cursor, start: Token): void {
  expectWord(c, 'PARTITION');
  if (acceptWord(c, 'FUNCTION')) {
    const name = expectIdent(c, 'partition function name');
    expectOp(c, '(');
    const type = parseDataType(c, s.defaultSchema);
    expectOp(c, ')');
    expectWord(c, 'AS');
    expectWord(c, 'RANGE');
    // LEFT is the default.
    const side = acceptWord(c, 'RIGHT') ? 'right' : 'left';
    acceptWord(c, 'LEFT');
    expectWord(c, 'FOR');
    expectWord(c, 'VALUES');
    expectOp(c, '(');
    const values: Expr[] = [];
    while (!isOp(peek(c), ')')) {
      values.push(parseExprOrOpaque(c, (t) => atEnd(t) || isOp(t, ',') || isOp(t, ')')));
      if (!acceptOp(c, ',')) break;
    }
    expectOp(c, ')');
    (s.partitionFunctions ??= new Map()).set(name.toLowerCase(), { name, type, side, values });
    report(s, 'PGS1011', `CREATE PARTITION FUNCTION ${name}: kept as the PARTITION BY RANGE of tables created on its schemes`, { span: spanOf(c, start, prev(c)), severity: 'info' });
    return;
  }
  expectWord(c, 'SCHEME');
  const name = expectIdent(c, 'partition scheme name');
  expectWord(c, 'AS');
  expectWord(c, 'PARTITION');
  const fn = expectIdent(c, 'partition function name');
  acceptWord(c, 'ALL');
  expectWord(c, 'TO');
  const fgFrom = peek(c);
  expectOp(c, '(');
  while (!isOp(peek(c), ')') && !atEnd(peek(c))) c.i++;
  expectOp(c, ')');
  (s.partitionSchemes ??= new Map()).set(name.toLowerCase(), fn.toLowerCase());
  report(s, 'PGS1011', `CREATE PARTITION SCHEME ${name}: filegroups ${textOf(c, fgFrom, prev(c)).replace(/\s+/g, ' ')} dropped; tables on it are partitioned by ${fn}`, { span: spanOf(c, start, prev(c)), severity: 'info' });
}

/** `ON scheme '(' column ')'` after a CREATE TABLE naming a scheme this script created; false when the cursor holds none. */
export function parseTablePartitionClause(s: Session, c: Cursor, table: Table): boolean {
  const t = peek(c);
  if (!isWord(t, 'ON') || !isIdent(peek(c, 1)) || !isOp(peek(c, 2), '(')) return false;
  const fnName = s.partitionSchemes?.get(peek(c, 1).value.toLowerCase());
  const fn = fnName ? s.partitionFunctions?.get(fnName) : undefined;
  if (!fn) return false;
  c.i += 3;
  const column = expectIdent(c, 'partitioning column');
  expectOp(c, ')');
  const raw = textOf(c, t, prev(c));
  const span = spanOf(c, t, prev(c));
  const col = table.columns.find((x) => sameName(x.name, column));
  table.partition = {
    method: 'range', expr: [{ kind: 'column', parts: [col?.name ?? column] }],
    partitions: rangePartitions(s, fn, col?.type ?? fn.type, span), raw: `${raw} (${fn.name}: RANGE ${fn.side.toUpperCase()})`, span,
  };
  return true;
}

/**
 * PostgreSQL range partitions are FROM (inclusive) TO (exclusive), as RANGE RIGHT boundaries are. A RANGE LEFT
 * boundary closes its partition: for integers and dates the next value opens the next one; for other types a
 * row equal to a boundary lands in the next partition (an info says so).
 */
function rangePartitions(s: Session, fn: PartitionFunction, type: DataType, span: SourceSpan): PartitionDef[] {
  let values = sortedBoundaries(fn.values);
  if (fn.side === 'left' && values.length) {
    const next = values.map((v) => nextValue(v, type));
    if (next.every((v): v is Expr => v !== undefined)) values = next;
    else report(s, 'PGS2009', `partition function ${fn.name} is RANGE LEFT over ${type.raw ?? type.name}: PostgreSQL bounds open a partition, so a row equal to a boundary lands in the partition after it`, { span, severity: 'info' });
  }
  return [
    ...values.map((v, i) => ({ name: `p${i + 1}`, bound: 'less-than' as const, values: [v] })),
    { name: `p${values.length + 1}`, bound: 'less-than' as const, values: 'maxvalue' as const },
  ];
}

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'int', 'bigint']);

/** A numeric literal's value (-5 parses as unary minus over 5). */
function numberOf(v: Expr): number | undefined {
  const lit = v.kind === 'paren' ? v.expr : v;
  if (lit.kind === 'number') return Number(lit.value);
  if (lit.kind === 'unary' && (lit.op === '-' || lit.op === '+')) {
    const n = numberOf(lit.operand);
    return n === undefined ? undefined : lit.op === '-' ? -n : n;
  }
  return undefined;
}

/** SQL Server sorts a function's boundaries itself; PostgreSQL needs them in order. */
function sortedBoundaries(values: Expr[]): Expr[] {
  const nums = values.map(numberOf);
  if (nums.every((n): n is number => n !== undefined && Number.isFinite(n))) {
    return values.map((v, i) => ({ v, n: nums[i]! })).sort((a, b) => a.n - b.n).map((x) => x.v);
  }
  return values;
}

function nextValue(v: Expr, type: DataType): Expr | undefined {
  const lit = v.kind === 'paren' ? v.expr : v;
  if (INTEGER_TYPES.has(type.name)) {
    const n = numberOf(lit);
    if (n === undefined || !Number.isSafeInteger(n)) return undefined;
    const next = n + 1;
    return next < 0 ? { kind: 'unary', op: '-', operand: { kind: 'number', value: String(-next) } } : { kind: 'number', value: String(next) };
  }
  if (type.name === 'date' && lit.kind === 'string') {
    const m = /^\s*(\d{4})-?(\d{2})-?(\d{2})\s*$/.exec(lit.value);
    if (!m) return undefined;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
    return { kind: 'string', value: d.toISOString().slice(0, 10) };
  }
  return undefined;
}

/** SQL Server keeps NULLs in the first partition; a PostgreSQL range partition takes none, so a nullable key drops partitioning. */
export function checkPartitionColumn(s: Session, table: Table, object: string): void {
  const p = table.partition;
  if (!p || p.expr[0]?.kind !== 'column') return;
  const name = p.expr[0].parts[0]!;
  const col = table.columns.find((x) => sameName(x.name, name));
  if (col && !col.nullable && !col.generated) return;
  report(s, 'PGS2009', `partitioning ${p.raw} not carried: ${col ? `column ${name} is ${col.generated ? 'computed' : 'nullable'} (PostgreSQL range partitions hold no NULL keys)` : `the table has no column ${name}`}; the table is created unpartitioned`, { span: p.span, object, severity: 'warning' });
  delete table.partition;
}
