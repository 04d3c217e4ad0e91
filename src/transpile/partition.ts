import type { Key, PartitionDef, Partitioning } from '../model/catalog.js';
import type { Expr } from '../model/expr.js';
import { exprText } from './draft.js';
import { isImmutable, translateExpr } from './expr.js';
import { report, reportProblems, type TableScope } from './scope.js';

/**
 * MySQL partitioning: RANGE/LIST → PARTITION BY RANGE/LIST with FOR VALUES partitions (RANGE COLUMNS tuples, with
 * MAXVALUE per column), HASH/KEY → PARTITION BY HASH (MODULUS n REMAINDER i). PostgreSQL needs the partition key in
 * every primary/unique key; when it is not, partitioning is dropped (PGS2009). An expression key (HASH (YEAR(d)),
 * RANGE (id + n)) becomes PARTITION BY … ((expr)) when it translates, is immutable and the table has no primary or
 * unique key (PostgreSQL allows none on a table partitioned by an expression); otherwise it is dropped too.
 * Partition names become table names: <table>_<partition>.
 */
export function convertPartitioning(s: TableScope, keys: Key[]): Partitioning | undefined {
  const p = s.src.partition;
  if (!p) return undefined;
  const drop = (why: string): undefined => {
    report(s, 'PGS2009', `partitioning (${p.raw}) not carried: ${why}; the table is created unpartitioned`, { span: p.span });
    return undefined;
  };
  let keyColumns: string[];
  /** The translated key expressions when some part of the key is an expression (no primary key or unique key). */
  let keyExprs: Expr[] | undefined;
  if (p.method === 'key' && p.expr.length === 0) {
    // KEY() partitions by the primary key.
    keyColumns = (s.src.primaryKey?.columns ?? []).map((c) => c.column);
    if (!keyColumns.length) return drop('KEY() without a primary key');
  } else {
    const cols = p.expr.map((e) => (e.kind === 'column' ? e.parts[e.parts.length - 1]! : undefined));
    if (cols.some((c) => c === undefined)) {
      // PostgreSQL takes an expression key only on a table without primary key or unique constraints.
      if (keys.length) return drop('the partition key is an expression, and PostgreSQL allows no primary key or unique constraint on a table partitioned by an expression');
      keyExprs = [];
      for (const e of p.expr) {
        const r = translateExpr(e, s.env);
        reportProblems(s, 'partition key', r.problems, p.span);
        if (r.failed) return drop('the partition key expression cannot be translated');
        if (!isImmutable(r.expr, s.env)) return drop(`the partition key ${exprText(r.expr)} is not immutable, and PostgreSQL takes only immutable partition key expressions`);
        keyExprs.push(r.expr);
      }
      keyColumns = [];
    } else {
      keyColumns = cols as string[];
    }
  }
  const target = keyColumns.map((c) => s.ctx.names.column(s.src.name, c));
  const missing = keyExprs ? undefined : keys.find((k) => !target.every((c) => k.columns.some((kc) => kc.column === c)));
  if (missing) return drop(`PostgreSQL requires the partition key (${target.join(', ')}) in every primary key and unique constraint, and ${missing.name ?? 'a key'} (${missing.columns.map((c) => c.column).join(', ')}) lacks it`);
  if (p.method === 'list' && target.length > 1) {
    return drop('LIST COLUMNS over several columns');
  }
  if (p.method === 'hash' || p.method === 'key') {
    // The table holds the same rows, but each partition holds others than MySQL's: what addresses a partition by name
    // (partition maintenance, per-partition loads) must not assume MySQL's placement.
    const mysqlRule = p.method === 'key' ? "MySQL's own key hash" : p.linear ? "MySQL's linear powers-of-two rule" : `MySQL's MOD(key, ${p.count ?? p.partitions.length})`;
    report(s, 'PGS2021', `${p.linear ? 'LINEAR ' : ''}${p.method.toUpperCase()} partitioning becomes PostgreSQL hash partitioning: a row goes to the partition PostgreSQL's hash of the key picks, not the one ${mysqlRule} picks, so each partition holds other rows than in MySQL (the table as a whole holds the same)`, { span: p.span });
  }
  const method = p.method === 'key' ? 'hash' : p.method;
  let defs: { name: string; bound: PartitionDef['bound']; values: PartitionDef['values'] }[] = p.partitions;
  if (method === 'hash' && defs.length === 0) {
    const n = p.count ?? 1;
    defs = Array.from({ length: n }, (_, i) => ({ name: `p${i}`, bound: 'none' as const, values: [] }));
  }
  const partitions: PartitionDef[] = [];
  for (const d of defs) {
    let values: PartitionDef['values'] = d.values;
    if (values !== 'maxvalue') {
      const mapped: Expr[] = [];
      for (const v of values) {
        // MAXVALUE inside a RANGE COLUMNS tuple: a row's column is never equal to MAXVALUE, so the columns after it do
        // not matter to MySQL; PostgreSQL wants MAXVALUE in every column after one.
        if (isMaxvalue(v) || (mapped.length && isMaxvalue(mapped[mapped.length - 1]!))) {
          if (d.bound !== 'less-than') return drop(`partition ${d.name} has MAXVALUE in a value list`);
          mapped.push(MAXVALUE);
          continue;
        }
        const r = translateExpr(v, s.env);
        reportProblems(s, `partition ${d.name}`, r.problems, p.span);
        if (r.failed) return drop(`partition ${d.name} has a bound that cannot be translated`);
        mapped.push(r.expr);
      }
      values = mapped;
    }
    const name = s.ctx.names.claim(s.target.schema, `${s.target.name}_${d.name}`, { object: s.object, what: 'partition', span: p.span });
    partitions.push({ name, bound: d.bound, values });
  }
  return {
    method,
    ...(p.columnsForm ? { columnsForm: true } : {}),
    expr: keyExprs ?? target.map((c): Expr => ({ kind: 'column', parts: [c] })),
    ...(method === 'hash' ? { count: partitions.length } : {}),
    partitions,
    raw: p.raw,
    span: p.span,
  };
}

/** MAXVALUE in a RANGE COLUMNS bound tuple (the parser keeps it as an opaque item; printed as MAXVALUE). */
const MAXVALUE: Expr = { kind: 'column', parts: ['MAXVALUE'] };
const isMaxvalue = (v: Expr): boolean => (v.kind === 'opaque' && /^maxvalue$/i.test(v.text)) || (v.kind === 'column' && v.parts.length === 1 && /^maxvalue$/i.test(v.parts[0]!));
