import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { convertToFiles, defaultOptions, upFiles } from './helpers/convert.js';
import { execScript } from './helpers/exec-copy.js';
import { resetPglite, sharedPglite } from './helpers/pglite.js';

// SQL Server sets rowversion on every insert and every update; the converted table must too, or an application's
// INSERT fails on NOT NULL and its optimistic-concurrency check never sees a change.
let db: PGlite;
beforeAll(async () => {
  db = await sharedPglite();
  await resetPglite(db);
  const { files } = await convertToFiles('fixtures/tsql/binary-guid-and-rowversion-types/input.sql', defaultOptions('tsql'));
  for (const [, sql] of upFiles(files)) await execScript(db, sql);
});
afterAll(async () => {
  await resetPglite(db);
});

const versionOf = async (id: number): Promise<string> =>
  (await db.query<{ v: string }>(`SELECT encode(rowstamp, 'hex') AS v FROM public.legacyrows WHERE id = $1`, [id])).rows[0]!.v;

describe('rowversion', () => {
  it('gets 8 increasing bytes on insert and a new value on each update that changes the row', async () => {
    await db.exec('INSERT INTO public.legacyrows (id) VALUES (1), (2)');
    const [a, b] = [await versionOf(1), await versionOf(2)];
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(b > a).toBe(true);
    await db.exec('UPDATE public.legacyrows SET id = 3 WHERE id = 1');
    const c = await versionOf(3);
    expect(c > b).toBe(true);
    await db.exec('UPDATE public.legacyrows SET id = id WHERE id = 3');
    expect(await versionOf(3)).toBe(c);
    // a value the UPDATE sets itself is kept (a copy or a replication writing the source's bytes)
    await db.exec(`UPDATE public.legacyrows SET id = 4, rowstamp = '\\x00000000000000ff' WHERE id = 3`);
    expect(await versionOf(4)).toBe('00000000000000ff');
  });
});
