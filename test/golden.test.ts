import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { convertToFiles, defaultOptions, downFiles, listFiles, upFiles } from './helpers/convert.js';
import { leftoverObjects, resetPglite, sharedPglite } from './helpers/pglite.js';
import { execScript } from './helpers/exec-copy.js';

// Golden cases: fixtures/<dialect>/<case>/input.sql (+ optional options.json) and expected/ holding every
// output file. UPDATE_GOLDEN=1 rewrites expected/; review the diff like code.
const update = process.env.UPDATE_GOLDEN === '1';
const cases = (['tsql', 'mysql'] as const).flatMap((dialect) => {
  const root = join('fixtures', dialect);
  return existsSync(root) ? readdirSync(root).sort().map((name) => ({ dialect, name, dir: join(root, name) })) : [];
});

let db: PGlite;
beforeAll(async () => {
  db = await sharedPglite();
});
afterAll(async () => {
  await resetPglite(db);
});

describe.each(cases)('$dialect/$name', ({ dialect, dir }) => {
  it('matches expected output and applies to PostgreSQL, up then down', async () => {
    const optionsFile = join(dir, 'options.json');
    const extra = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
    const { files } = await convertToFiles(join(dir, 'input.sql'), { ...defaultOptions(dialect), ...extra });
    const expectedDir = join(dir, 'expected');

    if (update) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const [p, text] of files) {
        mkdirSync(dirname(join(expectedDir, p)), { recursive: true });
        writeFileSync(join(expectedDir, p), text);
      }
    }
    const expected = new Map(listFiles(expectedDir).map((p) => [p.slice(expectedDir.length + 1), readFileSync(p, 'utf8')]));
    expect([...files.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [p, text] of files) expect(text, p).toBe(expected.get(p));

    await resetPglite(db);
    for (const [p, sql] of upFiles(files)) await expect(execScript(db, sql).then(() => p), p).resolves.toBe(p);
    for (const [p, sql] of downFiles(files)) await expect(execScript(db, sql).then(() => p), p).resolves.toBe(p);
    expect(await leftoverObjects(db)).toEqual([]);
  });
});

it('has golden cases for both dialects', () => {
  expect(cases.filter((c) => c.dialect === 'tsql').length).toBeGreaterThan(0);
  expect(cases.filter((c) => c.dialect === 'mysql').length).toBeGreaterThan(0);
});
