import { getHeapStatistics } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { generateDdl } from '../bench/generate.js';
import { parseSource } from '../src/convert.js';
import { collectGarbage } from '../src/gc.js';
import { detach } from '../src/sources/slice-cache.js';
import { oneByte, oneByteStrings } from '../src/collections.js';

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

describe('strings one byte a character', () => {
  test('oneByte narrows a Latin-1 string cut from two-byte text, and keeps the others', () => {
    // A text with one character beyond Latin-1: V8 holds all of it, and every piece cut from it, two bytes a character.
    const text = () => `→${'é'.repeat(4e6)}`;
    const wide = retainedMB(() => { const t = text(); return Array.from({ length: 100 }, (_, i) => (' ' + t.slice(1 + i * 30000, 1 + (i + 1) * 30000)).slice(1)); });
    const narrow = retainedMB(() => { const t = text(); return Array.from({ length: 100 }, (_, i) => oneByte(t.slice(1 + i * 30000, 1 + (i + 1) * 30000))); });
    expect(wide.mb).toBeGreaterThan(5); // 3 M characters, two bytes each
    expect(narrow.mb).toBeLessThan(4);
    expect(narrow.kept[5]).toBe('é'.repeat(30000));
    expect(oneByte('a→b')).toBe('a→b');
  });

  test('oneByteStrings keeps the shape and order of a parsed value', () => {
    const v = { b: ['x', 1, null, { c: 'y→' }], a: true };
    expect(oneByteStrings(v)).toEqual(v);
    expect(Object.keys(oneByteStrings(v))).toEqual(['b', 'a']);
  });
});

describe('a script with a character beyond Latin-1', () => {
  // V8 holds such a script two bytes a character: names and comments cut from it are narrowed by the lexers.
  const script = (dialect: 'tsql' | 'mysql', wide: boolean) => {
    const lines = wide ? ['-- “wide” → script'] : ['-- plain script'];
    for (let i = 0; i < 20000; i++) {
      const comment = `table ${i} ${'c'.repeat(200)}`;
      lines.push(dialect === 'mysql'
        ? `CREATE TABLE t_${i} (a int) COMMENT='${comment}';`
        : `CREATE TABLE t_${i} (a int);\nEXEC sp_addextendedproperty 'MS_Description', '${comment}', 'SCHEMA', 'dbo', 'TABLE', 't_${i}';`);
    }
    return lines.join('\n');
  };
  test.each(['tsql', 'mysql'] as const)('%s: its comments take no more memory than a plain script’s', (dialect) => {
    const kept = (wide: boolean) => retainedMB(() => {
      const catalog = parseSource([{ file: 'c.sql', text: script(dialect, wide), diagnostics: [] }], dialect);
      return catalog.schemas.flatMap((s) => s.tables.map((t) => t.comment));
    });
    const plain = kept(false), wide = kept(true);
    expect(plain.kept.filter((c) => c?.length === 211 || c?.length === 212 || c?.length === 210).length).toBeGreaterThan(19000);
    expect(wide.kept).toEqual(plain.kept);
    expect(plain.mb).toBeGreaterThan(3);
    expect(wide.mb).toBeLessThan(plain.mb * 1.25);
  });
});
