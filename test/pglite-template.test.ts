import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { loadTemplate, pgliteFromTemplate, templateFile } from '../src/target/postgres/pglite-template.js';
import { pgliteExtensions } from '../src/target/postgres/verify.js';

// The cached data directory --verify starts PGlite from: made once, loaded after, remade when damaged.
describe('PGlite template', () => {
  let dir: string;
  const opened: PGlite[] = [];
  const saved = process.env.PGSHIFT_CACHE_DIR;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgshift-cache-'));
    process.env.PGSHIFT_CACHE_DIR = dir;
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    if (saved === undefined) delete process.env.PGSHIFT_CACHE_DIR;
    else process.env.PGSHIFT_CACHE_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const usable = async (db: PGlite) => {
    opened.push(db);
    await db.exec(`CREATE EXTENSION citext; CREATE TABLE t (a citext PRIMARY KEY); INSERT INTO t VALUES ('Ab')`);
    return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM t WHERE a = 'aB'`)).rows[0]!.n;
  };

  it('is written by the first fresh instance, named by PGlite version and extension set, and later instances start from it', async () => {
    const extensions = await pgliteExtensions();
    const file = templateFile(Object.keys(extensions))!;
    expect(file.startsWith(dir)).toBe(true);
    expect(file).toMatch(/pglite-\d+\.\d+\.\d+-citext\+fuzzystrmatch\+pgcrypto\.tar\.gz$/);
    expect(existsSync(file)).toBe(false);
    expect(await usable(await pgliteFromTemplate(extensions))).toBe(1);
    expect([...readFileSync(file).subarray(0, 2)]).toEqual([0x1f, 0x8b]); // gzip
    const written = statSync(file).mtimeMs;

    const loaded = await loadTemplate(file, extensions);
    expect(loaded).toBeDefined();
    // The copy was taken before any statement ran: the first instance's table is not in it.
    expect((await loaded!.query(`SELECT to_regclass('public.t') AS t`)).rows).toEqual([{ t: null }]);
    expect(await usable(loaded!)).toBe(1);
    expect(await usable(await pgliteFromTemplate(extensions))).toBe(1);
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it('a damaged copy is deleted and made again', async () => {
    const extensions = await pgliteExtensions();
    const file = templateFile(Object.keys(extensions))!;
    writeFileSync(file, 'not a data directory');
    expect(await loadTemplate(file, extensions)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    expect(await usable(await pgliteFromTemplate(extensions))).toBe(1);
    expect([...readFileSync(file).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it('an unwritable cache directory only costs the copy', async () => {
    process.env.PGSHIFT_CACHE_DIR = join(dir, 'file-not-dir', 'sub');
    writeFileSync(join(dir, 'file-not-dir'), '');
    try {
      expect(await usable(await pgliteFromTemplate(await pgliteExtensions()))).toBe(1);
    } finally {
      process.env.PGSHIFT_CACHE_DIR = dir;
    }
  });
});
