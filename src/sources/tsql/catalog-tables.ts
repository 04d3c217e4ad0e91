import type { Column, Table } from '../../model/catalog.js';
import { objectPath, schemaOf } from '../../model/catalog.js';
import type { SysColumn, SysIdentityColumn, SysTable } from './catalog-rows.js';
import { bit } from './catalog-rows.js';
import { type BuildContext, type TableEntry, byName, catalogExpr, liveSpan, objectFile, report, schemaNameOf } from './catalog-context.js';
import { groupBy } from '../../collections.js';
import { typeFromCatalog } from './catalog-types.js';

/** generated_always_type 5-8 (ledger / transaction columns), spelled as the script parser reports them. */
const GENERATED_DROPPED: Record<number, string> = {
  5: 'TRANSACTION_ID START', 6: 'TRANSACTION_ID END', 7: 'SEQUENCE_NUMBER START', 8: 'SEQUENCE_NUMBER END',
};

/** sys.tables + sys.columns (+ identity, computed, default) → Table and Column nodes in their schemas, by name. */
export function buildTables(ctx: BuildContext): void {
  const columnsOf = groupBy(ctx.rows.columns, (c) => c.object_id);
  const identity = new Map(ctx.rows.identityColumns.map((r) => [`${r.object_id}.${r.column_id}`, r]));
  const tables = ctx.rows.tables
    .filter((t) => ctx.included.has(t.schema_id))
    .sort((a, b) => byName(schemaNameOf(ctx, a.schema_id), schemaNameOf(ctx, b.schema_id)) || byName(a.name, b.name));
  for (const row of tables) {
    const name = { schema: schemaNameOf(ctx, row.schema_id), name: row.name };
    const file = objectFile(ctx, name);
    const table: Table = { name, columns: [], uniques: [], checks: [], foreignKeys: [], indexes: [], options: {}, span: liveSpan(file) };
    const entry: TableEntry = { table, columns: new Map(), file };
    for (const c of [...(columnsOf.get(row.object_id) ?? [])].sort((a, b) => a.column_id - b.column_id)) {
      const col = columnFromRow(ctx, c, file, identity.get(`${c.object_id}.${c.column_id}`));
      table.columns.push(col);
      entry.columns.set(c.column_id, col);
    }
    applyTableFacts(ctx, row, entry);
    ctx.tables.set(row.object_id, entry);
    schemaOf(ctx.catalog, name.schema).tables.push(table);
  }
  applyComputedColumns(ctx);
  applyDefaults(ctx);
}

export function columnFromRow(ctx: BuildContext, r: SysColumn, file: string, id?: SysIdentityColumn): Column {
  const type = ctx.types.get(r.user_type_id);
  const col: Column = {
    name: r.name,
    type: type ? typeFromCatalog(type, r, (s) => schemaNameOf(ctx, s)) : { name: `type#${r.user_type_id}`, args: [], raw: `type#${r.user_type_id}` },
    nullable: bit(r.is_nullable),
    span: liveSpan(file),
  };
  if (!type) report(ctx, 'PGS1001', `column ${r.name}: user_type_id ${r.user_type_id} is not in sys.types`, { span: col.span });
  if (id && bit(r.is_identity)) col.identity = { start: variantBigint(id.seed_value, 1n), increment: variantBigint(id.increment_value, 1n) };
  if (r.collation_name && r.collation_name !== ctx.implicitCollation) col.collation = r.collation_name;
  if (r.generated_always_type === 1) col.periodRole = 'start';
  else if (r.generated_always_type === 2) col.periodRole = 'end';
  else if (GENERATED_DROPPED[r.generated_always_type]) {
    report(ctx, 'PGS1011', `GENERATED ALWAYS AS ${GENERATED_DROPPED[r.generated_always_type]} dropped`, { span: col.span, object: `column ${r.name}` });
  }
  // One fixed order for the source-only attributes, so the same column always carries the same list.
  const flags = [
    id && bit(id.is_not_for_replication) ? 'not_for_replication' : '',
    bit(r.is_rowguidcol) ? 'rowguidcol' : '', bit(r.is_sparse) ? 'sparse' : '', bit(r.is_filestream) ? 'filestream' : '',
    bit(r.is_hidden) ? 'hidden' : '', bit(r.is_masked) ? 'masked' : '', r.encryption_type ? 'encrypted' : '',
    bit(r.is_column_set) ? 'column_set' : '',
  ].filter(Boolean);
  if (flags.length) col.flags = flags;
  return col;
}

/** sql_variant read as decimal text; a fraction (never seen for identity or sequences) is cut. */
export function variantBigint(v: string | number | bigint | null | undefined, fallback: bigint): bigint {
  if (v === null || v === undefined) return fallback;
  if (typeof v === 'bigint') return v;
  return BigInt(String(v).trim().replace(/\.\d*$/, ''));
}

function applyTableFacts(ctx: BuildContext, row: SysTable, entry: TableEntry): void {
  const { table } = entry;
  const cols = table.columns;
  const start = cols.find((c) => c.periodRole === 'start');
  const end = cols.find((c) => c.periodRole === 'end');
  if (start && end) table.temporal = { start: start.name, end: end.name };
  if (row.temporal_type === 2) {
    table.options.system_versioning = 'on';
    const history = row.history_table_id !== null ? ctx.tableNames.get(row.history_table_id) : undefined;
    if (history && table.temporal) table.temporal.history = { ...history };
  }
  if (bit(row.is_memory_optimized)) {
    table.options.memory_optimized = 'on';
    if (row.durability_desc) table.options.durability = row.durability_desc.toLowerCase();
  }
  if (bit(row.is_filetable)) table.options.filetable = 'on';
}

function applyComputedColumns(ctx: BuildContext): void {
  for (const r of ctx.rows.computedColumns) {
    const entry = ctx.tables.get(r.object_id);
    const col = entry?.columns.get(r.column_id);
    if (!entry || !col) continue;
    const expr = catalogExpr(ctx, r.definition, entry.file, objectPath('table', entry.table.name));
    // The server knows the computed column's type; the script parser leaves it empty and the transpiler infers it.
    col.generated = { expr, raw: r.definition, stored: bit(r.is_persisted) };
  }
}

function applyDefaults(ctx: BuildContext): void {
  for (const r of ctx.rows.defaultConstraints) {
    const entry = ctx.tables.get(r.parent_object_id);
    const col = entry?.columns.get(r.parent_column_id);
    if (!entry || !col) continue;
    col.default = catalogExpr(ctx, r.definition, entry.file, objectPath('table', entry.table.name));
    col.defaultRaw = r.definition;
    // A generated name (DF__Orders__Amount__3A81B327) was never written; the script parser has none either.
    if (!bit(r.is_system_named)) col.defaultName = r.name;
  }
}
