import { describe, expect, test } from 'vitest';
import type { Expr } from '../src/model/expr.js';
import { transpile } from '../src/transpile/index.js';
import { bin, c, catalog, check, col, fk, fn, index, key, n, one, opts, paren, s, schema, span, table, ty } from './transpile-helpers.js';

const ident = { identity: { start: 1n, increment: 1n }, nullable: false };

describe('identity', () => {
  test('T-SQL IDENTITY(s,i) is kept; numeric identity becomes bigint (PGS2005)', () => {
    const r = one('tsql', table('dbo', 'T', [
      col('Id', ty('int'), { identity: { start: 100n, increment: 5n }, nullable: false }),
      col('N', ty('numeric', [18, 0]), ident),
    ]));
    expect(r.table.columns.map((x) => [x.type.raw, x.identity])).toEqual([
      ['integer', { start: 100n, increment: 5n }],
      ['bigint', { start: 1n, increment: 1n }],
    ]);
    expect(r.out.diagnostics.map((d) => [d.code, d.rule])).toEqual([['PGS2005', 'tsql.decimal-identity']]);
  });

  test('MySQL AUTO_INCREMENT with table option auto_increment=n starts at n', () => {
    const r = one('mysql', table('', 't', [col('id', ty('int', [11], { unsigned: true }), { identity: { start: 1n, increment: 1n, autoIncrement: true }, nullable: false })], { options: { auto_increment: '1001' }, primaryKey: key(['id']) }));
    expect(r.table.columns[0]!.identity).toEqual({ start: 1001n, increment: 1n });
    expect(r.table.columns[0]!.type.raw).toBe('bigint');
    expect(r.out.diagnostics.map((d) => [d.code, d.message])).toEqual([['PGS2005', 'column id: table option AUTO_INCREMENT=1001 becomes the identity\'s START WITH 1001']]);
  });

  test('rowversion → bytea from a sequence on insert and update, with a note', () => {
    const r = one('tsql', table('dbo', 'T', [col('rv', ty('rowversion'))]));
    expect(r.table.columns[0]!.type.raw).toBe('bytea');
    expect(r.table.columns[0]!.defaultRaw).toBe("int8send(nextval('public.rowversion_seq'))");
    expect(r.out.diagnostics.map((d) => [d.code, d.rule])).toEqual([['PGS2002', 'tsql.rowversion'], ['PGS3005', undefined]]);
  });
});

describe('enum and set', () => {
  test('enum → CREATE TYPE <table>_<column>; set → text[] with a membership CHECK', () => {
    const r = one('mysql', table('shop', 'Orders', [
      col('status', ty('enum', [], { values: ['new', 'paid'] }), { default: s('new') }),
      col('tags', ty('set', [], { values: ['a', 'b'] }), { default: s('a,b') }),
    ], { checks: [check({ kind: 'in', expr: c('status'), list: [s('new'), s('paid')] }, "status IN ('new','paid')")] }));
    const sch = r.out.schemas[0]!;
    expect(sch.types).toEqual([{ kind: 'enum', name: { schema: 'public', name: 'orders_status' }, values: ['new', 'paid'], span }]);
    expect(r.table.columns[0]!.type).toMatchObject({ name: 'orders_status', schema: 'public' });
    expect(r.table.columns[0]!.default).toEqual({ kind: 'string', value: 'new' });
    expect(r.table.columns[1]!.type).toMatchObject({ name: 'text', array: true, raw: 'text[]' });
    expect(r.table.columns[1]!.copy).toBe('set-to-array');
    expect(r.table.columns[1]!.default).toEqual({ kind: 'cast', expr: { kind: 'string', value: '{"a","b"}' }, type: ty('text', [], { array: true, raw: 'text[]' }), form: 'cast' });
    expect(r.table.checks.map((x) => x.raw)).toEqual(['tags <@ CAST(\'{"a","b"}\' AS text[])', "status IN ('new', 'paid')"]);
    // The only diagnostic: the single database shop goes to public.
    expect(r.out.diagnostics.map((d) => d.code)).toEqual(['PGS1010']);
  });
});

