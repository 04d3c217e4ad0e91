/**
 * Rows of the catalog queries in ./catalog/*.sql, in the shapes Microsoft documents for the sys.* views
 * (column names as documented; bit columns arrive as booleans from the mssql driver, 0/1 also accepted).
 * The sql_variant columns (identity seed/increment, sequence bounds) are converted to exact decimal text by the queries.
 */
export type Bit = boolean | 0 | 1;
/** sql_variant numbers as the queries return them (decimal text); plain numbers accepted too. */
export type VariantNumber = string | number | bigint;

/** sys.databases (the current database only). */
export interface SysDatabase { name: string; collation_name: string | null }

/** sys.schemas */
export interface SysSchema { schema_id: number; name: string }

/** sys.tables; temporal_type 0 non-temporal, 1 history table, 2 system-versioned. */
export interface SysTable {
  object_id: number; schema_id: number; name: string;
  temporal_type: number; history_table_id: number | null;
  is_memory_optimized: Bit; durability_desc: string | null; is_filetable: Bit;
}

/** sys.columns; max_length in bytes (-1 for max); generated_always_type 1 ROW START, 2 ROW END, 5-8 transaction id/sequence number. */
export interface SysColumn {
  object_id: number; column_id: number; name: string;
  system_type_id: number; user_type_id: number; max_length: number; precision: number; scale: number;
  collation_name: string | null; is_nullable: Bit; is_identity: Bit; is_computed: Bit; is_rowguidcol: Bit;
  is_sparse: Bit; is_column_set: Bit; is_filestream: Bit; generated_always_type: number;
  is_hidden: Bit; is_masked: Bit; encryption_type: number | null;
}

/** sys.types; an alias type has is_user_defined = 1 and system_type_id naming its base. */
export interface SysType {
  user_type_id: number; system_type_id: number; schema_id: number; name: string;
  max_length: number; precision: number; scale: number; is_nullable: Bit;
  is_user_defined: Bit; is_assembly_type: Bit; is_table_type: Bit;
}

/** sys.table_types: the object holding a table type's columns. */
export interface SysTableType { user_type_id: number; type_table_object_id: number }

/** sys.default_constraints */
export interface SysDefaultConstraint {
  object_id: number; name: string; parent_object_id: number; parent_column_id: number; definition: string; is_system_named: Bit;
}

/** sys.check_constraints; parent_column_id is non-zero for a column-level CHECK. */
export interface SysCheckConstraint {
  object_id: number; name: string; parent_object_id: number; parent_column_id: number; definition: string;
  is_disabled: Bit; is_not_trusted: Bit; is_not_for_replication: Bit; is_system_named: Bit;
}

/** sys.computed_columns (only the columns the introspector reads). */
export interface SysComputedColumn { object_id: number; column_id: number; definition: string; is_persisted: Bit }

/** sys.identity_columns (only the columns the introspector reads). */
export interface SysIdentityColumn {
  object_id: number; column_id: number; seed_value: VariantNumber | null; increment_value: VariantNumber | null; is_not_for_replication: Bit;
}

/**
 * sys.indexes; type 1 CLUSTERED, 2 NONCLUSTERED, 3 XML, 4 SPATIAL, 5 CLUSTERED COLUMNSTORE, 6 NONCLUSTERED COLUMNSTORE,
 * 7 NONCLUSTERED HASH (0 heap is not queried).
 */
export interface SysIndex {
  object_id: number; index_id: number; name: string | null; type: number; type_desc: string;
  is_unique: Bit; is_primary_key: Bit; is_unique_constraint: Bit; has_filter: Bit; filter_definition: string | null; is_disabled: Bit;
}

/** sys.index_columns */
export interface SysIndexColumn {
  object_id: number; index_id: number; index_column_id: number; column_id: number; key_ordinal: number;
  is_descending_key: Bit; is_included_column: Bit;
}

/** sys.key_constraints; type 'PK' or 'UQ'. */
export interface SysKeyConstraint {
  object_id: number; name: string; parent_object_id: number; type: string; unique_index_id: number; is_system_named: Bit;
}

/** sys.xml_indexes (only the columns the introspector reads); xml_index_type 0 primary, 1 secondary. */
export interface SysXmlIndex {
  object_id: number; index_id: number; using_xml_index_id: number | null; secondary_type_desc: string | null; xml_index_type: number;
}

/** sys.spatial_indexes (only the columns the introspector reads). */
export interface SysSpatialIndex { object_id: number; index_id: number; tessellation_scheme: string }

