import grammar from '../../../grammars/tsql.json' with { type: 'json' };
import type { Catalog, QName, Sequence, Table, UserType, View } from '../../model/catalog.js';
import { emptySchema, objectPath, schemaOf } from '../../model/catalog.js';
import type { MssqlCatalogRows, SysExtendedProperty } from './catalog-rows.js';
import { bit } from './catalog-rows.js';
import { type BuildContext, byName, liveSpan, objectFile, report, schemaNameOf } from './catalog-context.js';
import { buildChecks, buildForeignKeys, buildIndexes } from './catalog-keys.js';
import { buildModules } from './catalog-modules.js';
import { buildTables, columnFromRow, variantBigint } from './catalog-tables.js';
import { aliasBase, bracket, typeFromCatalog, typeText } from './catalog-types.js';

export interface CatalogFromRowsOptions {
  /** Only these schemas (case-insensitive); all user schemas by default. */
  schemas?: string[];
}

/**
 * Build the IR the T-SQL script parser builds for the same database, from the rows of ./catalog/*.sql.
 * Pure: no I/O, so it is tested with recorded rows. `source` names the database (mssql://host:port/db, never a password).
 */
export function catalogFromRows(rows: MssqlCatalogRows, source: string, options: CatalogFromRowsOptions = {}): Catalog {
  const catalog: Catalog = { dialect: 'tsql', schemas: [], diagnostics: [] };
  const wanted = options.schemas?.map((s) => s.toLowerCase());
  const ctx: BuildContext = {
    rows, catalog, source,
    schemaNames: new Map(rows.schemas.map((s) => [s.schema_id, s.name])),
    included: new Set(rows.schemas.filter((s) => !wanted || wanted.includes(s.name.toLowerCase())).map((s) => s.schema_id)),
    types: new Map(rows.types.map((t) => [t.user_type_id, t])),
    tables: new Map(),
    tableNames: new Map(),
    columnNames: new Map(),
  };
  for (const t of rows.tables) ctx.tableNames.set(t.object_id, { schema: schemaNameOf(ctx, t.schema_id), name: t.name });
  const collation = rows.database.collation_name ?? undefined;
  // pgshift reads an implicit T-SQL collation as case-insensitive, accent-sensitive; any other default stays explicit.
  if (collation && /_CI_AS(_|$)/i.test(collation)) ctx.implicitCollation = collation;
  for (const c of rows.columns) {
    let m = ctx.columnNames.get(c.object_id);
    if (!m) ctx.columnNames.set(c.object_id, (m = new Map()));
    m.set(c.column_id, c.name);
  }
  for (const s of [...rows.schemas].sort((a, b) => byName(a.name, b.name))) {
    if (!ctx.included.has(s.schema_id)) continue;
    const schema = emptySchema(s.name);
    // dbo exists in every database; a script declares the other schemas with CREATE SCHEMA.
    if (s.name !== 'dbo') schema.declared = true;
    schema.span = liveSpan(`${source}/${s.name}`);
    catalog.schemas.push(schema);
  }
  buildUserTypes(ctx);
  buildTables(ctx);
  buildIndexes(ctx);
  buildChecks(ctx);
  buildForeignKeys(ctx);
  buildSequences(ctx);
  buildModules(ctx);
  applyExtendedProperties(ctx);
  catalog.schemas = catalog.schemas.filter((s) => s.declared || s.comment !== undefined || hasObjects(s));
  return catalog;
}

function hasObjects(s: Catalog['schemas'][number]): boolean {
  return s.tables.length + s.views.length + s.routines.length + s.triggers.length + s.sequences.length + s.types.length > 0;
}

