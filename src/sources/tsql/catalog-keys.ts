import type { Check, ForeignKey, Index, IndexKind, Key, KeyPart, RefAction } from '../../model/catalog.js';
import { objectPath } from '../../model/catalog.js';
import type { SysIndexColumn } from './catalog-rows.js';
import { bit } from './catalog-rows.js';
import { type BuildContext, type TableEntry, byName, catalogExpr, liveSpan, objectFile, report, schemaNameOf } from './catalog-context.js';
import { groupBy } from '../../collections.js';

const KIND_BY_TYPE: Record<number, IndexKind> = { 1: 'plain', 2: 'plain', 3: 'xml', 4: 'spatial', 5: 'columnstore', 6: 'columnstore', 7: 'plain' };
// The script parser sets clustered only for what CLUSTERED/NONCLUSTERED can be written on (not XML or spatial).
const CLUSTERED_BY_TYPE: Record<number, boolean> = { 1: true, 2: false, 5: true, 6: false, 7: false };

const ACTIONS: Record<string, RefAction | undefined> = {
  NO_ACTION: undefined, CASCADE: 'cascade', SET_NULL: 'set null', SET_DEFAULT: 'set default',
};

/** sys.indexes + sys.index_columns (+ key constraints, XML and spatial facts) → primary key, uniques, indexes. */
export function buildIndexes(ctx: BuildContext): void {
  const columnsOf = groupBy(ctx.rows.indexColumns, (r) => `${r.object_id}.${r.index_id}`);
  const keyConstraint = new Map(ctx.rows.keyConstraints.map((k) => [`${k.parent_object_id}.${k.unique_index_id}`, k]));
  const xml = new Map(ctx.rows.xmlIndexes.map((x) => [`${x.object_id}.${x.index_id}`, x]));
  const spatial = new Map(ctx.rows.spatialIndexes.map((x) => [`${x.object_id}.${x.index_id}`, x]));
  const views = new Map(ctx.rows.modules.filter((m) => m.type.trim() === 'V').map((m) => [m.object_id, m]));
  const indexName = new Map(ctx.rows.indexes.map((i) => [`${i.object_id}.${i.index_id}`, i.name]));
  for (const ix of [...ctx.rows.indexes].sort((a, b) => a.object_id - b.object_id || a.index_id - b.index_id)) {
    const entry = ctx.tables.get(ix.object_id);
    if (!entry) {
      const view = views.get(ix.object_id);
      if (view && ctx.included.has(view.schema_id)) {
        const q = { schema: schemaNameOf(ctx, view.schema_id), name: view.name };
        report(ctx, 'PGS1012', `index ${ix.name} on view ${q.schema}.${q.name} (indexed view) skipped`, { span: liveSpan(objectFile(ctx, q)), object: objectPath('view', q) });
      }
      continue;
    }
    const id = `${ix.object_id}.${ix.index_id}`;
    const cols = [...(columnsOf.get(id) ?? [])];
    const object = objectPath('table', entry.table.name);
    if (bit(ix.is_disabled)) {
      report(ctx, 'PGS1011', `index ${ix.name} is disabled on the server; it is converted as an enabled index`, { span: entry.table.span, object });
    }
    if (bit(ix.is_primary_key) || bit(ix.is_unique_constraint)) {
      const kc = keyConstraint.get(id);
      const key: Key = { columns: keyParts(entry, cols), clustered: CLUSTERED_BY_TYPE[ix.type] ?? false, span: entry.table.span };
      const name = kc ? (bit(kc.is_system_named) ? undefined : kc.name) : ix.name ?? undefined;
      if (name) key.name = name;
      if (bit(ix.is_primary_key)) entry.table.primaryKey = key;
      else entry.table.uniques.push(key);
      continue;
    }
    const kind = KIND_BY_TYPE[ix.type];
    if (!kind) {
      report(ctx, 'PGS1012', `index ${ix.name} of type ${ix.type_desc} not carried over`, { span: entry.table.span, object });
      continue;
    }
    const index: Index = { unique: bit(ix.is_unique), kind, columns: [], include: [], span: entry.table.span };
    if (ix.name) index.name = ix.name;
    const clustered = CLUSTERED_BY_TYPE[ix.type];
    if (clustered !== undefined) index.clustered = clustered;
    if (kind === 'plain') {
      index.columns = keyParts(entry, cols);
      index.include = cols.filter((c) => bit(c.is_included_column)).sort(byColumnId).map((c) => columnName(entry, c.column_id));
    } else if (!(kind === 'columnstore' && clustered)) {
      // XML, spatial and nonclustered columnstore columns have key_ordinal 0: index_column_id orders them.
      index.columns = cols.sort(byColumnId).map((c) => ({ column: columnName(entry, c.column_id) }));
    }
    const x = xml.get(id);
    if (kind === 'xml' && x) {
      const primary = x.using_xml_index_id !== null ? indexName.get(`${ix.object_id}.${x.using_xml_index_id}`) : undefined;
      index.using = x.xml_index_type === 0 || !primary ? 'primary' : `${primary} for ${(x.secondary_type_desc ?? '').toLowerCase()}`;
    }
    const sp = spatial.get(id);
    if (kind === 'spatial' && sp) index.using = sp.tessellation_scheme.toLowerCase();
    if (bit(ix.has_filter) && ix.filter_definition) {
      index.where = catalogExpr(ctx, ix.filter_definition, entry.file, object);
      index.whereRaw = ix.filter_definition;
    }
    entry.table.indexes.push(index);
  }
  buildFulltextIndexes(ctx, indexName);
}