describe('indexes', () => {
  test('FULLTEXT → GIN over to_tsvector (PGS2008)', () => {
    const r = one('mysql', table('', 'posts', [col('title', ty('varchar', [100])), col('body', ty('text'))], { indexes: [index(['title', 'body'], { kind: 'fulltext', name: 'ft_post' })] }), { caseInsensitive: 'ignore' });
    const ix = r.table.indexes[0]!;
    expect(ix.using).toBe('gin');
    const coalesce = (x: string): Expr => fn('coalesce', c(x), s(''));
    expect(ix.columns).toEqual([{ column: 'title', expr: fn('to_tsvector', s('simple'), bin('||', bin('||', coalesce('title'), s(' ')), coalesce('body'))) }]);
    expect(r.codes).toEqual(['PGS2008']);
  });

  test('prefix lengths: a unique key becomes a unique index over the prefix; a plain index covers a value that fits a btree entry, else the prefix', () => {
    const r = one('mysql', table('', 't', [col('a', ty('varchar', [500])), col('b', ty('text')), col('p', ty('varchar', [20]))], {
      primaryKey: { columns: [{ column: 'p', length: 20 }], span },
      uniques: [{ name: 'uq_a', columns: [{ column: 'a', length: 20 }], span }],
      indexes: [index([], { name: 'ix_a', columns: [{ column: 'a', length: 10 }] }), index([], { name: 'ix_b', columns: [{ column: 'b', length: 10 }] })],
    }), { caseInsensitive: 'ignore' });
    const left = (column: string, n: string) => ({ kind: 'call', name: ['left'], args: [{ kind: 'column', parts: [column] }, { kind: 'number', value: n }] });
    expect(r.table.primaryKey!.columns).toEqual([{ column: 'p' }]);
    expect(r.table.uniques).toEqual([]);
    expect(r.table.indexes.map((i) => [i.name, i.unique, i.columns])).toEqual([
      ['uq_a', true, [{ column: 'a', expr: left('a', '20') }]],
      ['ix_a', false, [{ column: 'a' }]],
      ['ix_b', false, [{ column: 'b', expr: left('b', '10') }]],
    ]);
    expect(r.out.diagnostics.filter((d) => d.code === 'PGS2015' || d.code === 'PGS2008').map((d) => [d.code, d.severity])).toEqual([
      ['PGS2008', 'info'], ['PGS2015', 'info'], ['PGS2008', 'info'],
    ]);
  });

  test('spatial without a geometric type, XML and columnstore → PGS2007 and manual; INCLUDE and filter kept; hash', () => {
    const r = one('tsql', table('dbo', 'T', [col('g', ty('geography')), col('x', ty('xml')), col('a', ty('int')), col('b', ty('int'))], {
      indexes: [
        index(['g'], { kind: 'spatial', name: 'sx' }),
        index(['x'], { kind: 'xml', name: 'xx' }),
        index(['a'], { kind: 'columnstore', name: 'cs' }),
        index(['a'], { name: 'ix_a', include: ['B'], where: bin('>', c('b'), n(0)), whereRaw: 'b > 0', clustered: true }),
        index(['a'], { kind: 'hash', name: 'hx' }),
      ],
    }));
    expect(r.table.indexes).toEqual([
      { name: 'ix_a', unique: false, kind: 'plain', columns: [{ column: 'a' }], include: ['b'], where: bin('>', c('b'), n(0)), whereRaw: 'b > 0', span },
      { name: 'hx', unique: false, kind: 'plain', columns: [{ column: 'a' }], include: [], using: 'hash', span },
    ]);
    expect(r.codes.filter((x) => x !== 'PGS2002')).toEqual(['PGS2013', 'PGS2007', 'PGS2007', 'PGS2007']);
    expect(r.out.manual!.map((m) => [m.kind, m.object, m.codes])).toEqual([
      ['index', 'table dbo.T', ['PGS2007']], ['index', 'table dbo.T', ['PGS2007']], ['index', 'table dbo.T', ['PGS2007']],
    ]);
  });
});

