import type { KeyPart } from '../model/catalog.js';
import type { Expr } from '../model/expr.js';
import type { SourceSpan } from '../model/source.js';
import { dataType, type DataType } from '../model/types.js';
import { report, type TableScope } from './scope.js';

/** A btree entry holds about 2700 bytes; a column whose values can be longer cannot be indexed whole. */
const BTREE_SAFE_CHARS = 675; // 2700 bytes of 4-byte UTF-8
const BTREE_SAFE_BYTES = 2700;
/** Source types whose first argument bounds their length (characters, or bytes for the binary ones). */
const BOUNDED = new Set(['varchar', 'char', 'nvarchar', 'nchar', 'varbinary', 'binary', 'character', 'national']);
const TINY = new Set(['tinytext', 'tinyblob']);

/** The declared length of a source column, when its type bounds it. */
function declaredLength(type: DataType | undefined): number | undefined {
  if (!type) return undefined;
  const n = type.name.toLowerCase();
  if (TINY.has(n)) return 255;
  return BOUNDED.has(n) && typeof type.args[0] === 'number' ? type.args[0] : undefined;
}

/**
 * A MySQL key prefix `col(n)`, as a PostgreSQL key part. A prefix as long as the column is the column. A unique key
 * keeps its meaning as a unique index over the prefix, left(col, n) (substring for bytes). A plain index covers the
 * whole value when every value fits a btree entry, and else the prefix too, so long values still load. A primary
 * key cannot hold an expression: it covers the whole value (reported).
 */
export function prefixKeyPart(s: TableScope, source: string, out: KeyPart, length: number, what: string, kind: 'primary' | 'unique' | 'index', span?: SourceSpan): void {
  const type = s.columnTypes.get(out.column);
  const lower = source.toLowerCase();
  const declared = declaredLength(s.src.columns.find((c) => c.name.toLowerCase() === lower)?.type);
  if (declared !== undefined && length >= declared) return;
  const bytes = type?.name === 'bytea';
  const whole = `${out.column}(${length})`;
  if (kind === 'primary') {
    report(s, 'PGS2015', `${what}: prefix length ${whole} dropped; uniqueness now applies to the whole value, not its first ${length} ${bytes ? 'bytes' : 'characters'}`, { severity: 'warning', span });
    return;
  }
  const fitsWhole = declared !== undefined && declared <= (bytes ? BTREE_SAFE_BYTES : BTREE_SAFE_CHARS);
  if (kind === 'index' && fitsWhole) {
    report(s, 'PGS2015', `${what}: prefix length ${whole} dropped; the index covers the whole value`, { severity: 'info', span });
    return;
  }
  out.expr = prefixExpr(out.column, length, type, bytes);
  const why = kind === 'unique'
    ? `a unique index over its first ${length} ${bytes ? 'bytes' : 'characters'}, as MySQL compares them`
    : `an index over its first ${length} ${bytes ? 'bytes' : 'characters'} (a whole value may exceed a btree entry's ${BTREE_SAFE_BYTES} bytes); queries compare that prefix to use it`;
  report(s, 'PGS2008', `${what}: ${whole} becomes ${why}`, { severity: 'info', span });
}

function prefixExpr(column: string, length: number, type: DataType | undefined, bytes: boolean): Expr {
  const col: Expr = { kind: 'column', parts: [column] };
  const n: Expr = { kind: 'number', value: String(length) };
  if (bytes) return { kind: 'call', name: ['substring'], args: [col, { kind: 'number', value: '1' }, n] };
  const left: Expr = { kind: 'call', name: ['left'], args: [col, n] };
  // left() returns text: a citext column's prefix stays case-insensitive through a cast back.
  return type?.name === 'citext' ? { kind: 'cast', expr: left, type: dataType('citext'), form: 'pg' } : left;
}
