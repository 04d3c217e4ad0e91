import type { Key, PartitionDef, Partitioning } from '../model/catalog.js';
import { translateExpr } from './expr.js';
import { report, reportProblems, type TableScope } from './scope.js';

/**
 * MySQL partitioning: RANGE/LIST over plain columns → PARTITION BY RANGE/LIST with FOR VALUES partitions,
 * HASH/KEY → PARTITION BY HASH (MODULUS n REMAINDER i). PostgreSQL needs the partition key in every
 * primary/unique key; when it is not, or the key is an expression, partitioning is dropped (PGS2009).
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
  if (p.method === 'key' && p.expr.length === 0) {
    // KEY() partitions by the primary key.
    keyColumns = (s.src.primaryKey?.columns ?? []).map((c) => c.column);
    if (!keyColumns.length) return drop('KEY() without a primary key');
  } else {
    const cols = p.expr.map((e) => (e.kind === 'column' ? e.parts[e.parts.length - 1]! : undefined));
    if (cols.some((c) => c === undefined)) {
      // PostgreSQL takes an expression key only on a table without primary key or unique constraints.
      return drop(keys.length
        ? 'the partition key is an expression, and PostgreSQL allows no primary key or unique constraint on a table partitioned by an expression'
        : 'the partition key is an expression (carried over columns only)');
    }
    keyColumns = cols as string[];
  }
  if (p.linear) report(s, 'PGS2009', `LINEAR ${p.method.toUpperCase()} partitioning becomes plain HASH partitioning (rows are distributed differently)`, { span: p.span, severity: 'info' });
  const target = keyColumns.map((c) => s.ctx.names.column(s.src.name, c));
  const missing = keys.find((k) => !target.every((c) => k.columns.some((kc) => kc.column === c)));
  if (missing) return drop(`PostgreSQL requires the partition key (${target.join(', ')}) in every primary key and unique constraint, and ${missing.name ?? 'a key'} (${missing.columns.map((c) => c.column).join(', ')}) lacks it`);
  if (p.method === 'list' && target.length > 1) {
    return drop('LIST COLUMNS over several columns');
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
      const mapped = [];
      for (const v of values) {
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
    expr: target.map((c) => ({ kind: 'column', parts: [c] })),
    ...(method === 'hash' ? { count: partitions.length } : {}),
    partitions,
    raw: p.raw,
    span: p.span,
  };
}
