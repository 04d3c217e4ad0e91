// Catalog rows of a representative SQL Server database "Shop", in the shapes Microsoft documents for the sys.* views
// (as the mssql driver returns them: bit → boolean, char(2) object types padded 'V ', sql_variant numbers as the
// queries' decimal text). shop.sql is the same database as SSMS "Generate Scripts" writes it.
import type {
  MssqlCatalogRows, SysColumn, SysIndex, SysIndexColumn, SysType,
} from '../../../src/sources/tsql/catalog-rows.js';

const sys = (user_type_id: number, name: string, max_length: number, precision = 0, scale = 0, system_type_id = user_type_id, is_assembly_type = false): SysType => ({
  user_type_id, system_type_id, schema_id: 4, name, max_length, precision, scale, is_nullable: true,
  is_user_defined: false, is_assembly_type, is_table_type: false,
});

/** sys.types rows for the built-in types the database uses (ids as in every SQL Server database). */
const SYSTEM_TYPES: SysType[] = [
  sys(36, 'uniqueidentifier', 16), sys(42, 'datetime2', 8, 27, 7), sys(56, 'int', 4, 10), sys(104, 'bit', 1, 1),
  sys(106, 'decimal', 17, 38, 38), sys(127, 'bigint', 8, 19), sys(130, 'geography', -1, 0, 0, 240, true),
  sys(165, 'varbinary', 8000), sys(167, 'varchar', 8000), sys(189, 'timestamp', 8), sys(231, 'nvarchar', 8000),
  sys(241, 'xml', -1), sys(256, 'sysname', 256, 0, 0, 231),
];

type Facts = Pick<SysColumn, 'user_type_id' | 'system_type_id' | 'max_length' | 'precision' | 'scale'>;
const t = {
  int: { user_type_id: 56, system_type_id: 56, max_length: 4, precision: 10, scale: 0 },
  bigint: { user_type_id: 127, system_type_id: 127, max_length: 8, precision: 19, scale: 0 },
  bit: { user_type_id: 104, system_type_id: 104, max_length: 1, precision: 1, scale: 0 },
  uniqueidentifier: { user_type_id: 36, system_type_id: 36, max_length: 16, precision: 0, scale: 0 },
  xml: { user_type_id: 241, system_type_id: 241, max_length: -1, precision: 0, scale: 0 },
  rowversion: { user_type_id: 189, system_type_id: 189, max_length: 8, precision: 0, scale: 0 },
  geography: { user_type_id: 130, system_type_id: 240, max_length: -1, precision: 0, scale: 0 },
  phone: { user_type_id: 257, system_type_id: 231, max_length: 40, precision: 0, scale: 0 },
  nvarchar: (n: number | 'max'): Facts => ({ user_type_id: 231, system_type_id: 231, max_length: n === 'max' ? -1 : n * 2, precision: 0, scale: 0 }),
  varchar: (n: number): Facts => ({ user_type_id: 167, system_type_id: 167, max_length: n, precision: 0, scale: 0 }),
  varbinaryMax: { user_type_id: 165, system_type_id: 165, max_length: -1, precision: 0, scale: 0 },
  decimal: (p: number, s: number): Facts => ({ user_type_id: 106, system_type_id: 106, max_length: p <= 9 ? 5 : p <= 19 ? 9 : 13, precision: p, scale: s }),
  datetime2: (s: number): Facts => ({ user_type_id: 42, system_type_id: 42, max_length: s <= 2 ? 6 : s <= 4 ? 7 : 8, precision: 20 + s, scale: s }),
} satisfies Record<string, Facts | ((...a: never[]) => Facts)>;

const DB_COLLATION = 'SQL_Latin1_General_CP1_CI_AS';

/** One sys.columns row; documented columns not given are the server's values for a plain column. */
function column(object_id: number, column_id: number, name: string, type: Facts, extra: Partial<SysColumn> = {}): SysColumn {
  const isString = [167, 231].includes(type.system_type_id);
  return {
    object_id, column_id, name, ...type, collation_name: isString ? DB_COLLATION : null, is_nullable: true,
    is_identity: false, is_computed: false, is_rowguidcol: false, is_sparse: false, is_column_set: false, is_filestream: false,
    generated_always_type: 0, is_hidden: false, is_masked: false, encryption_type: null, ...extra,
  };
}
const notNull = { is_nullable: false };

