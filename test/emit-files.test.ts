import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { ManualItem } from '../src/model/catalog.js';
import type { Phase } from '../src/target/postgres/print.js';
import { writeMigration } from '../src/emit/files.js';

const phases: Phase[] = [
  { file: '0010_schemas_types', title: 'schemas', up: [{ sql: 'CREATE SCHEMA s;', object: 'schema s' }], down: [{ sql: 'DROP SCHEMA s;', object: 'schema s' }] },
  {
    file: '0030_tables', title: 'tables',
    up: [{ sql: 'CREATE TABLE s.a (\n  id integer\n);', object: 'table dbo.a' }, { sql: 'CREATE TABLE s.b (\n  id integer\n);', object: 'table dbo.b' }],
    down: [{ sql: 'DROP TABLE s.b;', object: 'table dbo.b' }, { sql: 'DROP TABLE s.a;', object: 'table dbo.a' }],
  },
];
const manual: ManualItem[] = [
  { object: 'view dbo.V 1', kind: 'view', original: 'CREATE VIEW [V 1] AS\nSELECT TOP 1 * FROM a', codes: ['PGS4001'], span: { file: 'in.sql', line: 7, col: 1, endLine: 8, endCol: 20 } },
  { object: 'table dbo.a', kind: 'index', original: 'CREATE INDEX ix ON s.a (x);', draft: 'CREATE INDEX ix ON s.a (id);', codes: ['PGS6002'] },
  { object: 'table dbo.a', kind: 'index', original: 'CREATE INDEX iy ON s.a (y);', codes: ['PGS6002'] },
];

test('writes up, down and manual files, byte for byte, and removes stale ones it wrote', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgshift-emit-'));
  writeFileSync(join(dir, '0020_sequences.sql'), '-- pgshift: sequences\n\nCREATE SEQUENCE x;\n');
  writeFileSync(join(dir, 'notes.sql'), '-- mine, not pgshift\n');
  const written = writeMigration(dir, phases, manual);
  expect(written.map((p) => p.slice(dir.length + 1))).toEqual([
    '0010_schemas_types.sql', 'down/0010_schemas_types.sql', '0030_tables.sql', 'down/0030_tables.sql',
    'manual/view_dbo.V_1.sql', 'manual/index_dbo.a.sql', 'manual/index_dbo.a_2.sql',
  ]);
  expect(readFileSync(join(dir, '0030_tables.sql'), 'utf8')).toBe(
    '-- pgshift: tables\n\nCREATE TABLE s.a (\n  id integer\n);\n\nCREATE TABLE s.b (\n  id integer\n);\n',
  );
  expect(readFileSync(join(dir, 'down/0030_tables.sql'), 'utf8')).toBe('-- pgshift: tables (down)\n\nDROP TABLE s.b;\n\nDROP TABLE s.a;\n');
  expect(readFileSync(join(dir, 'manual/view_dbo.V_1.sql'), 'utf8')).toBe([
    '-- pgshift: manual conversion needed: view dbo.V 1 (view)',
    '-- PGS4001: view not converted yet',
    '-- source: in.sql:7:1',
    '',
    '-- original:',
    '-- CREATE VIEW [V 1] AS',
    '-- SELECT TOP 1 * FROM a',
    '',
    '-- no draft: write the PostgreSQL version by hand',
    '',
  ].join('\n'));
  expect(readFileSync(join(dir, 'manual/index_dbo.a.sql'), 'utf8')).toContain('-- draft (review before use):\nCREATE INDEX ix ON s.a (id);\n');
  expect(existsSync(join(dir, '0020_sequences.sql'))).toBe(false);
  expect(existsSync(join(dir, 'notes.sql'))).toBe(true);

  // A second run with less output removes what the first wrote.
  writeMigration(dir, phases.slice(1), []);
  expect(readdirSync(dir).sort()).toEqual(['0030_tables.sql', 'down', 'manual', 'notes.sql']);
  expect(readdirSync(join(dir, 'manual'))).toEqual([]);
  expect(readdirSync(join(dir, 'down'))).toEqual(['0030_tables.sql']);
});
