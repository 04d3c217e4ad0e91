import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findShadowedRules, loadShippedRules, renderTypeTableMarkdown, transpile } from '../src/transpile/index.js';
import type { TypeRule } from '../src/transpile/mappings.js';
import { catalog, col, mapOne, opts, s, schema, table, ty } from './transpile-helpers.js';

type Case = [string, Parameters<typeof ty>[1], Partial<Parameters<typeof ty>[2]>, string, string?];

// [source type, args, extra, PostgreSQL type, expected check text]
const TSQL: Case[] = [
  ['bigint', [], {}, 'bigint'],
  ['int', [], {}, 'integer'],
  ['smallint', [], {}, 'smallint'],
  ['tinyint', [], {}, 'smallint', 'c BETWEEN 0 AND 255'],
  ['bit', [], {}, 'boolean'],
  ['decimal', [], {}, 'numeric(18,0)'],
  ['decimal', [10, 2], {}, 'numeric(10,2)'],
  ['numeric', [12], {}, 'numeric(12)'],
  ['money', [], {}, 'numeric(19,4)'],
  ['smallmoney', [], {}, 'numeric(10,4)'],
  ['float', [], {}, 'double precision'],
  ['float', [24], {}, 'real'],
  ['float', [53], {}, 'double precision'],
  ['real', [], {}, 'real'],
  ['date', [], {}, 'date'],
  ['time', [], {}, 'time(6)'],
  ['time', [3], {}, 'time(3)'],
  ['datetime', [], {}, 'timestamp(3)'],
  ['datetime2', [], {}, 'timestamp(6)'],
  ['datetime2', [7], {}, 'timestamp(6)'],
  ['datetime2', [0], {}, 'timestamp(0)'],
  ['smalldatetime', [], {}, 'timestamp(0)'],
  ['datetimeoffset', [], {}, 'timestamptz(6)'],
  ['datetimeoffset', [3], {}, 'timestamptz(3)'],
  ['char', [10], {}, 'char(10)'],
  ['char', [], {}, 'char(1)'],
  ['varchar', [20], {}, 'varchar(20)'],
  ['varchar', ['max'], {}, 'text'],
  ['varchar', [], {}, 'varchar(1)'],
  ['text', [], {}, 'text'],
  ['nchar', [5], {}, 'char(5)'],
  ['nvarchar', [100], {}, 'varchar(100)'],
  ['nvarchar', ['max'], {}, 'text'],
  ['ntext', [], {}, 'text'],
  ['binary', [16], {}, 'bytea'],
  ['varbinary', [100], {}, 'bytea'],
  ['varbinary', ['max'], {}, 'bytea'],
  ['image', [], {}, 'bytea'],
  ['uniqueidentifier', [], {}, 'uuid'],
  ['xml', [], {}, 'xml'],
  ['sql_variant', [], {}, 'text'],
  ['hierarchyid', [], {}, 'text'],
  ['geography', [], {}, 'bytea'],
  ['geometry', [], {}, 'bytea'],
  ['rowversion', [], {}, 'bytea'],
  ['timestamp', [], {}, 'bytea'],
  ['sysname', [], {}, 'varchar(128)'],
];