function index(object_id: number, index_id: number, name: string | null, type: number, type_desc: string, extra: Partial<SysIndex> = {}): SysIndex {
  return {
    object_id, index_id, name, type, type_desc, is_unique: false, is_primary_key: false, is_unique_constraint: false,
    has_filter: false, filter_definition: null, is_disabled: false, ...extra,
  };
}
/** sys.index_columns rows: key columns get key_ordinal 1.., included (and XML/spatial/columnstore) columns 0. */
function indexColumns(object_id: number, index_id: number, keys: [number, boolean?][], included: number[] = [], unordered: number[] = []): SysIndexColumn[] {
  let n = 0;
  return [
    ...keys.map(([column_id, desc], i) => ({ object_id, index_id, index_column_id: ++n, column_id, key_ordinal: i + 1, is_descending_key: desc ?? false, is_included_column: false })),
    ...included.map((column_id) => ({ object_id, index_id, index_column_id: ++n, column_id, key_ordinal: 0, is_descending_key: false, is_included_column: true })),
    ...unordered.map((column_id) => ({ object_id, index_id, index_column_id: ++n, column_id, key_ordinal: 0, is_descending_key: false, is_included_column: false })),
  ];
}

// object ids
const CUSTOMERS = 901, ORDERS = 1001, ORDER_LINE_LIST = 1100, ORDER_LINES = 1201, PRODUCTS = 1301, PRICES = 1401,
  PRICES_HISTORY = 1501, SESSION_CACHE = 1601, ORDER_NO = 1701, V_ORDER_TOTALS = 1801, USP_ADD_ORDER = 1901, FN_NET = 2001,
  FN_ORDERS_OF = 2101, TRG_ORDERS_AUDIT = 2201, TRG_DDL = 2301;

export const VIEW_DEFINITION = `CREATE VIEW [dbo].[vOrderTotals]
WITH SCHEMABINDING
AS
SELECT o.CustomerId, SUM(o.Amount) AS Total, COUNT_BIG(*) AS N
FROM dbo.Orders AS o
GROUP BY o.CustomerId`;
export const PROC_DEFINITION = `-- Adds one order.
CREATE PROCEDURE [dbo].[usp_AddOrder] @CustomerId int, @Amount decimal(18, 2)
AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO dbo.Orders (CustomerId, Amount, Status) VALUES (@CustomerId, @Amount, 0);
END`;
export const FUNCTION_DEFINITION = `CREATE FUNCTION [dbo].[fn_Net] (@x decimal(18, 2))
RETURNS decimal(18, 2)
AS
BEGIN
  RETURN @x * 0.8;
END`;
export const TVF_DEFINITION = `CREATE FUNCTION [sales].[fn_OrdersOf] (@CustomerId int)
RETURNS TABLE
AS
RETURN (SELECT o.Id, o.Amount FROM dbo.Orders AS o WHERE o.CustomerId = @CustomerId)`;
export const TRIGGER_DEFINITION = `CREATE TRIGGER [dbo].[trg_Orders_Audit] ON [dbo].[Orders]
AFTER INSERT, UPDATE
AS
BEGIN
  SET NOCOUNT ON;
END`;

