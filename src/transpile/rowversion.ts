import type { Sequence } from '../model/catalog.js';
import type { Expr } from '../model/expr.js';
import type { DataType } from '../model/types.js';
import { quoteQName } from './draft.js';
import type { TableScope } from './scope.js';

const ROWVERSION = /^(rowversion|timestamp)$/i;

/**
 * SQL Server rowversion/timestamp is a counter the server sets on every insert and update. PostgreSQL gets the same
 * from one sequence per schema: the column default on insert, the table's update trigger after (8 big-endian bytes
 * for bytea, as SQL Server's binary(8); the number itself when the column was mapped to bigint).
 * Returns the value expression, or undefined for other columns.
 */
export function rowversionValue(s: TableScope, source: DataType, target: DataType): { expr: Expr; sequence: Sequence } | undefined {
  if (s.ctx.dialect !== 'tsql' || !ROWVERSION.test(source.name)) return undefined;
  const t = target.name.toLowerCase();
  if (t !== 'bytea' && t !== 'bigint') return undefined;
  const sequence: Sequence = { name: { schema: s.target.schema, name: s.ctx.names.fold('rowversion_seq') }, span: s.src.span };
  const next: Expr = { kind: 'call', name: ['nextval'], args: [{ kind: 'string', value: quoteQName(sequence.name) }] };
  return { expr: t === 'bytea' ? { kind: 'call', name: ['int8send'], args: [next] } : next, sequence };
}
