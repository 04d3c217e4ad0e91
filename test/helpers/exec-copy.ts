import type { PGlite } from '@electric-sql/pglite';

const COPY_BLOCK = /^(COPY [^\n]* FROM) stdin;\n([\s\S]*?)^\\\.$/gm;

/** Runs a migration file on PGlite: COPY ... FROM stdin blocks through /dev/blob (PGlite's exec has no stdin), the rest with exec. */
export async function execScript(db: PGlite, sql: string): Promise<void> {
  let at = 0;
  for (const m of sql.matchAll(COPY_BLOCK)) {
    const before = sql.slice(at, m.index);
    if (before.trim()) await db.exec(before);
    await db.query(`${m[1]} '/dev/blob';`, [], { blob: new Blob([m[2]!]) });
    at = m.index + m[0].length;
  }
  const rest = sql.slice(at);
  if (rest.trim()) await db.exec(rest);
}
