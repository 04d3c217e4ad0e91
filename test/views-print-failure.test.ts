import { expect, it } from 'vitest';
import { convertScripts } from '../src/convert.js';
import { defaultOptions } from './helpers/convert.js';

// Regression: BIT_COUNT (a bit(64) cast) and JSON_REMOVE (#-) once threw out of the printer and aborted the
// whole run. A view PostgreSQL cannot spell goes to manual (PGS6004); these two now convert.
it('views with bit and jsonb operator translations convert without aborting the run', async () => {
  const text = [
    'CREATE TABLE t (id int primary key, b bigint, j json);',
    'CREATE VIEW bits AS SELECT BIT_COUNT(b) AS c FROM t;',
    "CREATE VIEW pruned AS SELECT JSON_REMOVE(j, '$.a') AS r FROM t;",
    'CREATE VIEW plain AS SELECT id FROM t;',
  ].join('\n');
  const r = await convertScripts([{ file: 'v.sql', text, diagnostics: [] }], { ...defaultOptions('mysql'), verify: 'pglite' });
  expect(r.target.schemas.flatMap((s) => s.views.map((v) => v.name.name))).toEqual(['bits', 'pruned', 'plain']);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
});
