import { describe, expect, it } from 'vitest';
import { bare, codes, parse, table } from './tsql-helpers.js';

describe('tsql CREATE TABLE', () => {
  it('parses every column form', () => {
    const cat = parse(`
CREATE TABLE [dbo].[Orders] (
  [Id] INT IDENTITY(1000, 5) NOT FOR REPLICATION NOT NULL,
  [Code] NVARCHAR(MAX) COLLATE Latin1_General_CI_AS NULL,
  Amount DECIMAL(18, 2) CONSTRAINT DF_Amount DEFAULT ((0)),
  Total AS (Amount * 2) PERSISTED NOT NULL,
  G UNIQUEIDENTIFIER ROWGUIDCOL NOT NULL DEFAULT (newid()),
  S INT SPARSE NULL,
  F VARBINARY(MAX) FILESTREAM NULL,
  Big BIGINT IDENTITY(-9223372036854775808, -1),
  U dbo.Phone NOT NULL,
  Q [sysname],
  D double precision,
  VFrom DATETIME2(7) GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
  VTo DATETIME2(7) GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (VFrom, VTo)
)`);
    expect(codes(cat)).toEqual([]);
    const t = bare(table(cat, 'Orders'));
    expect(t.name).toEqual({ schema: 'dbo', name: 'Orders' });
    expect(t.temporal).toEqual({ start: 'VFrom', end: 'VTo' });
    expect(t.columns).toEqual([
      { name: 'Id', type: { name: 'int', args: [], raw: 'INT' }, nullable: false, identity: { start: 1000n, increment: 5n }, flags: ['not_for_replication'] },
      { name: 'Code', type: { name: 'nvarchar', args: ['max'], raw: 'NVARCHAR(MAX)' }, nullable: true, collation: 'Latin1_General_CI_AS' },
      {
        name: 'Amount', type: { name: 'decimal', args: [18, 2], raw: 'DECIMAL(18, 2)' }, nullable: true,
        default: { kind: 'paren', expr: { kind: 'paren', expr: { kind: 'number', value: '0' } } }, defaultRaw: '((0))', defaultName: 'DF_Amount',
      },
      {
        name: 'Total', type: { name: '', args: [], raw: '' }, nullable: false,
        generated: { expr: { kind: 'paren', expr: { kind: 'binary', op: '*', left: { kind: 'column', parts: ['Amount'] }, right: { kind: 'number', value: '2' } } }, raw: '(Amount * 2)', stored: true },
      },
      {
        name: 'G', type: { name: 'uniqueidentifier', args: [], raw: 'UNIQUEIDENTIFIER' }, nullable: false,
        default: { kind: 'paren', expr: { kind: 'call', name: ['newid'], args: [] } }, defaultRaw: '(newid())', flags: ['rowguidcol'],
      },
      { name: 'S', type: { name: 'int', args: [], raw: 'INT' }, nullable: true, flags: ['sparse'] },
      { name: 'F', type: { name: 'varbinary', args: ['max'], raw: 'VARBINARY(MAX)' }, nullable: true, flags: ['filestream'] },
      { name: 'Big', type: { name: 'bigint', args: [], raw: 'BIGINT' }, nullable: false, identity: { start: -9223372036854775808n, increment: -1n } },
      { name: 'U', type: { name: 'Phone', args: [], schema: 'dbo', raw: 'dbo.Phone' }, nullable: false },
      { name: 'Q', type: { name: 'sysname', args: [], raw: '[sysname]' }, nullable: true },
      { name: 'D', type: { name: 'float', args: [], raw: 'double precision' }, nullable: true },
      { name: 'VFrom', type: { name: 'datetime2', args: [7], raw: 'DATETIME2(7)' }, nullable: false, periodRole: 'start', flags: ['hidden'] },
      { name: 'VTo', type: { name: 'datetime2', args: [7], raw: 'DATETIME2(7)' }, nullable: false, periodRole: 'end' },
    ]);
  });

  it('parses inline and table-level constraints', () => {
    const cat = parse(`
CREATE TABLE Orders (
  Id INT NOT NULL CONSTRAINT PK_O PRIMARY KEY NONCLUSTERED,
  Email VARCHAR(100) UNIQUE,
  Qty INT CHECK (Qty > 0),
  CustomerId INT REFERENCES Customers(Id) ON DELETE CASCADE ON UPDATE NO ACTION,
  A INT, B INT,
  CONSTRAINT UQ_AB UNIQUE CLUSTERED (A ASC, B DESC),
  CONSTRAINT CK_AB CHECK NOT FOR REPLICATION ((A >= (0) AND B <= 100)),
  CONSTRAINT FK_AB FOREIGN KEY (A, B) REFERENCES [dbo].[Other] ([X], [Y]) ON DELETE SET NULL ON UPDATE SET DEFAULT NOT FOR REPLICATION,
  INDEX IX_B NONCLUSTERED (B) INCLUDE (A) WHERE B IS NOT NULL
)`);
    const t = bare(table(cat, 'Orders'));
    expect(t.primaryKey).toEqual({ name: 'PK_O', columns: [{ column: 'Id' }], clustered: false });
    expect(t.uniques).toEqual([
      { columns: [{ column: 'Email' }] },
      { name: 'UQ_AB', columns: [{ column: 'A' }, { column: 'B', desc: true }], clustered: true },
    ]);
    expect(t.checks).toEqual([
      { expr: { kind: 'binary', op: '>', left: { kind: 'column', parts: ['Qty'] }, right: { kind: 'number', value: '0' } }, raw: 'Qty > 0' },
      {
        name: 'CK_AB', raw: '(A >= (0) AND B <= 100)',
        expr: {
          kind: 'paren', expr: {
            kind: 'binary', op: 'and',
            left: { kind: 'binary', op: '>=', left: { kind: 'column', parts: ['A'] }, right: { kind: 'paren', expr: { kind: 'number', value: '0' } } },
            right: { kind: 'binary', op: '<=', left: { kind: 'column', parts: ['B'] }, right: { kind: 'number', value: '100' } },
          },
        },
      },
    ]);
    expect(t.foreignKeys).toEqual([
      { columns: ['CustomerId'], ref: { schema: 'dbo', name: 'Customers' }, refColumns: ['Id'], onDelete: 'cascade', onUpdate: 'no action' },
      { name: 'FK_AB', columns: ['A', 'B'], ref: { schema: 'dbo', name: 'Other' }, refColumns: ['X', 'Y'], onDelete: 'set null', onUpdate: 'set default' },
    ]);
    expect(t.indexes).toEqual([{
      name: 'IX_B', unique: false, kind: 'plain', columns: [{ column: 'B' }], include: ['A'], clustered: false,
      where: { kind: 'isnull', expr: { kind: 'column', parts: ['B'] }, not: true }, whereRaw: 'B IS NOT NULL',
    }]);
    expect(cat.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([['PGS1011', 9], ['PGS1011', 10]]);
  });

  it('keeps table options with PostgreSQL meaning and reports storage clauses (PGS1011) with spans', () => {
    const cat = parse(`CREATE TABLE t (
  id INT NOT NULL,
  CONSTRAINT pk PRIMARY KEY CLUSTERED (id) WITH (PAD_INDEX = OFF, FILLFACTOR = 90) ON [PRIMARY]
) ON ps_date(id) TEXTIMAGE_ON [BLOBS] FILESTREAM_ON fs
WITH (MEMORY_OPTIMIZED = ON, DURABILITY = SCHEMA_ONLY, DATA_COMPRESSION = PAGE, SYSTEM_VERSIONING = ON (HISTORY_TABLE = hist.t_history))`);
    const t = table(cat, 't');
    expect(t.options).toEqual({ memory_optimized: 'on', durability: 'schema_only', system_versioning: 'on', history_table: 'hist.t_history' });
    expect(cat.diagnostics.map((d) => [d.code, d.message, d.span?.line, d.span?.col])).toEqual([
      ['PGS1011', 'storage options dropped: WITH (PAD_INDEX = OFF, FILLFACTOR = 90); ON [PRIMARY]; ON ps_date(id); TEXTIMAGE_ON [BLOBS]; FILESTREAM_ON fs', 3, 44],
      ['PGS1011', 'table option DATA_COMPRESSION = PAGE dropped', 5, 56],
    ]);
    // One diagnostic for the statement's storage clauses, spanning all of them.
    expect([cat.diagnostics[0]!.span?.endLine, cat.diagnostics[0]!.span?.endCol]).toEqual([4, 54]);
    expect(t.primaryKey?.clustered).toBe(true);
  });

  it('sets temporal history when PERIOD and SYSTEM_VERSIONING are both present', () => {
    const cat = parse(`CREATE TABLE e (id int PRIMARY KEY, s datetime2 GENERATED ALWAYS AS ROW START, x datetime2 GENERATED ALWAYS AS ROW END,
PERIOD FOR SYSTEM_TIME (s, x)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.e_hist))`);
    expect(table(cat, 'e').temporal).toEqual({ start: 's', end: 'x', history: { schema: 'dbo', name: 'e_hist' } });
    expect(table(cat, 'e').columns[0]!.nullable).toBe(false);
  });

  it('reads memory-optimized tables: HASH keys and indexes, options kept', () => {
    const cat = parse(`CREATE TABLE dbo.cart (
  id int NOT NULL PRIMARY KEY NONCLUSTERED HASH WITH (BUCKET_COUNT = 1024),
  user_id int NOT NULL INDEX ix_user NONCLUSTERED HASH WITH (BUCKET_COUNT = 64),
  INDEX ix_both HASH (id, user_id) WITH (BUCKET_COUNT = 128)
) WITH (MEMORY_OPTIMIZED = ON, DURABILITY = SCHEMA_AND_DATA)`);
    const t = bare(table(cat, 'cart'));
    expect(t.options).toEqual({ memory_optimized: 'on', durability: 'schema_and_data' });
    expect(t.primaryKey).toEqual({ columns: [{ column: 'id' }], clustered: false });
    expect(t.indexes).toEqual([
      { name: 'ix_user', unique: false, kind: 'hash', columns: [{ column: 'user_id' }], include: [], clustered: false },
      { name: 'ix_both', unique: false, kind: 'hash', columns: [{ column: 'id' }, { column: 'user_id' }], include: [] },
    ]);
    expect(cat.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['PGS1011', 'storage options dropped: WITH (BUCKET_COUNT = 1024); WITH (BUCKET_COUNT = 64); WITH (BUCKET_COUNT = 128)'],
    ]);
  });

  it('keeps graph and FileTable markers as table options', () => {
    const cat = parse('CREATE TABLE person (id int) AS NODE\nCREATE TABLE likes AS EDGE\nCREATE TABLE docs AS FILETABLE WITH (FILETABLE_DIRECTORY = N\'d\')');
    expect(cat.schemas[0]!.tables.map((t) => [t.name.name, t.options])).toEqual([
      ['person', { graph: 'node' }], ['likes', { graph: 'edge' }], ['docs', { filetable: 'on' }],
    ]);
    expect(codes(cat)).toEqual(['PGS1011']);
  });

  it('skips temporary tables (PGS1010) and reports a table defined twice (PGS1016)', () => {
    const cat = parse('CREATE TABLE #tmp (a int)\nCREATE TABLE t (a int)\nGO\nCREATE TABLE T (b int)');
    expect(codes(cat)).toEqual(['PGS1010', 'PGS1016']);
    expect(cat.schemas[0]!.tables.map((t) => t.columns.map((c) => c.name))).toEqual([['b']]);
  });
});

