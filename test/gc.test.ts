import { expect, test } from 'vitest';
import { collectGarbage } from '../src/gc.js';

test('collectGarbage runs a full collection', async () => {
  let big: number[][] | undefined = Array.from({ length: 100 }, () => new Array(1000).fill(1));
  const ref = new WeakRef(big);
  big = undefined;
  await new Promise((r) => setTimeout(r, 0)); // a WeakRef keeps its target alive to the end of the current job
  collectGarbage(0);
  expect(ref.deref()).toBeUndefined();
});