describe('constraints', () => {
  test('NOCHECK / NOT ENFORCED → enforced false with PGS2014', () => {
    const r = one('tsql', table('dbo', 'T', [col('a', ty('int'))], { checks: [check(bin('>', c('a'), n(0)), 'a > 0', { enforced: false })] }));
    expect(r.table.checks).toEqual([{ expr: bin('>', c('a'), n(0)), raw: 'a > 0', enforced: false, span }]);
    expect(r.codes).toEqual(['PGS2014']);
  });

  test('FK to a table not in the input → PGS2012 and manual; the table still converts', () => {
    const r = one('tsql', table('dbo', 'T', [col('a', ty('int'))], { foreignKeys: [fk(['a'], 'dbo', 'Missing', ['id'], { name: 'FK_T_Missing' })] }));
    expect(r.table.foreignKeys).toEqual([]);
    expect(r.table.columns.length).toBe(1);
    expect(r.out.manual).toEqual([{
      object: 'table dbo.T', kind: 'constraint',
      original: 'CONSTRAINT FK_T_Missing FOREIGN KEY (a) REFERENCES dbo.Missing (id)',
      draft: 'ALTER TABLE public.t ADD CONSTRAINT fk_t_missing FOREIGN KEY (a) REFERENCES public.missing (id);',
      codes: ['PGS2012'], span,
    }]);
  });

  test('json_valid CHECK on a MariaDB JSON (longtext) column → jsonb, CHECK dropped (PGS2018)', () => {
    const r = one('mysql', table('', 't', [col('doc', ty('longtext'))], { checks: [check(fn('json_valid', c('doc')), 'json_valid(`doc`)')] }));
    expect(r.table.columns[0]!.type.raw).toBe('jsonb');
    expect(r.table.checks).toEqual([]);
    expect(r.codes).toEqual(['PGS2018']);
  });

  test('a default reading another column → no DEFAULT, a BEFORE INSERT trigger computes it (PGS3007)', () => {
    const r = one('mysql', table('', 't', [
      col('a', ty('int')),
      col('b', ty('int'), { default: paren(bin('*', c('a'), c('a'))), defaultRaw: '(a*a)' }),
      col('c', ty('int'), { default: paren(bin('+', c('missing'), n('1'))), defaultRaw: '(missing+1)' }),
    ]));
    expect(r.table.columns.map((x) => x.default)).toEqual([undefined, undefined, { kind: 'binary', op: '+', left: c('missing'), right: n('1') }]);
    expect(r.codes).toEqual(['PGS3007']);
    const schema = r.out.schemas[0]!;
    expect(schema.routines.map((x) => x.text)).toEqual([
      'CREATE FUNCTION public.t_defaults() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  IF new.b IS NULL THEN\n    new.b := new.a * new.a;\n  END IF;\n  RETURN NEW;\nEND;\n$$;',
    ]);
    expect(schema.triggers.map((x) => x.text)).toEqual(['CREATE TRIGGER t_defaults BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.t_defaults();']);
  });

  test('temporal tables → plain table with PGS2016', () => {
    const r = one('tsql', table('dbo', 'T', [col('a', ty('int'))], { temporal: { start: 'ValidFrom', end: 'ValidTo', history: { schema: 'dbo', name: 'THistory' } } }));
    expect(r.codes).toEqual(['PGS2016']);
  });
});

