import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMysql } from '../src/sources/mysql/parser.js';

const root = process.env.PGSHIFT_CORPUS ?? join('..', 'shared', 'corpus');
const files = [
  'chinook/Chinook_MySql.sql',
  'sakila/mysql-sakila-schema.sql',
  'quartz/tables_mysql_innodb.sql',
  'spring-batch/schema-mysql.sql',
  'spring-batch/schema-mariadb.sql',
];

/** Independent count: statements starting a line with CREATE [TEMPORARY] TABLE (bodies of routines are indented). */
const countMatches = (text: string, re: RegExp): number => (text.match(re) ?? []).length;

describe.skipIf(!existsSync(root))('MySQL corpus', () => {
  for (const f of files) {
    it(`parses ${f} without errors and finds every table`, () => {
      const text = readFileSync(join(root, f), 'utf8');
      const catalog = parseMysql([{ file: f, text }]);
      const errors = catalog.diagnostics.filter((d) => d.code === 'PGS1001' || d.severity === 'error');
      expect(errors).toEqual([]);
      const tables = catalog.schemas.flatMap((s) => s.tables);
      expect(tables.length).toBe(countMatches(text, /^CREATE\s+(?:TEMPORARY\s+)?TABLE\b/gim));
      const sequences = catalog.schemas.flatMap((s) => s.sequences);
      expect(sequences.length).toBe(countMatches(text, /^CREATE\s+SEQUENCE\b/gim));
      for (const t of tables) expect(t.columns.length).toBeGreaterThan(0);
    });
  }

  it('captures every sakila view, trigger, procedure and function', () => {
    const f = 'sakila/mysql-sakila-schema.sql';
    const text = readFileSync(join(root, f), 'utf8');
    const catalog = parseMysql([{ file: f, text }]);
    const sakila = catalog.schemas.find((s) => s.name === 'sakila')!;
    expect(sakila.declared).toBe(true);
    expect(sakila.views.length).toBe(countMatches(text, /^CREATE\s+(?:[^\n]*\s)?VIEW\s/gim));
    expect(sakila.triggers.length).toBe(countMatches(text, /^CREATE\s+(?:DEFINER=\S+\s+)?TRIGGER\s/gim));
    const procs = sakila.routines.filter((r) => r.kind === 'procedure');
    const funcs = sakila.routines.filter((r) => r.kind === 'function');
    expect(procs.length).toBe(countMatches(text, /^CREATE\s+(?:DEFINER=\S+\s+)?PROCEDURE\s/gim));
    expect(funcs.length).toBe(countMatches(text, /^CREATE\s+(?:DEFINER=\S+\s+)?FUNCTION\s/gim));
    for (const r of [...procs, ...funcs]) expect(r.text).toMatch(/END$/);
    const film = sakila.tables.find((t) => t.name.name === 'film')!;
    expect(film.columns.find((c) => c.name === 'rating')!.type.values).toEqual(['G', 'PG', 'PG-13', 'R', 'NC-17']);
    expect(sakila.tables.find((t) => t.name.name === 'film_text')!.indexes[0]!.kind).toBe('fulltext');
  });

  it('aggregates chinook INSERT data per table', () => {
    const f = 'chinook/Chinook_MySql.sql';
    const text = readFileSync(join(root, f), 'utf8');
    const catalog = parseMysql([{ file: f, text }]);
    const chinook = catalog.schemas.find((s) => s.name === 'Chinook')!;
    const statements = countMatches(text, /^INSERT\s+INTO\b/gim);
    expect(chinook.data.reduce((n, d) => n + d.statements, 0)).toBe(statements);
    // every row of a multi-row VALUES list starts on its own line with '(' in this script
    const rows = countMatches(text, /^\s*\(\d/gm);
    expect(chinook.data.reduce((n, d) => n + d.rows, 0)).toBe(rows);
  });
});