const byColumnId = (a: SysIndexColumn, b: SysIndexColumn): number => a.index_column_id - b.index_column_id;

function keyParts(entry: TableEntry, cols: SysIndexColumn[]): KeyPart[] {
  return cols
    .filter((c) => c.key_ordinal > 0)
    .sort((a, b) => a.key_ordinal - b.key_ordinal)
    .map((c) => (bit(c.is_descending_key) ? { column: columnName(entry, c.column_id), desc: true } : { column: columnName(entry, c.column_id) }));
}

function columnName(entry: TableEntry, columnId: number): string {
  return entry.columns.get(columnId)?.name ?? `column#${columnId}`;
}

/** Full-text indexes have no name: the script parser keeps `key index <name>` in `using`. */
function buildFulltextIndexes(ctx: BuildContext, indexName: Map<string, string | null>): void {
  const columnsOf = groupBy(ctx.rows.fulltextIndexColumns ?? [], (r) => r.object_id);
  for (const fi of ctx.rows.fulltextIndexes ?? []) {
    const entry = ctx.tables.get(fi.object_id);
    if (!entry) continue;
    const columns = [...(columnsOf.get(fi.object_id) ?? [])].sort((a, b) => a.column_id - b.column_id).map((c) => ({ column: columnName(entry, c.column_id) }));
    entry.table.indexes.push({
      unique: false, kind: 'fulltext', columns, include: [],
      using: `key index ${indexName.get(`${fi.object_id}.${fi.unique_index_id}`) ?? `#${fi.unique_index_id}`}`, span: entry.table.span,
    });
  }
}

/** sys.check_constraints → table checks, by name; disabled or untrusted ones are not enforced. */
export function buildChecks(ctx: BuildContext): void {
  for (const r of [...ctx.rows.checkConstraints].sort((a, b) => byName(a.name, b.name))) {
    const entry = ctx.tables.get(r.parent_object_id);
    if (!entry) continue;
    const object = objectPath('table', entry.table.name);
    const check: Check = { expr: catalogExpr(ctx, r.definition, entry.file, object), raw: r.definition, span: entry.table.span };
    if (!bit(r.is_system_named)) check.name = r.name;
    if (bit(r.is_disabled) || bit(r.is_not_trusted)) check.enforced = false;
    if (bit(r.is_not_for_replication)) {
      report(ctx, 'PGS1011', 'CHECK NOT FOR REPLICATION: the replication exemption is dropped', { span: entry.table.span, object });
    }
    entry.table.checks.push(check);
  }
}

/** sys.foreign_keys + sys.foreign_key_columns → foreign keys, by name; NO_ACTION is left unset as a script leaves it unwritten. */
export function buildForeignKeys(ctx: BuildContext): void {
  const columnsOf = groupBy(ctx.rows.foreignKeyColumns, (r) => r.constraint_object_id);
  for (const r of [...ctx.rows.foreignKeys].sort((a, b) => byName(a.name, b.name))) {
    const entry = ctx.tables.get(r.parent_object_id);
    if (!entry) continue;
    const object = objectPath('table', entry.table.name);
    const ref = ctx.tableNames.get(r.referenced_object_id);
    if (!ref) {
      report(ctx, 'PGS1001', `foreign key ${r.name}: referenced object ${r.referenced_object_id} is not a user table`, { span: entry.table.span, object });
      continue;
    }
    const cols = [...(columnsOf.get(r.object_id) ?? [])].sort((a, b) => a.constraint_column_id - b.constraint_column_id);
    const refCols = ctx.columnNames.get(r.referenced_object_id);
    const fk: ForeignKey = {
      columns: cols.map((c) => columnName(entry, c.parent_column_id)),
      ref: { ...ref },
      refColumns: cols.map((c) => refCols?.get(c.referenced_column_id) ?? `column#${c.referenced_column_id}`),
      span: entry.table.span,
    };
    if (!bit(r.is_system_named)) fk.name = r.name;
    const onDelete = ACTIONS[r.delete_referential_action_desc];
    const onUpdate = ACTIONS[r.update_referential_action_desc];
    if (onDelete) fk.onDelete = onDelete;
    if (onUpdate) fk.onUpdate = onUpdate;
    if (bit(r.is_disabled) || bit(r.is_not_trusted)) fk.enforced = false;
    if (bit(r.is_not_for_replication)) {
      report(ctx, 'PGS1011', 'FOREIGN KEY NOT FOR REPLICATION: the replication exemption is dropped', { span: entry.table.span, object });
    }
    entry.table.foreignKeys.push(fk);
  }
}
