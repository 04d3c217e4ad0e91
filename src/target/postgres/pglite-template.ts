import type { Extensions, PGlite } from '@electric-sql/pglite';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A fresh PGlite, started from a cached copy of a just-initialized data directory when there is one. Creating an
 * instance runs initdb inside wasm, about 3 s; starting from the copy skips it (about 1.5 s saved on every --verify).
 * The copy is made once, from an instance no statement has touched yet, and kept gzipped (4.5 MB) per PGlite version
 * and extension set in $PGSHIFT_CACHE_DIR, else $XDG_CACHE_HOME/pgshift, else ~/.cache/pgshift. A copy that cannot be
 * read or loaded is deleted and the instance created afresh; a cache that cannot be written is only a slower start.
 */
export async function pgliteFromTemplate(extensions: Extensions): Promise<PGlite> {
  const file = templateFile(Object.keys(extensions));
  const cached = file ? await loadTemplate(file, extensions) : undefined;
  if (cached) return cached;
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ extensions });
  if (file) await saveTemplate(db, file);
  return db;
}

/** An instance started from the copy in `file`; undefined when there is none, or it cannot be loaded (it is deleted). */
export async function loadTemplate(file: string, extensions: Extensions): Promise<PGlite | undefined> {
  const bytes = readOrUndefined(file);
  if (!bytes) return undefined;
  const { PGlite } = await import('@electric-sql/pglite');
  try {
    return await PGlite.create({ extensions, loadDataDir: new Blob([bytes]) });
  } catch {
    remove(file); // damaged or from an incompatible build: made again
    return undefined;
  }
}

/** The cache file for this PGlite build and these extensions; undefined when no cache directory can be named. */
export function templateFile(extensionNames: string[]): string | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const require = createRequire(import.meta.url);
  // The package exports no package.json: its version is read beside the entry point (dist/…).
  const pkg = JSON.parse(readFileSync(join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')) as { version: string };
  const key = [...extensionNames].sort().join('+') || 'none';
  return join(dir, `pglite-${pkg.version}-${key}.tar.gz`);
}

function cacheDir(): string | undefined {
  const env = process.env;
  if (env.PGSHIFT_CACHE_DIR) return env.PGSHIFT_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'pgshift');
  const home = homedir();
  return home ? join(home, '.cache', 'pgshift') : undefined;
}

function readOrUndefined(file: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** Written under a temporary name and renamed, so a run reading the cache meanwhile sees all of it or nothing. */
async function saveTemplate(db: PGlite, file: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true }); // before the dump (1 s): a directory that cannot be made saves it
    const dump = await db.dumpDataDir('gzip');
    writeFileSync(tmp, new Uint8Array(await dump.arrayBuffer()));
    renameSync(tmp, file);
  } catch {
    remove(tmp);
  }
}

function remove(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // a path that cannot be removed cannot have been written either
  }
}
