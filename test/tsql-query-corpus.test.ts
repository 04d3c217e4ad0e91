import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTsql } from '../src/sources/tsql/parser.js';
import { readScripts } from '../src/sources/script.js';

const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const scripts = ['sakila/sql-server-sakila-schema.sql', 'northwind-pubs/instnwnd.sql', 'northwind-pubs/instpubs.sql'];

describe('corpus views: every CREATE VIEW gets a parsed select', () => {
  for (const rel of scripts) {
    it(rel, () => {
      const cat = parseTsql(readScripts(join(corpus, rel)));
      const views = cat.schemas.flatMap((s) => s.views);
      expect(views.length).toBeGreaterThan(0);
      const failures = views.filter((v) => !v.select).map((v) => `${v.name.name}: ${cat.diagnostics.find((d) => d.object?.endsWith(v.name.name) && d.code === 'PGS1001')?.message}`);
      expect(failures).toEqual([]);
    });
  }
});