describe('tsql ALTER TABLE', () => {
  it('adds several constraints and a DEFAULT FOR column, WITH NOCHECK makes them unenforced', () => {
    const cat = parse(`CREATE TABLE p (id int NOT NULL, code char(2))
CREATE TABLE c (id int NOT NULL, pid int, created datetime)
GO
ALTER TABLE c WITH NOCHECK ADD CONSTRAINT FK_c_p FOREIGN KEY (pid) REFERENCES p (id), CONSTRAINT CK_c CHECK (pid > 0)
ALTER TABLE c ADD CONSTRAINT [DF_c_created] DEFAULT (getdate()) FOR created
ALTER TABLE p ADD CONSTRAINT PK_p PRIMARY KEY (id), CONSTRAINT UQ_p UNIQUE (code)
ALTER TABLE c WITH CHECK ADD CONSTRAINT FK_c_p2 FOREIGN KEY (pid) REFERENCES p (id)
ALTER TABLE c ADD extra nvarchar(10) NOT NULL DEFAULT N'', other int`);
    expect(codes(cat)).toEqual([]);
    const c = bare(table(cat, 'c'));
    expect(c.foreignKeys).toEqual([
      { name: 'FK_c_p', columns: ['pid'], ref: { schema: 'dbo', name: 'p' }, refColumns: ['id'], enforced: false },
      { name: 'FK_c_p2', columns: ['pid'], ref: { schema: 'dbo', name: 'p' }, refColumns: ['id'] },
    ]);
    expect(c.checks).toEqual([{ name: 'CK_c', expr: { kind: 'binary', op: '>', left: { kind: 'column', parts: ['pid'] }, right: { kind: 'number', value: '0' } }, raw: 'pid > 0', enforced: false }]);
    expect(c.columns.find((x) => x.name === 'created')).toEqual({
      name: 'created', type: { name: 'datetime', args: [], raw: 'datetime' }, nullable: true,
      default: { kind: 'paren', expr: { kind: 'call', name: ['getdate'], args: [] } }, defaultRaw: '(getdate())', defaultName: 'DF_c_created',
    });
    expect(c.columns.slice(3)).toEqual([
      { name: 'extra', type: { name: 'nvarchar', args: [10], raw: 'nvarchar(10)' }, nullable: false, default: { kind: 'string', value: '', national: true }, defaultRaw: "N''" },
      { name: 'other', type: { name: 'int', args: [], raw: 'int' }, nullable: true },
    ]);
    const p = bare(table(cat, 'p'));
    expect(p.primaryKey).toEqual({ name: 'PK_p', columns: [{ column: 'id' }] });
    expect(p.uniques).toEqual([{ name: 'UQ_p', columns: [{ column: 'code' }] }]);
  });

  it('NOCHECK / CHECK CONSTRAINT toggles enforced, ALTER COLUMN and DROP apply to the IR', () => {
    const cat = parse(`CREATE TABLE p (id int PRIMARY KEY)
CREATE TABLE c (id int, pid int CONSTRAINT FK1 REFERENCES p(id), q int CONSTRAINT CK1 CHECK (q > 0), old int, d int CONSTRAINT DF_d DEFAULT 1)
ALTER TABLE c NOCHECK CONSTRAINT ALL
ALTER TABLE c WITH CHECK CHECK CONSTRAINT CK1
ALTER TABLE c ALTER COLUMN id bigint NOT NULL
ALTER TABLE c DROP COLUMN old
ALTER TABLE c DROP CONSTRAINT DF_d
ALTER TABLE p WITH NOCHECK ADD CONSTRAINT CK_p CHECK (id > 0)
ALTER TABLE p CHECK CONSTRAINT CK_p`);
    expect(codes(cat)).toEqual([]);
    const c = table(cat, 'c');
    expect(c.foreignKeys[0]!.enforced).toBe(false);
    expect(c.checks[0]!.enforced).toBeUndefined();
    expect(bare(c.columns[0])).toEqual({ name: 'id', type: { name: 'bigint', args: [], raw: 'bigint' }, nullable: false });
    expect(c.columns.map((x) => x.name)).toEqual(['id', 'pid', 'q', 'd']);
    expect(c.columns[3]!.default).toBeUndefined();
    // Re-enabled without WITH CHECK: existing rows were never validated, so it stays unenforced.
    expect(table(cat, 'p').checks.map((x) => [x.name, x.enforced])).toEqual([['CK_p', false]]);
  });

  it('reports ALTER TABLE on an unknown table (PGS1017) with its position', () => {
    const cat = parse('SELECT 1\nGO\n  ALTER TABLE nope ADD x int');
    expect(cat.diagnostics.map((d) => [d.code, d.severity, d.span?.line, d.span?.col])).toEqual([
      ['PGS1014', 'info', 1, 1],
      ['PGS1017', 'warning', 3, 3],
    ]);
  });
});

