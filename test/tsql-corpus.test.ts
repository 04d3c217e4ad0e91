import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../src/model/catalog.js';
import { decodeScript } from '../src/sources/script.js';
import { parseTsql } from '../src/sources/tsql/parser.js';

const root = process.env.PGSHIFT_CORPUS ?? join('..', 'shared', 'corpus');
const maintenance = join(root, 'maintenance-solution');
const inputs: string[][] = [
  ['chinook/Chinook_SqlServer.sql'],
  ['sakila/sql-server-sakila-schema.sql'],
  ['northwind-pubs/instnwnd.sql'],
  ['northwind-pubs/instpubs.sql'],
  ['quartz/tables_sqlServer.sql'],
  ['spring-batch/schema-sqlserver.sql'],
  existsSync(maintenance) ? readdirSync(maintenance).filter((f) => f.endsWith('.sql')).sort().map((f) => `maintenance-solution/${f}`) : [],
];

function read(rel: string): { file: string; text: string } {
  const path = join(root, rel);
  return { file: rel, text: decodeScript(readFileSync(path), rel).text };
}

/** Independent of the parser: blank out comments and string literals, then count CREATE TABLE of non-temporary tables. */
function countCreateTable(text: string): number {
  const stripped = text.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, ' ');
  return (stripped.match(/\bCREATE\s+TABLE\s+(?![#@])/gi) ?? []).length;
}

const tables = (cat: Catalog): number => cat.schemas.reduce((n, s) => n + s.tables.length, 0);

describe.skipIf(!existsSync(root))('tsql corpus', () => {
  for (const files of inputs) {
    it(`parses ${files.length > 1 ? 'maintenance-solution/*.sql' : files[0]} without PGS1001 and finds every table`, () => {
      const scripts = files.map(read);
      const cat = parseTsql(scripts);
      expect(cat.diagnostics.filter((d) => d.code === 'PGS1001' || d.code === 'PGS1002' || d.code === 'PGS1005')).toEqual([]);
      const expected = scripts.reduce((n, s) => n + countCreateTable(s.text), 0);
      expect(expected).toBeGreaterThan(0);
      expect(tables(cat)).toBe(expected);
    });
  }

  it('puts Chinook foreign keys (added by ALTER TABLE) on their tables and counts its INSERT data', () => {
    const script = read('chinook/Chinook_SqlServer.sql');
    const cat = parseTsql([script]);
    const dbo = cat.schemas.find((s) => s.name === 'dbo')!;
    const fkStatements = script.text.match(/^ALTER TABLE \[dbo\]\.\[(\w+)\] ADD CONSTRAINT \[(\w+)\]\s+FOREIGN KEY/gm) ?? [];
    expect(fkStatements.length).toBeGreaterThan(0);
    for (const stmt of fkStatements) {
      const [, tableName, fkName] = /\[dbo\]\.\[(\w+)\] ADD CONSTRAINT \[(\w+)\]/.exec(stmt)!;
      const table = dbo.tables.find((t) => t.name.name === tableName)!;
      expect(table.foreignKeys.map((f) => f.name)).toContain(fkName);
    }
    expect(dbo.tables.reduce((n, t) => n + t.foreignKeys.length, 0)).toBe(fkStatements.length);
    const album = dbo.tables.find((t) => t.name.name === 'Album')!;
    expect(album.foreignKeys.find((f) => f.name === 'FK_AlbumArtistId')).toMatchObject({
      columns: ['ArtistId'], ref: { schema: 'dbo', name: 'Artist' }, refColumns: ['ArtistId'], onDelete: 'no action', onUpdate: 'no action',
    });
    expect(album.indexes.map((i) => i.name)).toEqual(['IFK_AlbumArtistId']);
    const inserts = (script.text.match(/^INSERT INTO /gm) ?? []).length;
    expect(dbo.data.reduce((n, d) => n + d.statements, 0)).toBe(inserts);
  });
});
