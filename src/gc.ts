import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A full collection, called where a stage has just let go of most of the heap (the pipeline drops the source
 * catalog once transpiled, the target once printed). Left alone, V8 grows the heap through the next stage before
 * it collects again, so the dropped catalog would still count in the peak. Below `minHeap` bytes in use (64 MB)
 * it buys nothing.
 */
export function collectGarbage(minHeap = 64 << 20): void {
  if (getHeapStatistics().used_heap_size < minHeap) return;
  if (!gc) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = () => {}; // an embedder that forbids it: the memory is only reclaimed later
    }
  }
  gc();
}