/** Alias types (CREATE TYPE x FROM base) and table types, by name; CLR types are reported. */
function buildUserTypes(ctx: BuildContext): void {
  const tableTypeObject = new Map(ctx.rows.tableTypes.map((t) => [t.user_type_id, t.type_table_object_id]));
  const types = ctx.rows.types
    .filter((t) => bit(t.is_user_defined) && ctx.included.has(t.schema_id))
    .sort((a, b) => byName(schemaNameOf(ctx, a.schema_id), schemaNameOf(ctx, b.schema_id)) || byName(a.name, b.name));
  const schemaName = (id: number): string => schemaNameOf(ctx, id);
  for (const t of types) {
    const name: QName = { schema: schemaName(t.schema_id), name: t.name };
    const span = liveSpan(objectFile(ctx, name));
    if (bit(t.is_assembly_type)) {
      report(ctx, 'PGS1012', `CREATE TYPE ${name.schema}.${name.name} (CLR type) skipped`, { span, object: objectPath('type', name) });
      continue;
    }
    let type: UserType;
    if (bit(t.is_table_type)) {
      const objectId = tableTypeObject.get(t.user_type_id);
      const cols = ctx.rows.columns.filter((c) => c.object_id === objectId).sort((a, b) => a.column_id - b.column_id);
      const columns = cols.map((c) => columnFromRow(ctx, c, span.file));
      const lines = columns.map((col) => `\t${bracket(col.name)} ${typeText(col.type)} ${col.nullable ? 'NULL' : 'NOT NULL'}`);
      // Rebuilt from the columns: the server keeps no text for a table type. The columns make its composite type.
      type = { kind: 'table', name, text: `CREATE TYPE ${bracket(name.schema)}.${bracket(name.name)} AS TABLE(\n${lines.join(',\n')}\n)`, columns, span };
    } else {
      const base = aliasBase(t, ctx.types, schemaName);
      type = { kind: 'alias', name, nullable: bit(t.is_nullable), span };
      if (base) type.base = base;
    }
    schemaOf(ctx.catalog, name.schema).types.push(type);
  }
}

/** sys.sequences with type, start, increment and bounds (as SSMS scripts them); NO CACHE is cache 1 like the script parser's. */
function buildSequences(ctx: BuildContext): void {
  const seqs = ctx.rows.sequences
    .filter((s) => ctx.included.has(s.schema_id))
    .sort((a, b) => byName(schemaNameOf(ctx, a.schema_id), schemaNameOf(ctx, b.schema_id)) || byName(a.name, b.name));
  for (const r of seqs) {
    const name: QName = { schema: schemaNameOf(ctx, r.schema_id), name: r.name };
    const seq: Sequence = {
      name,
      start: variantBigint(r.start_value, 1n), increment: variantBigint(r.increment, 1n),
      min: variantBigint(r.minimum_value, 0n), max: variantBigint(r.maximum_value, 0n),
      span: liveSpan(objectFile(ctx, name)),
    };
    // NO CYCLE is the default a script leaves unwritten.
    if (bit(r.is_cycling)) seq.cycle = true;
    const type = ctx.types.get(r.user_type_id);
    if (type) seq.type = typeFromCatalog(type, { max_length: 0, precision: r.precision, scale: r.scale }, (id) => schemaNameOf(ctx, id));
    if (!bit(r.is_cached)) seq.cache = 1n;
    else if (r.cache_size !== null) seq.cache = BigInt(r.cache_size);
    schemaOf(ctx.catalog, name.schema).sequences.push(seq);
  }
}

/** Extended properties that describe an object (grammars/tsql.json). */
const DESCRIPTION_PROPERTIES = new Set(grammar.descriptionProperties.map((x) => x.toLowerCase()));

const LEVEL1_TYPES: Record<string, string> = { V: 'VIEW', P: 'PROCEDURE', FN: 'FUNCTION', IF: 'FUNCTION', TF: 'FUNCTION', TR: 'TRIGGER' };

