import { getHeapStatistics } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { generateDdl } from '../bench/generate.js';
import { parseSource } from '../src/convert.js';
import { collectGarbage } from '../src/gc.js';
import { detach } from '../src/sources/slice-cache.js';

const heapMB = () => {
  collectGarbage(0);
  return getHeapStatistics().used_heap_size / 1048576;
};

/** Heap growth (MB) while `build`'s result is kept and everything else it made is let go. */
function retainedMB<T>(build: () => T): { kept: T; mb: number } {
  const before = heapMB();
  const kept = build();
  return { kept, mb: heapMB() - before };
}

describe('catalog strings do not hold their script', () => {
  test('detach copies a slice out of its text', () => {
    const text = () => new TextDecoder().decode(new Uint8Array(20e6).fill(120));
    const sliced = retainedMB(() => { const t = text(); return Array.from({ length: 1000 }, (_, i) => t.slice(i * 100, i * 100 + 50)); });
    expect(sliced.mb).toBeGreaterThan(15); // the plain slices keep the 20 MB text
    const detached = retainedMB(() => { const t = text(); return Array.from({ length: 1000 }, (_, i) => detach(t.slice(i * 100, i * 100 + 50))); });
    expect(detached.mb).toBeLessThan(5);
    expect(detached.kept[3]).toBe('x'.repeat(50));
  });

  test.each(['tsql', 'mysql'] as const)('%s: table and column comments and defaults', (dialect) => {
    const { kept, mb } = retainedMB(() => {
      const text = generateDdl(dialect, 20e6);
      const catalog = parseSource([{ file: 'big.sql', text, diagnostics: [] }], dialect);
      const tables = catalog.schemas.flatMap((s) => s.tables);
      return tables.flatMap((t) => [t.comment, ...t.columns.flatMap((c) => [c.comment, c.defaultRaw])]).filter((x) => x !== undefined);
    });
    expect(kept.filter((s) => s.length >= 13).length).toBeGreaterThan(1000);
    expect(mb).toBeLessThan(10);
  });
});