/** sys.foreign_keys; actions NO_ACTION, CASCADE, SET_NULL, SET_DEFAULT. */
export interface SysForeignKey {
  object_id: number; name: string; parent_object_id: number; referenced_object_id: number;
  is_disabled: Bit; is_not_trusted: Bit; is_not_for_replication: Bit;
  delete_referential_action_desc: string; update_referential_action_desc: string; is_system_named: Bit;
}

/** sys.foreign_key_columns */
export interface SysForeignKeyColumn {
  constraint_object_id: number; constraint_column_id: number; parent_object_id: number; parent_column_id: number;
  referenced_object_id: number; referenced_column_id: number;
}

/** sys.sequences (only the columns the introspector reads). */
export interface SysSequence {
  object_id: number; schema_id: number; name: string; user_type_id: number; precision: number; scale: number;
  start_value: VariantNumber; increment: VariantNumber; minimum_value: VariantNumber; maximum_value: VariantNumber;
  is_cycling: Bit; is_cached: Bit; cache_size: number | null;
}

/** sys.objects LEFT JOIN sys.sql_modules: type V, P, FN, IF, TF, TR (T-SQL text) or PC, FS, FT, AF (CLR, no text). */
export interface SysModule {
  object_id: number; schema_id: number; name: string; type: string; parent_object_id: number; definition: string | null;
}

/** sys.triggers; parent_class_desc OBJECT_OR_COLUMN (DML) or DATABASE (DDL). */
export interface SysTrigger {
  object_id: number; name: string; parent_class_desc: string; parent_id: number; is_instead_of_trigger: Bit; is_disabled: Bit;
}

/** sys.trigger_events (type_desc INSERT, UPDATE, DELETE for DML triggers). */
export interface SysTriggerEvent { object_id: number; type: number; type_desc: string }

/** sys.extended_properties; class 0 database, 1 object or column (minor_id = column_id), 3 schema. */
export interface SysExtendedProperty {
  class: number; class_desc: string; major_id: number; minor_id: number; name: string; value: string | null;
}

/** sys.fulltext_indexes (only the columns the introspector reads). */
export interface SysFulltextIndex { object_id: number; unique_index_id: number; is_enabled: Bit }

/** sys.fulltext_index_columns */
export interface SysFulltextIndexColumn { object_id: number; column_id: number; type_column_id: number | null; language_id: number }

/** Every catalog query's rows for one database. */
export interface MssqlCatalogRows {
  database: SysDatabase;
  schemas: SysSchema[];
  tables: SysTable[];
  columns: SysColumn[];
  types: SysType[];
  tableTypes: SysTableType[];
  defaultConstraints: SysDefaultConstraint[];
  checkConstraints: SysCheckConstraint[];
  computedColumns: SysComputedColumn[];
  identityColumns: SysIdentityColumn[];
  indexes: SysIndex[];
  indexColumns: SysIndexColumn[];
  keyConstraints: SysKeyConstraint[];
  xmlIndexes: SysXmlIndex[];
  spatialIndexes: SysSpatialIndex[];
  foreignKeys: SysForeignKey[];
  foreignKeyColumns: SysForeignKeyColumn[];
  sequences: SysSequence[];
  modules: SysModule[];
  triggers: SysTrigger[];
  triggerEvents: SysTriggerEvent[];
  extendedProperties: SysExtendedProperty[];
  /** Absent when the full-text views could not be read. */
  fulltextIndexes?: SysFulltextIndex[];
  fulltextIndexColumns?: SysFulltextIndexColumn[];
}

/** Which query fills which field: file name in ./catalog without .sql. */
export const CATALOG_QUERIES = {
  schemas: 'schemas', tables: 'tables', columns: 'columns', types: 'types', tableTypes: 'table-types',
  defaultConstraints: 'default-constraints', checkConstraints: 'check-constraints', computedColumns: 'computed-columns',
  identityColumns: 'identity-columns', indexes: 'indexes', indexColumns: 'index-columns', keyConstraints: 'key-constraints',
  xmlIndexes: 'xml-indexes', spatialIndexes: 'spatial-indexes', foreignKeys: 'foreign-keys', foreignKeyColumns: 'foreign-key-columns',
  sequences: 'sequences', modules: 'modules', triggers: 'triggers', triggerEvents: 'trigger-events',
  extendedProperties: 'extended-properties',
} as const satisfies Partial<Record<keyof MssqlCatalogRows, string>>;

/** Read only when present: full-text search may be unavailable (Azure SQL Edge, missing permission). */
export const OPTIONAL_CATALOG_QUERIES = {
  fulltextIndexes: 'fulltext-indexes', fulltextIndexColumns: 'fulltext-index-columns',
} as const satisfies Partial<Record<keyof MssqlCatalogRows, string>>;

export const bit = (b: Bit | null | undefined): boolean => b === true || b === 1;