/** A description (MS_Description, Description) on a schema, table or table column becomes a comment; every other property is reported. */
function applyExtendedProperties(ctx: BuildContext): void {
  const parts = { constraints: new Map<number, { table: number; name: string }>(), indexes: new Map<string, { table: number; name: string }>() };
  for (const k of [...ctx.rows.keyConstraints, ...ctx.rows.checkConstraints, ...ctx.rows.foreignKeys]) parts.constraints.set(k.object_id, { table: k.parent_object_id, name: k.name });
  for (const i of ctx.rows.indexes) if (i.name) parts.indexes.set(`${i.object_id}.${i.index_id}`, { table: i.object_id, name: i.name });
  const owners: Owners = new Map();
  for (const t of ctx.rows.tables) owners.set(t.object_id, { schema_id: t.schema_id, name: t.name, level1: 'TABLE' });
  for (const m of ctx.rows.modules) owners.set(m.object_id, { schema_id: m.schema_id, name: m.name, level1: LEVEL1_TYPES[m.type.trim()] ?? m.type.trim() });
  for (const p of ctx.rows.extendedProperties) {
    const isDescription = DESCRIPTION_PROPERTIES.has(p.name.toLowerCase());
    const where = describeTarget(ctx, p, owners);
    if (where === null) continue; // outside the requested schemas
    if (isDescription && p.value !== null) {
      if (p.class === 3) {
        const schema = ctx.catalog.schemas.find((s) => s.name === schemaNameOf(ctx, p.major_id));
        if (schema) { schema.comment = p.value; continue; }
      }
      const entry = p.class === 1 ? ctx.tables.get(p.major_id) : undefined;
      if (entry && p.minor_id === 0) { entry.table.comment = p.value; continue; }
      const col = entry?.columns.get(p.minor_id);
      if (col) { col.comment = p.value; continue; }
      // A constraint (its own object) or an index (class 7: table and index_id): COMMENT ON CONSTRAINT / INDEX.
      const part = p.class === 1 ? parts.constraints.get(p.major_id) : p.class === 7 ? parts.indexes.get(`${p.major_id}.${p.minor_id}`) : undefined;
      const named = part && namedPart(ctx.tables.get(part.table)?.table, part.name);
      if (named) { named.comment = p.value; continue; }
      // A view or one of its columns: COMMENT ON VIEW / COLUMN, as from a script.
      const owner = p.class === 1 ? owners.get(p.major_id) : undefined;
      const view = owner?.level1 === 'VIEW' ? viewNamed(ctx, owner.schema_id, owner.name) : undefined;
      const viewColumn = view && p.minor_id !== 0 ? ctx.columnNames.get(p.major_id)?.get(p.minor_id) : undefined;
      if (view && p.minor_id === 0) { view.comment = p.value; continue; }
      if (view && viewColumn !== undefined) { (view.columnComments ??= []).push({ column: viewColumn, comment: p.value }); continue; }
    }
    const message = isDescription ? `${p.name} on ${where} not carried over` : `extended property ${p.name} (${where}) not carried over`;
    report(ctx, 'PGS1012', message, { span: liveSpan(`${ctx.source}`) });
  }
}

function viewNamed(ctx: BuildContext, schemaId: number, name: string): View | undefined {
  const schema = schemaNameOf(ctx, schemaId);
  return ctx.catalog.schemas.find((s) => s.name === schema)?.views.find((v) => v.name.name === name);
}

/** The key, index or constraint of a table by its name (a primary or unique key is also an index). */
function namedPart(t: Table | undefined, name: string): { comment?: string } | undefined {
  if (!t) return undefined;
  const all: { name?: string; comment?: string }[] = [...(t.primaryKey ? [t.primaryKey] : []), ...t.uniques, ...t.indexes, ...t.checks, ...t.foreignKeys];
  return all.find((x) => x.name === name);
}

/** 'SCHEMA dbo, TABLE Orders, COLUMN Id' as sp_addextendedproperty names it; null when out of scope. */
type Owners = Map<number, { schema_id: number; name: string; level1: string }>;

function describeTarget(ctx: BuildContext, p: SysExtendedProperty, owners: Owners): string | null {
  if (p.class === 0) return 'the database';
  if (p.class === 3) return ctx.included.has(p.major_id) ? `SCHEMA ${schemaNameOf(ctx, p.major_id)}` : null;
  if (p.class !== 1) return `${p.class_desc} ${p.major_id}.${p.minor_id}`;
  const owner = owners.get(p.major_id);
  if (!owner) return `object ${p.major_id}`;
  if (!ctx.included.has(owner.schema_id)) return null;
  const base = `SCHEMA ${schemaNameOf(ctx, owner.schema_id)}, ${owner.level1} ${owner.name}`;
  if (p.minor_id === 0) return base;
  return `${base}, COLUMN ${ctx.columnNames.get(p.major_id)?.get(p.minor_id) ?? `#${p.minor_id}`}`;
}
