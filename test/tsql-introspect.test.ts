import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalog, Schema } from '../src/model/catalog.js';
import type { Expr } from '../src/model/expr.js';
import type { DataType } from '../src/model/types.js';
import type { MssqlCatalogRows } from '../src/sources/tsql/catalog-rows.js';
import { catalogFromRows, introspectMssql, parseMssqlUrl } from '../src/sources/tsql/introspect.js';
import { connectionErrorMessage, redactUrl } from '../src/sources/tsql/mssql-url.js';
import { parseTsql } from '../src/sources/tsql/parser.js';
import { FUNCTION_DEFINITION, PROC_DEFINITION, shopRows, TRIGGER_DEFINITION, TVF_DEFINITION, VIEW_DEFINITION } from './fixtures-introspect/mssql/shop-rows.js';
import { bare } from './tsql-helpers.js';

const SOURCE = 'mssql://db1:1433/Shop';
const live = (rows: MssqlCatalogRows = shopRows, options?: { schemas?: string[] }): Catalog => catalogFromRows(rows, SOURCE, options);
const schemaOf = (c: Catalog, name: string): Schema => c.schemas.find((s) => s.name === name)!;
const tableOf = (c: Catalog, schema: string, name: string) => bare(schemaOf(c, schema).tables.find((t) => t.name.name === name)!);

const ty = (name: string, args: (number | 'max')[] = []): DataType => ({ name, args, raw: args.length ? `${name}(${args.join(',')})` : name });
const num = (value: string): Expr => ({ kind: 'number', value });
const col = (name: string): Expr => ({ kind: 'column', parts: [name] });
const paren = (expr: Expr): Expr => ({ kind: 'paren', expr });
const bin = (op: string, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });

describe('catalogFromRows (recorded sys.* rows of the Shop database)', () => {
  it('lists user schemas by name: dbo implied, the others declared, with their comments', () => {
    const c = live();
    expect(c.dialect).toBe('tsql');
    expect(c.schemas.map((s) => [s.name, s.declared, s.comment])).toEqual([
      ['archive', true, undefined], ['dbo', undefined, undefined], ['sales', true, 'Customer-facing data'],
    ]);
  });

  it('reads alias types (base sized from the alias row) and table types (text rebuilt from their columns)', () => {
    expect(bare(schemaOf(live(), 'dbo').types)).toEqual([
      { kind: 'table', name: { schema: 'dbo', name: 'OrderLineList' }, text: 'CREATE TYPE [dbo].[OrderLineList] AS TABLE(\n\t[ProductId] [int] NOT NULL,\n\t[Qty] [int] NOT NULL\n)',
        columns: [{ name: 'ProductId', type: ty('int'), nullable: false }, { name: 'Qty', type: ty('int'), nullable: false }] },
      { kind: 'alias', name: { schema: 'dbo', name: 'Phone' }, base: ty('nvarchar', [20]), nullable: false },
    ]);
  });

  it('carries descriptions of keys, foreign keys (constraint objects) and indexes (class 7) as their comments', () => {
    const prop = (cls: number, major: number, minor: number, value: string) => ({ class: cls, class_desc: cls === 7 ? 'INDEX' : 'OBJECT_OR_COLUMN', major_id: major, minor_id: minor, name: 'MS_Description', value });
    // 3201 PK_Customers and 3301 FK_Orders_Customers are constraint objects; index 2 of table 1001 is IX_Orders_Customer.
    const c = live({ ...shopRows, extendedProperties: [...shopRows.extendedProperties, prop(1, 3201, 0, 'the key'), prop(1, 3301, 0, 'who ordered'), prop(7, 1001, 2, 'orders by customer')] });
    const customers = schemaOf(c, 'sales').tables.find((t) => t.name.name === 'Customers') ?? schemaOf(c, 'dbo').tables.find((t) => t.name.name === 'Customers')!;
    const orders = schemaOf(c, 'dbo').tables.find((t) => t.name.name === 'Orders')!;
    expect(customers.primaryKey?.comment).toBe('the key');
    expect(orders.foreignKeys.find((f) => f.name === 'FK_Orders_Customers')?.comment).toBe('who ordered');
    expect(orders.indexes.find((i) => i.name === 'IX_Orders_Customer')?.comment).toBe('orders by customer');
    expect(c.diagnostics.filter((d) => /object 3201|object 3301|INDEX /.test(d.message))).toEqual([]);
  });

  it('reads columns: identity, alias type, collation other than the default, ROWGUIDCOL, system-named default, comments', () => {
    const t = tableOf(live(), 'sales', 'Customers');
    expect(t.comment).toBe('Customers of the shop');
    expect(t.columns).toEqual([
      { name: 'Id', type: ty('int'), nullable: false, identity: { start: 1n, increment: 1n } },
      { name: 'Name', type: ty('nvarchar', [100]), nullable: false, comment: 'Full name, as printed on invoices' },
      { name: 'Email', type: ty('nvarchar', [200]), nullable: true },
      { name: 'Phone', type: { name: 'Phone', args: [], schema: 'dbo', raw: 'dbo.Phone' }, nullable: false },
      { name: 'Code', type: ty('varchar', [10]), nullable: true, collation: 'Latin1_General_CS_AS' },
      {
        name: 'RowGuid', type: ty('uniqueidentifier'), nullable: false, flags: ['rowguidcol'],
        default: paren({ kind: 'call', name: ['newid'], args: [] }), defaultRaw: '(newid())',
      },
      { name: 'Notes', type: ty('nvarchar', ['max']), nullable: true },
    ]);
    expect(t.primaryKey).toEqual({ name: 'PK_Customers', columns: [{ column: 'Id' }], clustered: true });
    expect(t.uniques).toEqual([{ name: 'UQ_Customers_Email', columns: [{ column: 'Email' }], clustered: false }]);
  });

  it('reads types by size (bytes → characters, -1 → max), computed columns persisted and not, named defaults, NOT FOR REPLICATION identity', () => {
    const t = tableOf(live(), 'dbo', 'Orders');
    expect(t.columns).toEqual([
      { name: 'Id', type: ty('bigint'), nullable: false, identity: { start: 1000n, increment: 5n }, flags: ['not_for_replication'] },
      { name: 'CustomerId', type: ty('int'), nullable: false },
      {
        name: 'OrderDate', type: ty('datetime2', [3]), nullable: false,
        default: paren({ kind: 'call', name: ['sysdatetime'], args: [] }), defaultRaw: '(sysdatetime())', defaultName: 'DF_Orders_OrderDate',
      },
      { name: 'Amount', type: ty('decimal', [18, 2]), nullable: false, default: paren(paren(num('0'))), defaultRaw: '((0))', defaultName: 'DF_Orders_Amount' },
      { name: 'Tax', type: ty('decimal', [20, 3]), nullable: true, generated: { expr: paren(bin('*', col('Amount'), paren(num('0.2')))), raw: '([Amount]*(0.2))', stored: false } },
      { name: 'Total', type: ty('decimal', [20, 2]), nullable: true, generated: { expr: paren(bin('*', col('Amount'), paren(num('2')))), raw: '([Amount]*(2))', stored: true } },
      { name: 'Status', type: ty('int'), nullable: false },
      { name: 'Deleted', type: ty('bit'), nullable: false, default: paren(paren(num('0'))), defaultRaw: '((0))' },
      { name: 'Doc', type: ty('xml'), nullable: true },
      { name: 'Ver', type: ty('rowversion'), nullable: false },
      { name: 'Attachment', type: ty('varbinary', ['max']), nullable: true },
    ]);
  });

  it('reads CHECKs by name: disabled and untrusted ones are not enforced', () => {
    const t = tableOf(live(), 'dbo', 'Orders');
    expect(t.checks).toEqual([
      { name: 'CK_Orders_Amount', expr: paren(bin('>=', col('Amount'), paren(num('0')))), raw: '([Amount]>=(0))', enforced: false },
      { name: 'CK_Orders_Date', expr: paren(bin('>=', col('OrderDate'), { kind: 'string', value: '2000-01-01' })), raw: "([OrderDate]>='2000-01-01')", enforced: false },
      {
        name: 'CK_Orders_Status',
        expr: paren(bin('and', bin('>=', col('Status'), paren(num('0'))), bin('<=', col('Status'), paren(num('9'))))),
        raw: '([Status]>=(0) AND [Status]<=(9))',
      },
    ]);
  });

  it('reads foreign keys: actions (NO_ACTION unset), NOCHECK and untrusted, system names dropped', () => {
    expect(tableOf(live(), 'dbo', 'Orders').foreignKeys).toEqual([
      { name: 'FK_Orders_Customers', columns: ['CustomerId'], ref: { schema: 'sales', name: 'Customers' }, refColumns: ['Id'], onDelete: 'cascade' },
    ]);
    const lines = tableOf(live(), 'dbo', 'OrderLines');
    expect(lines.foreignKeys).toEqual([
      { columns: ['ProductId'], ref: { schema: 'dbo', name: 'Products' }, refColumns: ['Id'], onDelete: 'set null', onUpdate: 'set default', enforced: false },
      { name: 'FK_OrderLines_Orders', columns: ['OrderId'], ref: { schema: 'dbo', name: 'Orders' }, refColumns: ['Id'], onUpdate: 'cascade', enforced: false },
    ]);
    expect(lines.primaryKey).toEqual({ name: 'PK_OrderLines', columns: [{ column: 'OrderId' }, { column: 'LineNo' }], clustered: true });
  });

  it('reads indexes: filtered with INCLUDE and DESC, nonclustered columnstore, primary and secondary XML, spatial, full-text', () => {
    expect(tableOf(live(), 'dbo', 'Orders').indexes).toEqual([
      {
        name: 'IX_Orders_Customer', unique: false, kind: 'plain', clustered: false,
        columns: [{ column: 'CustomerId' }, { column: 'OrderDate', desc: true }], include: ['Amount', 'Status'],
        where: paren(bin('=', col('Deleted'), paren(num('0')))), whereRaw: '([Deleted]=(0))',
      },
      { name: 'NCCI_Orders', unique: false, kind: 'columnstore', clustered: false, columns: [{ column: 'Amount' }, { column: 'Status' }], include: [] },
      { name: 'PXML_Orders_Doc', unique: false, kind: 'xml', columns: [{ column: 'Doc' }], include: [], using: 'primary' },
      { name: 'IXML_Orders_Doc_Path', unique: false, kind: 'xml', columns: [{ column: 'Doc' }], include: [], using: 'PXML_Orders_Doc for path' },
    ]);
    const products = tableOf(live(), 'dbo', 'Products');
    expect(products.primaryKey).toEqual({ columns: [{ column: 'Id' }], clustered: true });
    expect(products.indexes).toEqual([
      { name: 'UX_Products_Name', unique: true, kind: 'plain', clustered: false, columns: [{ column: 'Name' }], include: [] },
      { name: 'SIX_Products_Shape', unique: false, kind: 'spatial', columns: [{ column: 'Shape' }], include: [], using: 'geography_auto_grid' },
      { unique: false, kind: 'fulltext', columns: [{ column: 'Name' }], include: [], using: 'key index UX_Products_Name' },
    ]);
    expect(tableOf(live(), 'dbo', 'PricesHistory').indexes).toEqual([
      { name: 'ix_PricesHistory', unique: false, kind: 'plain', clustered: true, columns: [{ column: 'ValidTo' }, { column: 'ValidFrom' }], include: [] },
    ]);
  });

  it('reads a clustered columnstore index without columns', () => {
    const rows: MssqlCatalogRows = {
      ...shopRows,
      indexes: [...shopRows.indexes.filter((i) => i.object_id !== 1501),
        { object_id: 1501, index_id: 1, name: 'CCI_PricesHistory', type: 5, type_desc: 'CLUSTERED COLUMNSTORE', is_unique: false, is_primary_key: false, is_unique_constraint: false, has_filter: false, filter_definition: null, is_disabled: false }],
      indexColumns: [...shopRows.indexColumns.filter((c) => c.object_id !== 1501),
        ...[1, 2, 3, 4].map((column_id) => ({ object_id: 1501, index_id: 1, index_column_id: column_id, column_id, key_ordinal: 0, is_descending_key: false, is_included_column: true }))],
    };
    expect(tableOf(live(rows), 'dbo', 'PricesHistory').indexes).toEqual([
      { name: 'CCI_PricesHistory', unique: false, kind: 'columnstore', clustered: true, columns: [], include: [] },
    ]);
  });

  it('reads a system-versioned temporal table and a memory-optimized table', () => {
    const prices = tableOf(live(), 'dbo', 'Prices');
    expect(prices.temporal).toEqual({ start: 'ValidFrom', end: 'ValidTo', history: { schema: 'dbo', name: 'PricesHistory' } });
    expect(prices.options).toEqual({ system_versioning: 'on' });
    expect(prices.columns.slice(2)).toEqual([
      { name: 'ValidFrom', type: ty('datetime2', [7]), nullable: false, periodRole: 'start', flags: ['hidden'] },
      { name: 'ValidTo', type: ty('datetime2', [7]), nullable: false, periodRole: 'end', flags: ['hidden'] },
    ]);
    expect(tableOf(live(), 'dbo', 'PricesHistory').temporal).toBeUndefined();
    const cache = tableOf(live(), 'dbo', 'SessionCache');
    expect(cache.options).toEqual({ memory_optimized: 'on', durability: 'schema_only' });
    expect(cache.primaryKey).toEqual({ name: 'PK_SessionCache', columns: [{ column: 'Id' }], clustered: false });
  });

  it('reads sequences, views, procedures, functions and triggers (text through the script parser)', () => {
    const c = live();
    const dbo = bare(schemaOf(c, 'dbo'));
    expect(dbo.sequences).toEqual([
      { name: { schema: 'dbo', name: 'OrderNo' }, type: ty('bigint'), start: 1000n, increment: 1n, min: 1n, max: 9223372036854775807n, cache: 50n },
    ]);
    expect(dbo.views).toEqual([{
      name: { schema: 'dbo', name: 'vOrderTotals' }, text: VIEW_DEFINITION, options: { schemabinding: 'true' }, comment: 'Totals per customer',
      query: 'SELECT o.CustomerId, SUM(o.Amount) AS Total, COUNT_BIG(*) AS N\nFROM dbo.Orders AS o\nGROUP BY o.CustomerId',
      select: {
        kind: 'select',
        columns: [
          { expr: { kind: 'column', parts: ['o', 'CustomerId'] } },
          { expr: { kind: 'call', name: ['SUM'], args: [{ kind: 'column', parts: ['o', 'Amount'] }] }, alias: 'Total' },
          { expr: { kind: 'call', name: ['COUNT_BIG'], args: [], star: true }, alias: 'N' },
        ],
        from: [{ kind: 'table', name: ['dbo', 'Orders'], alias: 'o' }], groupBy: [{ kind: 'column', parts: ['o', 'CustomerId'] }], orderBy: [],
      },
    }]);
    expect(dbo.routines).toEqual([
      { kind: 'function', name: { schema: 'dbo', name: 'fn_Net' }, text: FUNCTION_DEFINITION },
      // The comment before CREATE is part of sys.sql_modules.definition but not of the statement.
      { kind: 'procedure', name: { schema: 'dbo', name: 'usp_AddOrder' }, text: PROC_DEFINITION.replace('-- Adds one order.\n', '') },
    ]);
    expect(dbo.triggers).toEqual([
      { name: { schema: 'dbo', name: 'trg_Orders_Audit' }, table: { schema: 'dbo', name: 'Orders' }, timing: 'after', events: ['insert', 'update'], text: TRIGGER_DEFINITION },
    ]);
    expect(bare(schemaOf(c, 'sales').routines)).toEqual([{ kind: 'function', name: { schema: 'sales', name: 'fn_OrdersOf' }, text: TVF_DEFINITION }]);
  });

  it('reports what it does not carry over, naming the object', () => {
    expect(live().diagnostics.map((d) => [d.code, d.severity, d.message, d.object])).toEqual([
      ['PGS1012', 'warning', 'index IX_vOrderTotals on view dbo.vOrderTotals (indexed view) skipped', 'view dbo.vOrderTotals'],
      ['PGS1011', 'info', 'FOREIGN KEY NOT FOR REPLICATION: the replication exemption is dropped', 'table dbo.OrderLines'],
      ['PGS1012', 'warning', 'procedure dbo.usp_Secret: definition is encrypted (WITH ENCRYPTION) or not visible (VIEW DEFINITION); skipped', 'procedure dbo.usp_Secret'],
      ['PGS1012', 'warning', 'DDL trigger trg_NoDrops skipped', 'trigger trg_NoDrops'],
      ['PGS1012', 'warning', 'extended property Owner (SCHEMA dbo, TABLE Orders) not carried over', undefined],
    ]);
  });

  it('names each object in its span (no text position), and expressions by their place in the definition', () => {
    const orders = schemaOf(live(), 'dbo').tables.find((t) => t.name.name === 'Orders')!;
    expect(orders.span).toEqual({ file: 'mssql://db1:1433/Shop/dbo.Orders', line: 0, col: 0, endLine: 0, endCol: 0 });
    expect(orders.checks[0]!.expr.span).toEqual({ file: 'mssql://db1:1433/Shop/dbo.Orders', line: 1, col: 1, endLine: 1, endCol: 15 });
  });

  it('narrows to the requested schemas (case-insensitive); references out of scope keep their names', () => {
    const c = live(shopRows, { schemas: ['DBO'] });
    expect(c.schemas.map((s) => s.name)).toEqual(['dbo']);
    expect(tableOf(c, 'dbo', 'Orders').foreignKeys[0]!.ref).toEqual({ schema: 'sales', name: 'Customers' });
    expect(c.diagnostics.some((d) => d.message.includes('Customer-facing'))).toBe(false);
  });

  it('takes names from the catalog after sp_rename, INSTEAD OF triggers on views, disabled triggers', () => {
    const rows: MssqlCatalogRows = {
      ...shopRows,
      modules: [
        ...shopRows.modules.map((m) => (m.object_id === 2101 ? { ...m, name: 'fn_CustomerOrders' } : m)),
        { object_id: 2501, schema_id: 1, name: 'trg_vOrderTotals', type: 'TR', parent_object_id: 1801, definition: 'CREATE TRIGGER trg_vOrderTotals ON dbo.vOrderTotals INSTEAD OF DELETE AS BEGIN RETURN END' },
      ],
      triggers: [...shopRows.triggers, { object_id: 2501, name: 'trg_vOrderTotals', parent_class_desc: 'OBJECT_OR_COLUMN', parent_id: 1801, is_instead_of_trigger: true, is_disabled: true }],
      triggerEvents: [...shopRows.triggerEvents, { object_id: 2501, type: 3, type_desc: 'DELETE' }],
    };
    const c = live(rows);
    expect(schemaOf(c, 'sales').routines.map((r) => r.name.name)).toEqual(['fn_CustomerOrders']);
    const trg = bare(schemaOf(c, 'dbo').triggers[1]!);
    expect([trg.name, trg.table, trg.timing, trg.events]).toEqual([{ schema: 'dbo', name: 'trg_vOrderTotals' }, { schema: 'dbo', name: 'vOrderTotals' }, 'instead of', ['delete']]);
    expect(c.diagnostics.map((d) => d.message)).toContain('trigger dbo.trg_vOrderTotals is disabled on the server; converted as an enabled trigger');
  });

  it('keeps every column collation when the database default is not case-insensitive and accent-sensitive', () => {
    const c = live({ ...shopRows, database: { name: 'Shop', collation_name: 'Latin1_General_CS_AS' } });
    const customers = tableOf(c, 'sales', 'Customers');
    expect(customers.columns.map((x) => x.collation)).toEqual([
      undefined, 'SQL_Latin1_General_CP1_CI_AS', 'SQL_Latin1_General_CP1_CI_AS', 'SQL_Latin1_General_CP1_CI_AS', 'Latin1_General_CS_AS', undefined, 'SQL_Latin1_General_CP1_CI_AS',
    ]);
  });
});

