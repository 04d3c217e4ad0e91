import { describe, expect, test } from 'vitest';
import { emptyWarnings, fieldEncoder } from '../src/copy/transforms.js';
import { col, key, one, table, ty } from './transpile-helpers.js';

const email = (extra = {}) => table('dbo', 'Users', [col('Email', ty('nvarchar', [200]), extra)], { uniques: [key(['Email'], { name: 'UQ_Email' })] });

describe('case-insensitive collations', () => {
  test('default policy by target version: citext before 18, collation from 18', () => {
    const v15 = one('tsql', email());
    expect(v15.table.columns[0]!.type.raw).toBe('citext');
    expect(v15.table.checks.map((c) => c.raw)).toEqual(['char_length(email) <= 200']);
    expect(v15.out.extensions).toEqual(['citext']);
    expect(v15.out.diagnostics).toEqual([]);

    const v18 = one('tsql', email(), { targetVersion: 18 });
    expect(v18.table.columns[0]).toMatchObject({ type: { name: 'varchar', args: [200] }, collation: 'public.case_insensitive' });
    expect(v18.out.schemas[0]!.collations).toEqual([{ name: 'case_insensitive', provider: 'icu', locale: 'und-u-ks-level2', deterministic: false }]);
    expect(v18.out.extensions).toEqual([]);
    expect(v18.table.checks).toEqual([]);
  });

  test("citext keeps SQL Server's char(n) comparisons: values load without their padding", () => {
    const code = (dialect: 'tsql' | 'mysql', o = {}) => one(dialect, table('dbo', 'T', [col('Code', ty(dialect === 'tsql' ? 'nchar' : 'char', [5]), dialect === 'mysql' ? { collation: 'utf8mb4_general_ci' } : {})]), o).table.columns[0]!;
    const c = code('tsql');
    expect([c.type.raw, c.copy]).toEqual(['citext', 'trim-padding']);
    const encode = fieldEncoder({ source: ty('nchar', [5]), target: c.type, copy: c.copy! });
    expect([encode('ab   ', emptyWarnings()), encode(' a b ', emptyWarnings()), encode(null, emptyWarnings())]).toEqual(['ab', ' a b', '\\N']);
    // char(n) keeps its own padding rules; MySQL sends char(n) unpadded; nvarchar keeps what it holds.
    expect(code('tsql', { caseInsensitive: 'collation' }).copy).toBeUndefined();
    expect(code('mysql').copy).toBeUndefined();
    expect(one('tsql', email()).table.columns[0]!.copy).toBeUndefined();
  });

  test('accent-insensitive sources get a level1 collation; citext warns on their keys', () => {
    const ai = email({ collation: 'Latin1_General_CI_AI' });
    const coll = one('tsql', ai, { caseInsensitive: 'collation' });
    expect(coll.table.columns[0]!.collation).toBe('public.case_accent_insensitive');
    expect(coll.out.schemas[0]!.collations![0]!.locale).toBe('und-u-ks-level1');
    const cit = one('tsql', ai, { caseInsensitive: 'citext' });
    expect(cit.out.diagnostics.map((d) => [d.code, d.object, d.message])).toEqual([
      ['PGS2004', 'table dbo.Users', 'unique constraint UQ_Email on email: the source is accent-insensitive; citext is accent-sensitive, so values differing only in accents become distinct'],
    ]);
  });

  test('ignore: plain types, unique keys warn that they become case-sensitive', () => {
    const r = one('tsql', email(), { caseInsensitive: 'ignore' });
    expect(r.table.columns[0]!.type.raw).toBe('varchar(200)');
    expect(r.out.diagnostics.map((d) => d.code)).toEqual(['PGS2004']);
  });

  test('case-sensitive and binary source collations stay plain and report PGS2006', () => {
    const cs = one('tsql', email({ collation: 'Latin1_General_CS_AS' }));
    expect(cs.table.columns[0]!.type.raw).toBe('varchar(200)');
    expect(cs.out.diagnostics.map((d) => d.code)).toEqual(['PGS2006']);
    const bin = one('mysql', table('', 't', [col('code', ty('varchar', [10]), { collation: 'utf8mb4_bin' })]));
    expect(bin.table.columns[0]!.type.raw).toBe('varchar(10)');
  });

  test('MySQL: table collate/charset decide when the column says nothing', () => {
    const ci = one('mysql', table('', 't', [col('name', ty('varchar', [10]))], { options: { charset: 'utf8mb4', collate: 'utf8mb4_0900_ai_ci' } }), { caseInsensitive: 'collation' });
    expect(ci.table.columns[0]!.collation).toBe('public.case_accent_insensitive');
    const binTable = one('mysql', table('', 't', [col('name', ty('varchar', [10]))], { options: { collate: 'utf8mb4_bin' } }));
    expect(binTable.table.columns[0]!.type.raw).toBe('varchar(10)');
    const binaryCharset = one('mysql', table('', 't', [col('name', ty('varchar', [10]), { charset: 'binary' })]));
    expect(binaryCharset.table.columns[0]!.type.raw).toBe('varchar(10)');
    const dflt = one('mysql', table('', 't', [col('name', ty('text'))]));
    expect(dflt.table.columns[0]!.type.raw).toBe('citext');
    expect(dflt.table.checks).toEqual([]);
  });
});