export const shopRows: MssqlCatalogRows = {
  database: { name: 'Shop', collation_name: DB_COLLATION },
  schemas: [{ schema_id: 1, name: 'dbo' }, { schema_id: 5, name: 'sales' }, { schema_id: 6, name: 'archive' }],
  tables: [
    { object_id: CUSTOMERS, schema_id: 5, name: 'Customers', temporal_type: 0, history_table_id: null, is_memory_optimized: false, durability_desc: 'SCHEMA_AND_DATA', is_filetable: false },
    { object_id: ORDERS, schema_id: 1, name: 'Orders', temporal_type: 0, history_table_id: null, is_memory_optimized: false, durability_desc: 'SCHEMA_AND_DATA', is_filetable: false },
    { object_id: ORDER_LINES, schema_id: 1, name: 'OrderLines', temporal_type: 0, history_table_id: null, is_memory_optimized: false, durability_desc: 'SCHEMA_AND_DATA', is_filetable: false },
    { object_id: PRODUCTS, schema_id: 1, name: 'Products', temporal_type: 0, history_table_id: null, is_memory_optimized: false, durability_desc: 'SCHEMA_AND_DATA', is_filetable: false },
    { object_id: PRICES, schema_id: 1, name: 'Prices', temporal_type: 2, history_table_id: PRICES_HISTORY, is_memory_optimized: false, durability_desc: 'SCHEMA_AND_DATA', is_filetable: false },
    { object_id: PRICES_HISTORY, schema_id: 1, name: 'PricesHistory', temporal_type: 1, history_table_id: null, is_memory_optimized: false, durability_desc: 'SCHEMA_AND_DATA', is_filetable: false },
    { object_id: SESSION_CACHE, schema_id: 1, name: 'SessionCache', temporal_type: 0, history_table_id: null, is_memory_optimized: true, durability_desc: 'SCHEMA_ONLY', is_filetable: false },
  ],
  columns: [
    column(CUSTOMERS, 1, 'Id', t.int, { ...notNull, is_identity: true }),
    column(CUSTOMERS, 2, 'Name', t.nvarchar(100), notNull),
    column(CUSTOMERS, 3, 'Email', t.nvarchar(200)),
    column(CUSTOMERS, 4, 'Phone', t.phone, { ...notNull, collation_name: DB_COLLATION }),
    column(CUSTOMERS, 5, 'Code', t.varchar(10), { collation_name: 'Latin1_General_CS_AS' }),
    column(CUSTOMERS, 6, 'RowGuid', t.uniqueidentifier, { ...notNull, is_rowguidcol: true }),
    column(CUSTOMERS, 7, 'Notes', t.nvarchar('max')),
    column(ORDERS, 1, 'Id', t.bigint, { ...notNull, is_identity: true }),
    column(ORDERS, 2, 'CustomerId', t.int, notNull),
    column(ORDERS, 3, 'OrderDate', t.datetime2(3), notNull),
    column(ORDERS, 4, 'Amount', t.decimal(18, 2), notNull),
    column(ORDERS, 5, 'Tax', t.decimal(20, 3), { is_computed: true }),
    column(ORDERS, 6, 'Total', t.decimal(20, 2), { is_computed: true }),
    column(ORDERS, 7, 'Status', t.int, notNull),
    column(ORDERS, 8, 'Deleted', t.bit, notNull),
    column(ORDERS, 9, 'Doc', t.xml),
    column(ORDERS, 10, 'Ver', t.rowversion, notNull),
    column(ORDERS, 11, 'Attachment', t.varbinaryMax),
    column(ORDER_LINE_LIST, 1, 'ProductId', t.int, notNull),
    column(ORDER_LINE_LIST, 2, 'Qty', t.int, notNull),
    column(ORDER_LINES, 1, 'OrderId', t.bigint, notNull),
    column(ORDER_LINES, 2, 'LineNo', t.int, notNull),
    column(ORDER_LINES, 3, 'ProductId', t.int, notNull),
    column(ORDER_LINES, 4, 'Qty', t.int, notNull),
    column(PRODUCTS, 1, 'Id', t.int, notNull),
    column(PRODUCTS, 2, 'Name', t.nvarchar(200), notNull),
    column(PRODUCTS, 3, 'Shape', t.geography),
    column(PRICES, 1, 'Id', t.int, notNull),
    column(PRICES, 2, 'Price', t.decimal(10, 2), notNull),
    column(PRICES, 3, 'ValidFrom', t.datetime2(7), { ...notNull, generated_always_type: 1, is_hidden: true }),
    column(PRICES, 4, 'ValidTo', t.datetime2(7), { ...notNull, generated_always_type: 2, is_hidden: true }),
    column(PRICES_HISTORY, 1, 'Id', t.int, notNull),
    column(PRICES_HISTORY, 2, 'Price', t.decimal(10, 2), notNull),
    column(PRICES_HISTORY, 3, 'ValidFrom', t.datetime2(7), notNull),
    column(PRICES_HISTORY, 4, 'ValidTo', t.datetime2(7), notNull),
    column(SESSION_CACHE, 1, 'Id', t.int, notNull),
    column(SESSION_CACHE, 2, 'Payload', t.varbinaryMax),
  ],
  types: [
    ...SYSTEM_TYPES,
    { user_type_id: 257, system_type_id: 231, schema_id: 1, name: 'Phone', max_length: 40, precision: 0, scale: 0, is_nullable: false, is_user_defined: true, is_assembly_type: false, is_table_type: false },
    { user_type_id: 258, system_type_id: 243, schema_id: 1, name: 'OrderLineList', max_length: -1, precision: 0, scale: 0, is_nullable: false, is_user_defined: true, is_assembly_type: false, is_table_type: true },
  ],
  tableTypes: [{ user_type_id: 258, type_table_object_id: ORDER_LINE_LIST }],
  defaultConstraints: [
    { object_id: 3001, name: 'DF__Customers__RowGu__29572725', parent_object_id: CUSTOMERS, parent_column_id: 6, definition: '(newid())', is_system_named: true },
    { object_id: 3002, name: 'DF_Orders_OrderDate', parent_object_id: ORDERS, parent_column_id: 3, definition: '(sysdatetime())', is_system_named: false },
    { object_id: 3003, name: 'DF_Orders_Amount', parent_object_id: ORDERS, parent_column_id: 4, definition: '((0))', is_system_named: false },
    { object_id: 3004, name: 'DF__Orders__Deleted__2A4B4B5E', parent_object_id: ORDERS, parent_column_id: 8, definition: '((0))', is_system_named: true },
  ],
  checkConstraints: [
    { object_id: 3101, name: 'CK_Orders_Status', parent_object_id: ORDERS, parent_column_id: 0, definition: '([Status]>=(0) AND [Status]<=(9))', is_disabled: false, is_not_trusted: false, is_not_for_replication: false, is_system_named: false },
    { object_id: 3102, name: 'CK_Orders_Amount', parent_object_id: ORDERS, parent_column_id: 4, definition: '([Amount]>=(0))', is_disabled: true, is_not_trusted: true, is_not_for_replication: false, is_system_named: false },
    { object_id: 3103, name: 'CK_Orders_Date', parent_object_id: ORDERS, parent_column_id: 3, definition: "([OrderDate]>='2000-01-01')", is_disabled: false, is_not_trusted: true, is_not_for_replication: false, is_system_named: false },
  ],
  computedColumns: [
    { object_id: ORDERS, column_id: 5, definition: '([Amount]*(0.2))', is_persisted: false },
    { object_id: ORDERS, column_id: 6, definition: '([Amount]*(2))', is_persisted: true },
  ],
  identityColumns: [
    { object_id: CUSTOMERS, column_id: 1, seed_value: '1', increment_value: '1', is_not_for_replication: false },
    { object_id: ORDERS, column_id: 1, seed_value: '1000', increment_value: '5', is_not_for_replication: true },
  ],
  indexes: [
    index(CUSTOMERS, 1, 'PK_Customers', 1, 'CLUSTERED', { is_unique: true, is_primary_key: true }),
    index(CUSTOMERS, 2, 'UQ_Customers_Email', 2, 'NONCLUSTERED', { is_unique: true, is_unique_constraint: true }),
    index(ORDERS, 1, 'PK_Orders', 1, 'CLUSTERED', { is_unique: true, is_primary_key: true }),
    index(ORDERS, 2, 'IX_Orders_Customer', 2, 'NONCLUSTERED', { has_filter: true, filter_definition: '([Deleted]=(0))' }),
    index(ORDERS, 3, 'NCCI_Orders', 6, 'NONCLUSTERED COLUMNSTORE'),
    index(ORDERS, 32000, 'PXML_Orders_Doc', 3, 'XML'),
    index(ORDERS, 32001, 'IXML_Orders_Doc_Path', 3, 'XML'),
    index(ORDER_LINES, 1, 'PK_OrderLines', 1, 'CLUSTERED', { is_unique: true, is_primary_key: true }),
    index(PRODUCTS, 1, 'PK__Products__3214EC07B1B2C3D4', 1, 'CLUSTERED', { is_unique: true, is_primary_key: true }),
    index(PRODUCTS, 2, 'UX_Products_Name', 2, 'NONCLUSTERED', { is_unique: true }),
    index(PRODUCTS, 384000, 'SIX_Products_Shape', 4, 'SPATIAL'),
    index(PRICES, 1, 'PK_Prices', 1, 'CLUSTERED', { is_unique: true, is_primary_key: true }),
    index(PRICES_HISTORY, 1, 'ix_PricesHistory', 1, 'CLUSTERED'),
    index(SESSION_CACHE, 2, 'PK_SessionCache', 7, 'NONCLUSTERED HASH', { is_unique: true, is_primary_key: true }),
    index(V_ORDER_TOTALS, 1, 'IX_vOrderTotals', 1, 'CLUSTERED', { is_unique: true }),
  ],
  indexColumns: [
    ...indexColumns(CUSTOMERS, 1, [[1]]),
    ...indexColumns(CUSTOMERS, 2, [[3]]),
    ...indexColumns(ORDERS, 1, [[1]]),
    ...indexColumns(ORDERS, 2, [[2], [3, true]], [4, 7]),
    // Columnstore columns are "included" with key_ordinal 0.
    ...indexColumns(ORDERS, 3, [], [4, 7]),
    ...indexColumns(ORDERS, 32000, [], [], [9]),
    ...indexColumns(ORDERS, 32001, [], [], [9]),
    ...indexColumns(ORDER_LINES, 1, [[1], [2]]),
    ...indexColumns(PRODUCTS, 1, [[1]]),
    ...indexColumns(PRODUCTS, 2, [[2]]),
    ...indexColumns(PRODUCTS, 384000, [], [], [3]),
    ...indexColumns(PRICES, 1, [[1]]),
    ...indexColumns(PRICES_HISTORY, 1, [[4], [3]]),
    ...indexColumns(SESSION_CACHE, 2, [[1]]),
    ...indexColumns(V_ORDER_TOTALS, 1, [[1]]),
  ],
  keyConstraints: [
    { object_id: 3201, name: 'PK_Customers', parent_object_id: CUSTOMERS, type: 'PK', unique_index_id: 1, is_system_named: false },
    { object_id: 3202, name: 'UQ_Customers_Email', parent_object_id: CUSTOMERS, type: 'UQ', unique_index_id: 2, is_system_named: false },
    { object_id: 3203, name: 'PK_Orders', parent_object_id: ORDERS, type: 'PK', unique_index_id: 1, is_system_named: false },
    { object_id: 3204, name: 'PK_OrderLines', parent_object_id: ORDER_LINES, type: 'PK', unique_index_id: 1, is_system_named: false },
    { object_id: 3205, name: 'PK__Products__3214EC07B1B2C3D4', parent_object_id: PRODUCTS, type: 'PK', unique_index_id: 1, is_system_named: true },
    { object_id: 3206, name: 'PK_Prices', parent_object_id: PRICES, type: 'PK', unique_index_id: 1, is_system_named: false },
    { object_id: 3207, name: 'PK_SessionCache', parent_object_id: SESSION_CACHE, type: 'PK', unique_index_id: 2, is_system_named: false },
  ],
  xmlIndexes: [
    { object_id: ORDERS, index_id: 32000, using_xml_index_id: null, secondary_type_desc: null, xml_index_type: 0 },
    { object_id: ORDERS, index_id: 32001, using_xml_index_id: 32000, secondary_type_desc: 'PATH', xml_index_type: 1 },
  ],
  spatialIndexes: [{ object_id: PRODUCTS, index_id: 384000, tessellation_scheme: 'GEOGRAPHY_AUTO_GRID' }],
  foreignKeys: [
    { object_id: 3301, name: 'FK_Orders_Customers', parent_object_id: ORDERS, referenced_object_id: CUSTOMERS, is_disabled: false, is_not_trusted: false, is_not_for_replication: false, delete_referential_action_desc: 'CASCADE', update_referential_action_desc: 'NO_ACTION', is_system_named: false },
    { object_id: 3302, name: 'FK_OrderLines_Orders', parent_object_id: ORDER_LINES, referenced_object_id: ORDERS, is_disabled: true, is_not_trusted: true, is_not_for_replication: false, delete_referential_action_desc: 'NO_ACTION', update_referential_action_desc: 'CASCADE', is_system_named: false },
    { object_id: 3303, name: 'FK__OrderLine__Produ__4AB81AF0', parent_object_id: ORDER_LINES, referenced_object_id: PRODUCTS, is_disabled: false, is_not_trusted: true, is_not_for_replication: true, delete_referential_action_desc: 'SET_NULL', update_referential_action_desc: 'SET_DEFAULT', is_system_named: true },
  ],
  foreignKeyColumns: [
    { constraint_object_id: 3301, constraint_column_id: 1, parent_object_id: ORDERS, parent_column_id: 2, referenced_object_id: CUSTOMERS, referenced_column_id: 1 },
    { constraint_object_id: 3302, constraint_column_id: 1, parent_object_id: ORDER_LINES, parent_column_id: 1, referenced_object_id: ORDERS, referenced_column_id: 1 },
    { constraint_object_id: 3303, constraint_column_id: 1, parent_object_id: ORDER_LINES, parent_column_id: 3, referenced_object_id: PRODUCTS, referenced_column_id: 1 },
  ],
  sequences: [
    { object_id: ORDER_NO, schema_id: 1, name: 'OrderNo', user_type_id: 127, precision: 19, scale: 0, start_value: '1000', increment: '1', minimum_value: '1', maximum_value: '9223372036854775807', is_cycling: false, is_cached: true, cache_size: 50 },
  ],
  modules: [
    { object_id: V_ORDER_TOTALS, schema_id: 1, name: 'vOrderTotals', type: 'V ', parent_object_id: 0, definition: VIEW_DEFINITION },
    { object_id: USP_ADD_ORDER, schema_id: 1, name: 'usp_AddOrder', type: 'P ', parent_object_id: 0, definition: PROC_DEFINITION },
    { object_id: FN_NET, schema_id: 1, name: 'fn_Net', type: 'FN', parent_object_id: 0, definition: FUNCTION_DEFINITION },
    { object_id: FN_ORDERS_OF, schema_id: 5, name: 'fn_OrdersOf', type: 'IF', parent_object_id: 0, definition: TVF_DEFINITION },
    { object_id: TRG_ORDERS_AUDIT, schema_id: 1, name: 'trg_Orders_Audit', type: 'TR', parent_object_id: ORDERS, definition: TRIGGER_DEFINITION },
    { object_id: 2401, schema_id: 1, name: 'usp_Secret', type: 'P ', parent_object_id: 0, definition: null },
  ],
  triggers: [
    { object_id: TRG_ORDERS_AUDIT, name: 'trg_Orders_Audit', parent_class_desc: 'OBJECT_OR_COLUMN', parent_id: ORDERS, is_instead_of_trigger: false, is_disabled: false },
    { object_id: TRG_DDL, name: 'trg_NoDrops', parent_class_desc: 'DATABASE', parent_id: 0, is_instead_of_trigger: false, is_disabled: false },
  ],
  triggerEvents: [
    { object_id: TRG_ORDERS_AUDIT, type: 1, type_desc: 'INSERT' },
    { object_id: TRG_ORDERS_AUDIT, type: 2, type_desc: 'UPDATE' },
    { object_id: TRG_DDL, type: 22, type_desc: 'DROP_TABLE' },
  ],
  extendedProperties: [
    { class: 1, class_desc: 'OBJECT_OR_COLUMN', major_id: CUSTOMERS, minor_id: 0, name: 'MS_Description', value: 'Customers of the shop' },
    { class: 1, class_desc: 'OBJECT_OR_COLUMN', major_id: CUSTOMERS, minor_id: 2, name: 'MS_Description', value: 'Full name, as printed on invoices' },
    { class: 1, class_desc: 'OBJECT_OR_COLUMN', major_id: ORDERS, minor_id: 0, name: 'Owner', value: 'billing team' },
    { class: 1, class_desc: 'OBJECT_OR_COLUMN', major_id: V_ORDER_TOTALS, minor_id: 0, name: 'MS_Description', value: 'Totals per customer' },
    { class: 3, class_desc: 'SCHEMA', major_id: 5, minor_id: 0, name: 'MS_Description', value: 'Customer-facing data' },
  ],
  fulltextIndexes: [{ object_id: PRODUCTS, unique_index_id: 2, is_enabled: true }],
  fulltextIndexColumns: [{ object_id: PRODUCTS, column_id: 2, type_column_id: null, language_id: 1033 }],
};