describe('tsql CREATE INDEX', () => {
  it('attaches every index kind to its table', () => {
    const cat = parse(`CREATE TABLE [s].[t] (id int NOT NULL, a int, b int, x xml, g geography, body nvarchar(max))
GO
CREATE UNIQUE NONCLUSTERED INDEX IX_a ON s.t (a DESC, b) INCLUDE (id) WHERE a > 0 WITH (ONLINE = ON) ON [PRIMARY]
CREATE CLUSTERED INDEX IX_c ON s.t (id)
CREATE PRIMARY XML INDEX PX ON s.t (x)
CREATE XML INDEX SX ON s.t (x) USING XML INDEX PX FOR PATH
CREATE SPATIAL INDEX SP ON s.t (g) USING GEOGRAPHY_GRID
CREATE NONCLUSTERED COLUMNSTORE INDEX CS ON s.t (a, b)
CREATE CLUSTERED COLUMNSTORE INDEX CCS ON s.t
CREATE FULLTEXT INDEX ON s.t (body LANGUAGE 1033) KEY INDEX IX_c ON ftcat WITH CHANGE_TRACKING AUTO`);
    expect(cat.diagnostics.filter((d) => d.code !== 'PGS1011')).toEqual([]);
    expect(bare(table(cat, 't', 's').indexes)).toEqual([
      {
        name: 'IX_a', unique: true, kind: 'plain', columns: [{ column: 'a', desc: true }, { column: 'b' }], include: ['id'], clustered: false,
        where: { kind: 'binary', op: '>', left: { kind: 'column', parts: ['a'] }, right: { kind: 'number', value: '0' } }, whereRaw: 'a > 0',
      },
      { name: 'IX_c', unique: false, kind: 'plain', columns: [{ column: 'id' }], include: [], clustered: true },
      { name: 'PX', unique: false, kind: 'xml', columns: [{ column: 'x' }], include: [], using: 'primary' },
      { name: 'SX', unique: false, kind: 'xml', columns: [{ column: 'x' }], include: [], using: 'PX for path' },
      { name: 'SP', unique: false, kind: 'spatial', columns: [{ column: 'g' }], include: [], using: 'geography_grid' },
      { name: 'CS', unique: false, kind: 'columnstore', columns: [{ column: 'a' }, { column: 'b' }], include: [], clustered: false },
      { name: 'CCS', unique: false, kind: 'columnstore', columns: [], include: [], clustered: true },
      { unique: false, kind: 'fulltext', columns: [{ column: 'body' }], include: [], using: 'key index IX_c' },
    ]);
  });

  it('reports an index on a table not in the input (PGS1017)', () => {
    const cat = parse('CREATE INDEX ix ON dbo.v (a)');
    expect(codes(cat)).toEqual(['PGS1017']);
  });
});
