import { expect, test } from 'vitest';
import { jsonPieces } from '../src/emit/json-text.js';

const text = (v: unknown, depth?: number) => [...jsonPieces(v, depth)].join('');

test.each([
  ['scalars', [1, 'a', null, true, -0.5]],
  ['empty members', { a: [], b: {}, c: [[]], d: [{}] }],
  ['left out by JSON', { a: undefined, b: () => 1, c: 1, d: [undefined, () => 1] }],
  ['only left-out members', { a: undefined }],
  ['nested beyond depth', { objects: [{ span: { file: 'a.sql', line: 1 }, codes: ['PGS1', 'PGS2'] }], n: { m: { o: [1, [2, 3]] } } }],
  ['escapes', { 'k"\n': 'line\nbreak "quoted" \u2028 é \\' }],
  ['top-level array', [{ a: 1 }, [1, 2], 'x']],
])('%s: the pieces make JSON.stringify(v, null, 2)', (_name, value) => {
  for (const depth of [0, 1, 2, 3, 5]) expect(text(value, depth)).toBe(JSON.stringify(value, null, 2));
});

test('members of the top two levels come one at a time', () => {
  const report = { objects: Array.from({ length: 3 }, (_, i) => ({ object: `table t${i}` })), n: 1 };
  const pieces = [...jsonPieces(report)];
  expect(pieces.filter((p) => p.includes('"object": "table t')).length).toBe(3);
});