describe('partitioning', () => {
  const part = (method: 'range' | 'hash', extra = {}) => ({ method, expr: [c('y')], partitions: [], raw: `PARTITION BY ${method.toUpperCase()} (y)`, span, ...extra });
  test('RANGE on a key column → partitions named <table>_<partition>', () => {
    const r = one('mysql', table('', 'sales', [col('id', ty('int')), col('y', ty('int'))], {
      primaryKey: key(['id', 'y']),
      partition: part('range', { partitions: [{ name: 'p2020', bound: 'less-than', values: [n(2021)] }, { name: 'pmax', bound: 'less-than', values: 'maxvalue' }] }),
    }));
    expect(r.table.partition).toEqual({ method: 'range', expr: [c('y')], partitions: [
      { name: 'sales_p2020', bound: 'less-than', values: [n(2021)] }, { name: 'sales_pmax', bound: 'less-than', values: 'maxvalue' },
    ], raw: 'PARTITION BY RANGE (y)', span });
    expect(r.codes).toEqual([]);
  });
  test('partition key missing from the primary key → PGS2009, unpartitioned', () => {
    const r = one('mysql', table('', 'sales', [col('id', ty('int')), col('y', ty('int'))], { primaryKey: key(['id']), partition: part('range') }));
    expect(r.table.partition).toBeUndefined();
    expect(r.codes).toEqual(['PGS2009']);
  });
  test('KEY partitions → HASH with count', () => {
    const r = one('mysql', table('', 'h', [col('y', ty('int'))], { partition: { method: 'key', expr: [c('y')], count: 2, partitions: [], raw: 'PARTITION BY KEY (y) PARTITIONS 2', span } }));
    expect(r.table.partition).toMatchObject({ method: 'hash', count: 2, partitions: [{ name: 'h_p0', bound: 'none', values: [] }, { name: 'h_p1', bound: 'none', values: [] }] });
  });
});

describe('objects not converted in this issue', () => {
  test('views, routines, triggers and events → PGS4001..4004 and manual; data sets merged for the data phase', () => {
    const cat = catalog('tsql', [schema('dbo', [table('dbo', 'T', [col('a', ty('int'))])], {
      views: [{ name: { schema: 'dbo', name: 'V' }, text: 'CREATE VIEW dbo.V AS SELECT 1 AS x', query: 'SELECT 1 AS x', options: {}, span }],
      routines: [
        { kind: 'procedure', name: { schema: 'dbo', name: 'P' }, text: 'CREATE PROCEDURE dbo.P AS SELECT 1', span },
        { kind: 'event', name: { schema: 'dbo', name: 'E' }, text: 'CREATE EVENT e ...', span },
      ],
      triggers: [{ name: { schema: 'dbo', name: 'TR' }, table: { schema: 'dbo', name: 'T' }, events: ['insert'], text: 'CREATE TRIGGER TR ...', span }],
      data: [
        { table: { schema: 'dbo', name: 'T' }, statements: 2, rows: 5, span },
        { table: { schema: 'dbo', name: 'T' }, statements: 1, rows: 3, span },
      ],
    })]);
    const out = transpile(cat, opts());
    expect(out.diagnostics.map((d) => [d.code, d.object])).toEqual([
      ['PGS4001', 'view dbo.V'], ['PGS4002', 'procedure dbo.P'], ['PGS4004', 'event dbo.E'], ['PGS4003', 'trigger dbo.TR'],
    ]);
    expect(out.manual!.map((m) => [m.kind, m.original, m.draft])).toEqual([
      ['view', 'CREATE VIEW dbo.V AS SELECT 1 AS x', undefined], ['routine', 'CREATE PROCEDURE dbo.P AS SELECT 1', undefined],
      ['routine', 'CREATE EVENT e ...', undefined], ['trigger', 'CREATE TRIGGER TR ...', undefined],
    ]);
    expect(out.schemas[0]!.data).toEqual([{ table: { schema: 'public', name: 't' }, sourceTable: { schema: 'dbo', name: 'T' }, statements: 3, rows: 8, span, chunks: [] }]);
    expect(out.schemas[0]!.views).toEqual([]);
  });
});

