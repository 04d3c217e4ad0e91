import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScripts } from '../src/sources/script.js';
import { fileSegments } from '../src/sources/segments.js';
import { convertToFiles, defaultOptions } from './helpers/convert.js';

// Big scripts are parsed in segments cut between statements. Cutting at every possible point (segment size 1)
// or every few KB must give exactly the output of reading the file whole: files, data, manual/, report spans.
const corpus = join(import.meta.dirname, '../../shared/corpus');
const cases: ['tsql' | 'mysql', string][] = [
  ['tsql', 'test/cases/segments/tricky.tsql.sql'],
  ['mysql', 'test/cases/segments/tricky.mysql.sql'],
  ['mysql', 'test/cases/segments/raw-bytes.mysql.sql'],
  ['tsql', 'test/cases/data-phase/tsql.sql'],
  ['mysql', 'test/cases/data-phase/mysql.sql'],
  ['tsql', join(corpus, 'chinook/Chinook_SqlServer.sql')],
  ['mysql', join(corpus, 'chinook/Chinook_MySql.sql')],
  ['tsql', join(corpus, 'northwind-pubs/instnwnd.sql')],
  ['tsql', join(corpus, 'northwind-pubs/instpubs.sql')],
  ['tsql', join(corpus, 'maintenance-solution')],
  ['mysql', join(corpus, 'sakila/mysql-sakila-schema.sql')],
  ['tsql', join(corpus, 'quartz/tables_sqlServer.sql')],
  ['mysql', join(corpus, 'quartz/tables_mysql_innodb.sql')],
];

describe('segmented reading converts exactly like whole-file reading', () => {
  for (const [from, input] of cases) {
    it(`${from} ${input.replace(/^.*shared\//, '')}`, async () => {
      const whole = await convertToFiles(input, defaultOptions(from));
      for (const segmentBytes of [1, 3000]) {
        const segments = readScripts(input, { segmentBytes }).reduce((n, s) => n + (s.segmented ? [...fileSegments(s.segmented, from)].length : 1), 0);
        if (segmentBytes === 1) expect(segments).toBeGreaterThan(2);
        const pieces = await convertToFiles(input, defaultOptions(from), { segmentBytes });
        expect([...pieces.files.keys()]).toEqual([...whole.files.keys()]);
        for (const [name, text] of whole.files) expect(pieces.files.get(name), `${name} with ${segmentBytes}-byte segments`).toBe(text);
      }
    });
  }
});
