import { describe, expect, it } from 'vitest';
import { parseTsql } from '../src/sources/tsql/parser.js';
import { bare, codes, parse, schema, table } from './tsql-helpers.js';

describe('tsql batches, session statements and SQLCMD', () => {
  it('splits on GO (and GO n), accepts statements without ";" and skips session statements (PGS1010)', () => {
    const cat = parse(`SET ANSI_NULLS ON
SET QUOTED_IDENTIFIER ON;
USE [shop]
PRINT 'hi'
CREATE TABLE a (x int) CREATE TABLE b (y int);
GO 2
DECLARE @v int = 1
RAISERROR('x', 0, 1) WITH NOWAIT
BEGIN TRAN
COMMIT TRANSACTION
CREATE DATABASE shop
ALTER DATABASE shop SET RECOVERY SIMPLE
GO`);
    expect(schema(cat).tables.map((t) => t.name.name)).toEqual(['a', 'b']);
    expect(cat.diagnostics.map((d) => [d.code, d.span?.line, d.message])).toEqual([
      ['PGS1010', 1, 'SET ANSI_NULLS skipped'],
      ['PGS1010', 2, 'SET QUOTED_IDENTIFIER skipped'],
      ['PGS1010', 3, 'USE skipped'],
      ['PGS1010', 4, 'PRINT skipped'],
      ['PGS1010', 6, 'GO 2: the batch is converted once'],
      ['PGS1010', 7, 'DECLARE skipped'],
      ['PGS1010', 8, 'RAISERROR skipped'],
      ['PGS1010', 9, 'BEGIN TRAN skipped'],
      ['PGS1010', 10, 'COMMIT statement skipped'],
      ['PGS1010', 11, 'CREATE DATABASE skipped'],
      ['PGS1010', 12, 'ALTER DATABASE skipped'],
    ]);
  });

  it('substitutes SQLCMD variables from :setvar and options; undefined → PGS1015', () => {
    const cat = parse(`:setvar Schema sales
:on error exit
CREATE TABLE [$(Schema)].orders (id int)
CREATE TABLE $(Other).t (id int)
CREATE TABLE $(Missing).t2 (id int)
:r other.sql`, { sqlcmdVars: { Other: 'ops' } });
    expect(cat.schemas.map((s) => [s.name, s.tables.map((t) => t.name.name)])).toEqual([
      ['sales', ['orders']], ['ops', ['t']], ['Missing', ['t2']],
    ]);
    expect(cat.diagnostics.map((d) => [d.code, d.severity, d.span?.line, d.span?.col])).toEqual([
      ['PGS1015', 'warning', 5, 14],
      ['PGS1010', 'info', 1, 1],
      ['PGS1010', 'info', 2, 1],
      ['PGS1012', 'warning', 6, 1],
    ]);
  });

  it('reports grants, users and roles (PGS1018) and DML (PGS1014)', () => {
    const cat = parse(`CREATE TABLE t (id int)
GRANT SELECT ON t TO public
CREATE USER bob FOR LOGIN bob
CREATE ROLE r
EXEC sp_addrolemember 'r', 'bob'
UPDATE t SET id = 2 WHERE id = 1
DELETE FROM t WHERE id IN (SELECT 1)
SELECT * FROM t`);
    expect(cat.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([
      ['PGS1018', 2], ['PGS1018', 3], ['PGS1018', 4], ['PGS1018', 5], ['PGS1014', 6], ['PGS1014', 7], ['PGS1014', 8],
    ]);
  });

  it('aggregates INSERT counts per table in Schema.data', () => {
    const cat = parse(`CREATE TABLE [dbo].[Genre] (GenreId int, Name nvarchar(120))
INSERT INTO [dbo].[Genre] ([GenreId], [Name]) VALUES (1, N'Rock');
INSERT INTO Genre (GenreId, Name) VALUES (2, N'Jazz'), (3, N'Metal (heavy)')
INSERT "Genre" VALUES (4, 'x')
insert into genre default values
INSERT INTO Genre SELECT 5, 'y' UNION ALL SELECT 6, 'z'
INSERT INTO Genre SELECT GenreId + 10, Name FROM Genre
INSERT INTO #tmp VALUES (1)`);
    const { chunks, ...counts } = schema(cat).data[0]!;
    expect(bare([counts])).toEqual([
      { table: { schema: 'dbo', name: 'Genre' }, columns: ['GenreId', 'Name'], statements: 5, rows: 7 },
    ]);
    // Values stay in the source text: a chunk is a run of consecutive statements with the same columns.
    expect(chunks!.map((k) => [k.source.text().slice(k.start, k.end), k.columns, k.statements])).toEqual([
      ["INSERT INTO [dbo].[Genre] ([GenreId], [Name]) VALUES (1, N'Rock');\nINSERT INTO Genre (GenreId, Name) VALUES (2, N'Jazz'), (3, N'Metal (heavy)')", ['GenreId', 'Name'], 2],
      ["INSERT \"Genre\" VALUES (4, 'x')", undefined, 1],
      ["INSERT INTO Genre SELECT 5, 'y' UNION ALL SELECT 6, 'z'", undefined, 1],
    ]);
    expect(schema(cat).data[0]!.span).toEqual({ file: 't.sql', line: 2, col: 1, endLine: 2, endCol: 65 });
    expect(codes(cat)).toEqual(['PGS1014', 'PGS1014']);
  });
});

describe('tsql wrappers and dynamic SQL', () => {
  it('takes DDL out of IF NOT EXISTS / IF OBJECT_ID / IF ... BEGIN ... END ELSE wrappers', () => {
    const cat = parse(`IF NOT EXISTS (SELECT * FROM sys.objects WHERE object_id = OBJECT_ID(N'[dbo].[a]') AND type in (N'U'))
BEGIN
CREATE TABLE [dbo].[a]([id] [int] NOT NULL)
END
GO
IF OBJECT_ID('dbo.b') IS NOT NULL DROP TABLE dbo.b
CREATE TABLE b (id int)
GO
IF EXISTS (SELECT 1 FROM sys.schemas WHERE name = 'x')
BEGIN
  PRINT 'exists'
  CREATE TABLE c (id int)
END
ELSE
  CREATE TABLE d (id int)
GO
IF db_name() <> 'pubs' raiserror('wrong db', 22, 127) with log
GO
IF 1 = 1
BEGIN TRY
  CREATE TABLE e (id int)
END TRY
BEGIN CATCH
  PRINT 'failed'
END CATCH`);
    expect(schema(cat).tables.map((t) => t.name.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(codes(cat)).toEqual(['PGS1013', 'PGS1010', 'PGS1010', 'PGS1010']);
  });

  it('parses the string of EXEC sp_executesql (positional and @statement =) with spans into the file', () => {
    const cat = parse(`IF NOT EXISTS (SELECT * FROM sys.objects WHERE object_id = OBJECT_ID(N'[dbo].[P]'))
BEGIN
EXEC dbo.sp_executesql @statement = N'CREATE PROCEDURE [dbo].[P] AS'
END
GO
ALTER PROCEDURE [dbo].[P] @x int AS
BEGIN
  SELECT @x
END
GO
EXEC sp_executesql N'CREATE VIEW dbo.v
AS SELECT ''a'' AS c'
GO
EXECUTE ('CREATE TABLE dyn (id int)')`);
    expect(codes(cat)).toEqual([]);
    const s = schema(cat);
    expect(bare(s.routines)).toEqual([{ kind: 'procedure', name: { schema: 'dbo', name: 'P' }, text: 'ALTER PROCEDURE [dbo].[P] @x int AS\nBEGIN\n  SELECT @x\nEND' }]);
    expect(bare(s.views)).toEqual([{ name: { schema: 'dbo', name: 'v' }, text: "CREATE VIEW dbo.v\nAS SELECT 'a' AS c", query: "SELECT 'a' AS c", options: {},
      select: { kind: 'select', columns: [{ expr: { kind: 'string', value: 'a' }, alias: 'c' }], from: [], groupBy: [], orderBy: [] },
    }]);
    // Lines are exact; columns after a '' escape on the same line shift by one per escape.
    expect(s.views[0]!.span).toEqual({ file: 't.sql', line: 11, col: 22, endLine: 12, endCol: 18 });
    expect(s.tables.map((t) => t.name.name)).toEqual(['dyn']);
    expect(s.tables[0]!.span.line).toBe(14);
  });

  it('reports other EXEC calls (PGS1012) and dynamic SQL built from variables', () => {
    const cat = parse("EXEC sp_rename 'a', 'b'\nEXEC sp_executesql @sql\nEXEC (@sql)");
    expect(cat.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([['PGS1012', 1], ['PGS1012', 2], ['PGS1012', 3]]);
  });
});

describe('tsql types, schemas, sequences, comments', () => {
  it('CREATE SCHEMA, CREATE TYPE (alias and table), sp_addtype', () => {
    const cat = parse(`CREATE SCHEMA sales AUTHORIZATION dbo
GO
CREATE TYPE sales.Phone FROM varchar(20) NOT NULL
CREATE TYPE dbo.Ids AS TABLE (id int PRIMARY KEY)
GO
execute sp_addtype id      ,'varchar(11)' ,'NOT NULL'
EXEC sp_addtype @typename = N'flag', @phystype = N'bit', @nulltype = 'NULL'`);
    expect(codes(cat)).toEqual([]);
    const sales = schema(cat, 'sales');
    expect(sales.declared).toBe(true);
    expect(bare(sales.types)).toEqual([{ kind: 'alias', name: { schema: 'sales', name: 'Phone' }, base: { name: 'varchar', args: [20], raw: 'varchar(20)' }, nullable: false }]);
    expect(schema(cat).types[0]!.columns?.map((c) => [c.name, c.type.name])).toEqual([['id', 'int']]);
    expect(bare(schema(cat).types).map(({ columns: _columns, ...t }) => t)).toEqual([
      { kind: 'table', name: { schema: 'dbo', name: 'Ids' }, text: 'CREATE TYPE dbo.Ids AS TABLE (id int PRIMARY KEY)' },
      { kind: 'alias', name: { schema: 'dbo', name: 'id' }, base: { name: 'varchar', args: [11], raw: 'varchar(11)' }, nullable: false },
      { kind: 'alias', name: { schema: 'dbo', name: 'flag' }, base: { name: 'bit', args: [], raw: 'bit' }, nullable: true },
    ]);
    expect(schema(cat).types[1]!.span).toEqual({ file: 't.sql', line: 6, col: 1, endLine: 6, endCol: 53 });
  });

  it('CREATE SCHEMA elements that follow without ";" resolve to the new schema', () => {
    const cat = parse('CREATE SCHEMA hr AUTHORIZATION dbo\n  CREATE TABLE staff (id int)\n  GRANT SELECT ON staff TO public\nCREATE TABLE after_schema (id int);\nGO\nCREATE TABLE plain (id int)');
    expect(cat.schemas.map((x) => [x.name, x.declared, x.tables.map((t) => t.name.name)])).toEqual([
      ['hr', true, ['staff', 'after_schema']],
      ['dbo', undefined, ['plain']],
    ]);
    expect(codes(cat)).toEqual(['PGS1018']);
  });

  it('CREATE SEQUENCE with all options', () => {
    const cat = parse(`CREATE SEQUENCE dbo.seq AS bigint START WITH -5 INCREMENT BY 10 MINVALUE -100 MAXVALUE 9223372036854775807 CYCLE CACHE 50
CREATE SEQUENCE s2 NO MINVALUE NO MAXVALUE NO CYCLE NO CACHE`);
    expect(bare(schema(cat).sequences)).toEqual([
      { name: { schema: 'dbo', name: 'seq' }, type: { name: 'bigint', args: [], raw: 'bigint' }, start: -5n, increment: 10n, min: -100n, max: 9223372036854775807n, cycle: true, cache: 50n },
      { name: { schema: 'dbo', name: 's2' }, cycle: false, cache: 1n },
    ]);
  });

  it('sp_addextendedproperty MS_Description → table, column and schema comments (named and positional)', () => {
    const cat = parse(`CREATE TABLE dbo.t (c int)
GO
EXEC sp_addextendedproperty @name = N'MS_Description', @value = N'The table', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N't'
EXEC sys.sp_addextendedproperty N'MS_Description', N'The column', N'SCHEMA', N'dbo', N'TABLE', N't', N'COLUMN', N'c'
EXEC sp_addextendedproperty 'MS_Description', 'Main schema', 'SCHEMA', 'dbo'
EXEC sp_addextendedproperty 'MS_DiagramPane1', 'x', 'SCHEMA', 'dbo', 'VIEW', 'v'
EXEC sp_addextendedproperty 'MS_Description', 'x', 'SCHEMA', 'dbo', 'TABLE', 'missing'`);
    expect(table(cat, 't').comment).toBe('The table');
    expect(table(cat, 't').columns[0]!.comment).toBe('The column');
    expect(schema(cat).comment).toBe('Main schema');
    expect(cat.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([['PGS1010', 6], ['PGS1017', 7]]);
  });
});

describe('tsql views, routines, triggers', () => {
  it('captures views with columns and options, procedures, functions and triggers to the end of the batch', () => {
    const cat = parse(`CREATE TABLE dbo.t (id int)
GO
CREATE VIEW dbo.v (a, b) WITH SCHEMABINDING AS
SELECT id, id FROM dbo.t
WITH CHECK OPTION;
GO
CREATE OR ALTER PROC p @a int AS SELECT 1; SELECT 2
GO
CREATE FUNCTION dbo.f() RETURNS int AS BEGIN RETURN 1 END
GO
CREATE TRIGGER trg ON dbo.t INSTEAD OF INSERT, DELETE AS BEGIN SET NOCOUNT ON END
GO
CREATE TRIGGER sales.trg2 ON t FOR UPDATE NOT FOR REPLICATION AS PRINT 1
GO
CREATE TRIGGER ddl ON DATABASE FOR CREATE_TABLE AS PRINT 1`);
    const s = schema(cat);
    expect(bare(s.views)).toEqual([{
      name: { schema: 'dbo', name: 'v' }, columns: ['a', 'b'], options: { schemabinding: 'true', check_option: 'cascaded' },
      query: 'SELECT id, id FROM dbo.t', text: 'CREATE VIEW dbo.v (a, b) WITH SCHEMABINDING AS\nSELECT id, id FROM dbo.t\nWITH CHECK OPTION',
      select: {
        kind: 'select', columns: [{ expr: { kind: 'column', parts: ['id'] } }, { expr: { kind: 'column', parts: ['id'] } }],
        from: [{ kind: 'table', name: ['dbo', 't'] }], groupBy: [], orderBy: [],
      },
    }]);
    expect(s.views[0]!.span).toEqual({ file: 't.sql', line: 3, col: 1, endLine: 5, endCol: 18 });
    expect(bare(s.routines)).toEqual([
      { kind: 'procedure', name: { schema: 'dbo', name: 'p' }, text: 'CREATE OR ALTER PROC p @a int AS SELECT 1; SELECT 2' },
      { kind: 'function', name: { schema: 'dbo', name: 'f' }, text: 'CREATE FUNCTION dbo.f() RETURNS int AS BEGIN RETURN 1 END' },
    ]);
    expect(bare(s.triggers)).toEqual([
      { name: { schema: 'dbo', name: 'trg' }, table: { schema: 'dbo', name: 't' }, timing: 'instead of', events: ['insert', 'delete'], text: 'CREATE TRIGGER trg ON dbo.t INSTEAD OF INSERT, DELETE AS BEGIN SET NOCOUNT ON END' },
    ]);
    expect(bare(schema(cat, 'sales').triggers)).toEqual([
      { name: { schema: 'sales', name: 'trg2' }, table: { schema: 'dbo', name: 't' }, timing: 'after', events: ['update'], text: 'CREATE TRIGGER sales.trg2 ON t FOR UPDATE NOT FOR REPLICATION AS PRINT 1' },
    ]);
    expect(codes(cat)).toEqual(['PGS1012']);
  });
});

describe('tsql DROP', () => {
  it('removes objects defined earlier and says so (PGS1019); reports others (PGS1013)', () => {
    const cat = parse(`CREATE TABLE t (id int)
INSERT INTO t VALUES (1)
CREATE INDEX ix ON t (id)
GO
CREATE VIEW v AS SELECT 1 AS x
GO
DROP INDEX ix ON t
DROP VIEW IF EXISTS v, w
DROP TABLE dbo.t
DROP PROCEDURE p
GO
CREATE TABLE t (id2 int)`);
    const s = schema(cat);
    expect(s.views).toEqual([]);
    expect(s.data).toEqual([]);
    expect(bare(s.tables.map((t) => t.columns.map((c) => c.name)))).toEqual([['id2']]);
    expect(cat.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['PGS1019', 'DROP INDEX ix: removes the index defined earlier in the input; it is not in the output'],
      ['PGS1019', 'DROP VIEW v: removes the view defined earlier in the input; it is not in the output'],
      ['PGS1013', 'DROP VIEW w: not defined earlier in the input; skipped'],
      ['PGS1019', 'DROP TABLE dbo.t: removes the table defined earlier in the input; it is not in the output'],
      ['PGS1013', 'DROP PROCEDURE p: not defined earlier in the input; skipped'],
    ]);
  });
});

describe('tsql sessions and error recovery', () => {
  it('parses scripts in order as one session (directory input)', () => {
    const cat = parseTsql([
      { file: 'Tables/a.sql', text: 'CREATE TABLE a (id int)' },
      { file: 'Keys/fk.sql', text: 'ALTER TABLE a ADD CONSTRAINT fk FOREIGN KEY (id) REFERENCES b (id)' },
    ], { defaultSchema: 'app' });
    expect(codes(cat)).toEqual([]);
    expect(cat.schemas.map((s) => s.name)).toEqual(['app']);
    expect(bare(table(cat, 'a', 'app').foreignKeys)).toEqual([{ name: 'fk', columns: ['id'], ref: { schema: 'app', name: 'b' }, refColumns: ['id'] }]);
    expect(table(cat, 'a', 'app').span.file).toBe('Tables/a.sql');
  });

  it('reports an unparsable statement (PGS1001) where parsing failed and resumes at the next statement', () => {
    const cat = parse(`CREATE TABLE ok1 (id int)
  CREATE TABLE bad (id int,, x)
CREATE TABLE ok2 (id int)
GO
CREATE TABLE ok3 (id int) WIBBLE WOBBLE
GO
CREATE TABLE ok4 (id int)`);
    expect(schema(cat).tables.map((t) => t.name.name)).toEqual(['ok1', 'ok2', 'ok3', 'ok4']);
    expect(cat.diagnostics.map((d) => [d.code, d.severity, d.span?.line, d.span?.col, d.statement])).toEqual([
      ['PGS1001', 'error', 2, 28, 'CREATE TABLE bad (id int,, x)'],
      ['PGS1001', 'error', 5, 27, 'WIBBLE WOBBLE'],
    ]);
    expect(cat.diagnostics[0]!.message).toContain('2:28');
  });

  it('reports unterminated strings (PGS1002) and never throws on garbage', () => {
    const cat = parse("CREATE TABLE t (a varchar(10) DEFAULT 'abc)\nGO\n");
    expect(codes(cat)).toContain('PGS1002');
    const garbage = parseTsql([{ file: 'g.sql', text: ')))(((;;; @@ $ ] [ \u0000 \'' }]);
    expect(garbage.dialect).toBe('tsql');
    expect(codes(garbage).every((c) => c === 'PGS1001' || c === 'PGS1002')).toBe(true);
  });

  it('reports 10,000 nested parentheses as PGS1005 without overflowing the stack', () => {
    const deep = `CREATE TABLE t (a int DEFAULT ${'('.repeat(10_000)}1${')'.repeat(10_000)})\nGO\nCREATE TABLE u (id int)`;
    const cat = parse(deep);
    expect(codes(cat)).toEqual(['PGS1005']);
    expect(cat.diagnostics[0]!.statement!.length).toBeLessThanOrEqual(2001);
    expect(schema(cat).tables.map((t) => t.name.name)).toEqual(['u']);
  });

  it('keeps unknown syntax inside a DEFAULT as an opaque expression, not a failed statement', () => {
    const cat = parse('CREATE TABLE t (a int DEFAULT {xx something()} NOT NULL, b int)');
    expect(codes(cat)).toEqual([]);
    expect(bare(table(cat, 't').columns[0])).toEqual({
      name: 'a', type: { name: 'int', args: [], raw: 'int' }, nullable: false,
      default: { kind: 'opaque', text: '{xx something()}', reason: "expected {d '...'}, {t '...'}, {ts '...'} or {fn ...} at 1:32 near 'xx'" }, defaultRaw: '{xx something()}',
    });
  });
});

describe('tsql SSMS "Generate Scripts" output', () => {
  it('reads the usual shape: bracketed types, WITH (...) ON [PRIMARY], ALTER ... ADD DEFAULT FOR, WITH CHECK ADD, CHECK CONSTRAINT, extended properties', () => {
    const cat = parse(`SET ANSI_NULLS ON
GO
CREATE TABLE [dbo].[Y](
\t[Id] [int] NOT NULL,
 CONSTRAINT [PK_Y] PRIMARY KEY CLUSTERED
(
\t[Id] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY]
) ON [PRIMARY]
GO
CREATE TABLE [dbo].[X](
\t[Id] [int] IDENTITY(1,1) NOT NULL,
\t[YId] [int] NULL,
\t[Flag] [bit] NOT NULL,
\t[Notes] [nvarchar](max) NULL
) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]
GO
ALTER TABLE [dbo].[X] ADD  DEFAULT ((0)) FOR [Flag]
GO
ALTER TABLE [dbo].[X]  WITH CHECK ADD  CONSTRAINT [FK_X_Y] FOREIGN KEY([YId])
REFERENCES [dbo].[Y] ([Id])
GO
ALTER TABLE [dbo].[X] CHECK CONSTRAINT [FK_X_Y]
GO
ALTER TABLE [dbo].[X]  WITH NOCHECK ADD  CONSTRAINT [CK_X] CHECK  (([Flag]=(1) OR [Notes] IS NULL))
GO
ALTER TABLE [dbo].[X] NOCHECK CONSTRAINT [CK_X]
GO
EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'Flag column' , @level0type=N'SCHEMA',@level0name=N'dbo', @level1type=N'TABLE',@level1name=N'X', @level2type=N'COLUMN',@level2name=N'Flag'
GO
CREATE VIEW [dbo].[V] WITH SCHEMABINDING AS SELECT Id FROM dbo.X
GO
CREATE UNIQUE CLUSTERED INDEX [IX_V] ON [dbo].[V] ([Id])
GO`);
    const x = bare(table(cat, 'X'));
    expect(x.columns.map((c) => [c.name, c.type.name, c.type.args, c.nullable, c.defaultRaw, c.comment])).toEqual([
      ['Id', 'int', [], false, undefined, undefined],
      ['YId', 'int', [], true, undefined, undefined],
      ['Flag', 'bit', [], false, '((0))', 'Flag column'],
      ['Notes', 'nvarchar', ['max'], true, undefined, undefined],
    ]);
    expect(x.foreignKeys).toEqual([{ name: 'FK_X_Y', columns: ['YId'], ref: { schema: 'dbo', name: 'Y' }, refColumns: ['Id'] }]);
    expect(x.checks.map((c) => [c.name, c.raw, c.enforced])).toEqual([['CK_X', '([Flag]=(1) OR [Notes] IS NULL)', false]]);
    expect(bare(table(cat, 'Y').primaryKey)).toEqual({ name: 'PK_Y', columns: [{ column: 'Id' }], clustered: true });
    expect(cat.diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.code, d.span?.line])).toEqual([['PGS1012', 33]]);
  });

  it('does not split batches on GO inside strings or comments, and substitutes $(var) inside strings', () => {
    const cat = parse(":setvar Note hello\nCREATE TABLE t (a varchar(20) DEFAULT '$(Note)\nGO\n', b int /*\nGO\n*/)");
    expect(codes(cat)).toEqual(['PGS1010']);
    expect(table(cat, 't').columns.map((c) => c.defaultRaw)).toEqual(["'hello\nGO\n'", undefined]);
  });

  it('keeps unknown syntax inside CHECK as opaque text', () => {
    const cat = parse('CREATE TABLE t (a int, CONSTRAINT ck CHECK (a > ALL (1) ??))');
    expect(codes(cat)).toEqual([]);
    expect(bare(table(cat, 't').checks[0]!.expr)).toMatchObject({ kind: 'opaque', text: 'a > ALL (1) ??' });
  });
});
