import { expect, it } from 'vitest';
import { convertScripts } from '../src/convert.js';
import { defaultOptions } from './helpers/convert.js';

// A view whose translation has no PostgreSQL spelling goes to manual; the other views and the run go on.
it('a view the printer cannot spell goes to manual, not the whole run', async () => {
  const text = [
    'CREATE TABLE t (id int primary key, j json);',
    "CREATE VIEW bad AS SELECT JSON_REMOVE(j, '$.a') AS r FROM t;",
    'CREATE VIEW good AS SELECT id FROM t;',
  ].join('\n');
  const r = await convertScripts([{ file: 'v.sql', text, diagnostics: [] }], defaultOptions('mysql'));
  expect(r.target.schemas.flatMap((s) => s.views.map((v) => v.name.name))).toEqual(['good']);
  expect(r.manual.map((m) => m.object)).toEqual(['view bad']);
  expect(r.diagnostics.find((d) => d.object === 'view bad' && d.severity === 'error')?.span?.line).toBe(2);
});