const MYSQL: Case[] = [
  ['tinyint', [1], {}, 'boolean'],
  ['tinyint', [4], {}, 'smallint'],
  ['tinyint', [], { unsigned: true }, 'smallint', 'c BETWEEN 0 AND 255'],
  ['tinyint', [3], { unsigned: true, zerofill: true }, 'smallint', 'c BETWEEN 0 AND 255'],
  ['bool', [], {}, 'boolean'],
  ['boolean', [], {}, 'boolean'],
  ['smallint', [], {}, 'smallint'],
  ['smallint', [], { unsigned: true }, 'integer', 'c BETWEEN 0 AND 65535'],
  ['smallint', [5], { unsigned: true, zerofill: true }, 'integer', 'c BETWEEN 0 AND 65535'],
  ['mediumint', [], {}, 'integer'],
  ['mediumint', [], { unsigned: true }, 'integer', 'c BETWEEN 0 AND 16777215'],
  ['mediumint', [], { zerofill: true }, 'integer', 'c BETWEEN 0 AND 16777215'],
  ['int', [11], {}, 'integer'],
  ['integer', [], {}, 'integer'],
  ['int', [10], { unsigned: true }, 'bigint', 'c BETWEEN 0 AND 4294967295'],
  ['int', [10], { unsigned: true, zerofill: true }, 'bigint', 'c BETWEEN 0 AND 4294967295'],
  ['bigint', [20], {}, 'bigint'],
  ['bigint', [20], { unsigned: true }, 'numeric(20,0)', 'c BETWEEN 0 AND 18446744073709551615'],
  ['bigint', [20], { unsigned: true, zerofill: true }, 'numeric(20,0)', 'c BETWEEN 0 AND 18446744073709551615'],
  ['serial', [], {}, 'bigint', 'c >= 0'],
  ['bit', [], {}, 'boolean'],
  ['bit', [1], {}, 'boolean'],
  ['bit', [8], {}, 'varbit(8)'],
  ['decimal', [], {}, 'numeric(10,0)'],
  ['decimal', [10, 2], {}, 'numeric(10,2)'],
  ['decimal', [10, 2], { unsigned: true }, 'numeric(10,2)', 'c >= 0'],
  ['numeric', [5, 1], {}, 'numeric(5,1)'],
  ['float', [], {}, 'real'],
  ['float', [10], {}, 'real'],
  ['float', [30], {}, 'double precision'],
  ['float', [7, 2], {}, 'real'],
  ['float', [], { unsigned: true }, 'real', 'c >= 0'],
  ['double', [], {}, 'double precision'],
  ['double', [10, 2], {}, 'double precision'],
  ['double precision', [], {}, 'double precision'],
  ['real', [], {}, 'double precision'],
  ['double', [], { unsigned: true }, 'double precision', 'c >= 0'],
  ['char', [3], {}, 'char(3)'],
  ['char', [], {}, 'char(1)'],
  ['varchar', [255], {}, 'varchar(255)'],
  ['tinytext', [], {}, 'text'],
  ['text', [], {}, 'text'],
  ['mediumtext', [], {}, 'text'],
  ['longtext', [], {}, 'text'],
  ['binary', [16], {}, 'bytea'],
  ['varbinary', [255], {}, 'bytea'],
  ['tinyblob', [], {}, 'bytea'],
  ['blob', [], {}, 'bytea'],
  ['mediumblob', [], {}, 'bytea'],
  ['longblob', [], {}, 'bytea'],
  ['json', [], {}, 'jsonb'],
  ['date', [], {}, 'date'],
  ['time', [], {}, 'time(0)'],
  ['time', [3], {}, 'time(3)'],
  ['datetime', [], {}, 'timestamp(0)'],
  ['datetime', [6], {}, 'timestamp(6)'],
  ['timestamp', [], {}, 'timestamptz(0)'],
  ['timestamp', [3], {}, 'timestamptz(3)'],
  ['year', [], {}, 'smallint'],
  ['geometry', [], {}, 'bytea'],
  ['point', [], {}, 'bytea'],
  ['linestring', [], {}, 'bytea'],
  ['polygon', [], {}, 'bytea'],
  ['multipoint', [], {}, 'bytea'],
  ['multilinestring', [], {}, 'bytea'],
  ['multipolygon', [], {}, 'bytea'],
  ['geometrycollection', [], {}, 'bytea'],
];

describe('type rules', () => {
  test.each(TSQL)('tsql %s %j → %s', (name, args, extra, expected, chk) => {
    const r = mapOne('tsql', ty(name, args, extra));
    expect(r.type).toBe(expected);
    expect(r.table.checks.map((c) => c.raw)).toEqual(chk ? [chk] : []);
    expect(r.codes).not.toContain('PGS2001');
  });
  test.each(MYSQL)('mysql %s %j %j → %s', (name, args, extra, expected, chk) => {
    const r = mapOne('mysql', ty(name, args, extra));
    expect(r.type).toBe(expected);
    expect(r.table.checks.map((c) => c.raw)).toEqual(chk ? [chk] : []);
    expect(r.codes).not.toContain('PGS2001');
  });

  test('rule id, copy transform and note are reported', () => {
    const r = mapOne('mysql', ty('tinyint', [1]));
    expect(r.column.copy).toBe('int-to-bool');
    const b = mapOne('mysql', ty('bigint', [20], { unsigned: true }));
    expect(b.out.diagnostics.map((d) => [d.code, d.rule, d.object])).toEqual([['PGS2002', 'mysql.bigint-unsigned', 'table t']]);
    const g = mapOne('tsql', ty('geography'));
    expect(g.out.diagnostics[0]).toMatchObject({ code: 'PGS2002', rule: 'tsql.spatial', object: 'table dbo.t', severity: 'warning' });
    expect(g.column.copy).toBe('spatial-to-wkb');
  });

  test('zero-date default is dropped with PGS2003', () => {
    const r = mapOne('mysql', ty('datetime'), { default: s('0000-00-00 00:00:00'), defaultRaw: "'0000-00-00 00:00:00'", nullable: false });
    expect(r.type).toBe('timestamp(0)');
    expect(r.column.default).toBeUndefined();
    expect(r.column.copy).toBe('zero-dates-to-null');
    expect(r.out.diagnostics.map((d) => [d.code, d.rule])).toEqual([['PGS2003', 'mysql.datetime-zero-default-fsp']]);
  });

  test('unknown type → PGS2001 error and text', () => {
    const r = mapOne('tsql', ty('frobnicator'));
    expect(r.type).toBe('text');
    expect(r.out.diagnostics[0]).toMatchObject({ code: 'PGS2001', severity: 'error' });
  });

  test('T-SQL alias type → domain; its NOT NULL is a column default, so the domain has none', () => {
    const sch = schema('dbo', [table('dbo', 'Person', [col('Phone', ty('Phone'))])], {
      types: [{ kind: 'alias', name: { schema: 'dbo', name: 'Phone' }, base: ty('varchar', [20]), nullable: false, span: table('dbo', 'x', []).span }],
    });
    const out = transpile(catalog('tsql', [sch]), opts({ caseInsensitive: 'ignore' }));
    const pub = out.schemas[0]!;
    expect(pub.types).toEqual([{ kind: 'domain', name: { schema: 'public', name: 'phone' }, base: ty('varchar', [20]), span: pub.types[0]!.span, source: 'type dbo.Phone' }]);
    expect(pub.tables[0]!.columns[0]!.type).toMatchObject({ name: 'phone', schema: 'public', args: [] });
  });
});