/** IR without spans and without DataType.raw (a script writes [decimal](18, 2), the catalog gives decimal(18,2)). */
function comparable(c: Catalog): unknown {
  return JSON.parse(JSON.stringify(c.schemas, (key, value: unknown) => {
    if (key === 'span') return undefined;
    if (typeof value === 'bigint') return `${value}n`;
    if (value && typeof value === 'object' && 'args' in value && 'raw' in value && !('kind' in value)) {
      const { raw: _raw, ...rest } = value as DataType;
      return rest;
    }
    return value;
  }));
}

describe('live and script input agree', () => {
  it('gives the same IR for the Shop database read from the catalog and from its SSMS script', () => {
    const script = parseTsql([{ file: 'shop.sql', text: readFileSync(new URL('./fixtures-introspect/mssql/shop.sql', import.meta.url), 'utf8') }]);
    expect(script.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const fromCatalog = live();
    // The one deliberate difference: the server knows a computed column's type, a script leaves it to inference.
    const computed: [string, DataType][] = [];
    for (const s of fromCatalog.schemas) {
      for (const t of s.tables) {
        for (const c of t.columns) {
          if (!c.generated) continue;
          computed.push([`${t.name.name}.${c.name}`, c.type]);
          c.type = { name: '', args: [], raw: '' };
        }
      }
    }
    expect(computed).toEqual([['Orders.Tax', ty('decimal', [20, 3])], ['Orders.Total', ty('decimal', [20, 2])]]);
    expect(comparable(fromCatalog)).toEqual(comparable(script));
    // Both report the same objects as not carried over (the script also reports its storage clauses and ENABLE TRIGGER).
    const reported = (c: Catalog): string[] => c.diagnostics.filter((d) => /indexed view|DDL trigger|extended property|MS_Description|NOT FOR REPLICATION/.test(d.message)).map((d) => `${d.code} ${d.message}`).sort();
    expect(reported(fromCatalog)).toEqual(reported(script));
  });
});

describe('mssql:// URLs and connection errors', () => {
  it('parses user, password, host, port, database and options', () => {
    expect(parseMssqlUrl('mssql://sa:p%40ss%3Aword@db1.example.com:14330/Shop?encrypt=false&trustServerCertificate=true', {})).toEqual({
      host: 'db1.example.com', port: 14330, user: 'sa', password: 'p@ss:word', database: 'Shop', encrypt: false, trustServerCertificate: true,
      label: 'mssql://db1.example.com:14330/Shop',
    });
    expect(parseMssqlUrl('mssql://app@[::1]/My%20Db?instanceName=SQLEXPRESS', { PGSHIFT_SOURCE_PASSWORD: 'from-env' })).toEqual({
      host: '::1', port: 1433, instanceName: 'SQLEXPRESS', user: 'app', password: 'from-env', database: 'My Db', encrypt: true, trustServerCertificate: false,
      label: 'mssql://[::1]/SQLEXPRESS/My Db',
    });
  });

  it('rejects malformed URLs without echoing the password', () => {
    expect(() => parseMssqlUrl('mssql://sa:Secret1@host', {})).toThrow('SQL Server URL must name one database (mssql://host/database): mssql://sa:***@host');
    expect(() => parseMssqlUrl('mssql://sa:Secret1@host/db?encrypt=yes', {})).toThrow('SQL Server URL parameter encrypt must be true or false: mssql://sa:***@host/db?encrypt=yes');
    expect(() => parseMssqlUrl('mssql://sa:Secret1@host/db?timeout=5', {})).toThrow(/^unknown SQL Server URL parameter timeout/);
    expect(() => parseMssqlUrl('mysql://sa:Secret1@host/db', {})).toThrow('not a SQL Server URL: mysql://sa:***@host/db (expected mssql://user[:password]@host[:port]/database)');
    expect(() => parseMssqlUrl('mssql://host/db', {})).toThrow('SQL Server URL without a user (mssql://user@host/database): mssql://host/db');
    expect(redactUrl('mssql://sa:S3cret@h/db')).toBe('mssql://sa:***@h/db');
  });

  it('explains login failures and unknown databases without the password', () => {
    const target = parseMssqlUrl('mssql://sa:Hunter2!@db1/Shop', {});
    const login = connectionErrorMessage({ code: 'ELOGIN', message: "Login failed for user 'sa'. (password Hunter2!)" }, target);
    expect(login).toBe(`login failed for user "sa" on SQL Server at mssql://db1:1433/Shop: check the user and the password (URL or PGSHIFT_SOURCE_PASSWORD) (Login failed for user 'sa'. (password ***))`);
    const db = connectionErrorMessage({ code: 'ELOGIN', message: 'Cannot open database "Shop" requested by the login. The login failed.' }, target);
    expect(db).toBe('cannot open database "Shop" on SQL Server at mssql://db1:1433/Shop: it does not exist or user "sa" has no access (Cannot open database "Shop" requested by the login. The login failed.)');
  });

  it('fails with a clear message when no server answers (a real connection attempt to a closed port)', async () => {
    const password = 'Hunter2!never-shown';
    const err = await introspectMssql(`mssql://sa:${encodeURIComponent(password)}@127.0.0.1:1/Shop?encrypt=false`).then(() => undefined, (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toMatch(/^cannot reach SQL Server at mssql:\/\/127\.0\.0\.1:1\/Shop: the server is not running, not listening on TCP, or a firewall blocks it \(Failed to connect to 127\.0\.0\.1:1 - .*\)$/);
    expect(err!.message).not.toContain(password);
    expect(err!.message).not.toContain('Hunter2');
  });
});