describe('mapping files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgshift-map-'));
  test('a user rule goes before the defaults and wins', () => {
    const file = join(dir, 'user.yaml');
    writeFileSync(file, `types:
  - id: user.geometry-postgis
    match: { type: [geometry, point] }
    to: geometry
functions:
  UUID: uuid_generate_v4()
`);
    const r = mapOne('mysql', ty('point'), { default: { kind: 'call', name: ['UUID'], args: [] } }, { mappingsFile: file });
    expect(r.type).toBe('geometry');
    expect(r.out.diagnostics).toEqual([]);
    expect(r.column.default).toEqual({ kind: 'call', name: ['uuid_generate_v4'], args: [] });
    // A bare list is a list of type rules.
    const list = join(dir, 'list.yaml');
    writeFileSync(list, '- id: user.int-bigint\n  match: { type: int }\n  to: bigint\n');
    expect(mapOne('tsql', ty('int'), {}, { mappingsFile: list }).type).toBe('bigint');
  });

  test('a bad user file is a clear error naming the file and the reason', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, '- id: user.x\n  match: { type: int, colour: red }\n  to: bigint\n');
    expect(() => transpile(catalog('tsql', []), opts({ mappingsFile: file }))).toThrow(`mappings file ${file}: $[0].match: unknown key "colour"`);
    writeFileSync(file, '- match: { type: int }\n  to: bigint\n');
    expect(() => transpile(catalog('tsql', []), opts({ mappingsFile: file }))).toThrow('missing required key "id"');
    writeFileSync(file, '- id: user.x\n  to: "varchar(("\n');
    expect(() => transpile(catalog('tsql', []), opts({ mappingsFile: file }))).toThrow('$[0].to: "varchar((" does not match');
    writeFileSync(file, 'types: [\n');
    expect(() => transpile(catalog('tsql', []), opts({ mappingsFile: file }))).toThrow(/mappings file .*bad\.yaml: not valid YAML/);
    expect(() => transpile(catalog('tsql', []), opts({ mappingsFile: join(dir, 'missing.yaml') }))).toThrow('cannot be read');
  });

  test('no shipped rule is hidden by an earlier, broader rule', () => {
    expect(findShadowedRules(loadShippedRules('tsql').types)).toEqual([]);
    expect(findShadowedRules(loadShippedRules('mysql').types)).toEqual([]);
  });

  test('the shadow check finds a hidden rule', () => {
    const rules: TypeRule[] = [
      { id: 'a.int', match: { type: ['int', 'bigint'] }, to: 'bigint' },
      { id: 'a.int-unsigned', match: { type: 'int', unsigned: true }, to: 'numeric' },
      { id: 'a.float', match: { type: 'float', args: [{ min: 1, max: 53 }] }, to: 'real' },
      { id: 'a.float24', match: { type: 'float', args: [24] }, to: 'real' },
      { id: 'a.float-any', match: { type: 'float' }, to: 'real' },
    ];
    expect(findShadowedRules(rules)).toEqual([
      { rule: 'a.int-unsigned', hiddenBy: 'a.int' },
      { rule: 'a.float24', hiddenBy: 'a.float' },
    ]);
  });

  test('the type table renders as Markdown from the rule files', () => {
    const md = renderTypeTableMarkdown(['mysql']);
    expect(md.split('\n').slice(0, 4)).toEqual([
      '### MySQL / MariaDB',
      '',
      '| Rule | Source type | PostgreSQL | Copy | Note |',
      '|---|---|---|---|---|',
    ]);
    expect(md).toContain('| `mysql.tinyint1-bool` | `tinyint` — display width 1 | `boolean` | `int-to-bool` |  |');
    expect(md).toContain('| `mysql.tinyint-unsigned` | `tinyint` — unsigned | `smallint` + CHECK (`{col} BETWEEN 0 AND 255`) |  |  |');
    expect(renderTypeTableMarkdown()).toContain('| `tsql.varchar-max` | `varchar(max)`, `nvarchar(max)`, `character varying(max)`, `national character varying(max)` | `text` |  |  |');
  });
});
