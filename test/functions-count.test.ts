import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { load as parse } from 'js-yaml';

type Alt = { to?: string; report?: string };

/** Function names (not @@variables) with at least one translation (`to`), and those only reported. */
function count(dialect: 'tsql' | 'mysql'): { mapped: string[]; reported: string[] } {
  const doc = parse(readFileSync(new URL(`../mappings/${dialect}.functions.yaml`, import.meta.url), 'utf8')) as Record<string, string | Alt[]>;
  const names = Object.keys(doc).filter((k) => !k.startsWith('@@'));
  const alts = (k: string): Alt[] => (typeof doc[k] === 'string' ? [{ to: doc[k] as string }] : (doc[k] as Alt[]));
  return { mapped: names.filter((k) => alts(k).some((a) => a.to)), reported: names.filter((k) => alts(k).every((a) => !a.to)) };
}

describe.each(['tsql', 'mysql'] as const)('%s function mappings', (dialect) => {
  test('at least 150 distinct built-ins are translated', () => {
    const { mapped } = count(dialect);
    expect(new Set(mapped.map((n) => n.toUpperCase())).size).toBeGreaterThanOrEqual(150);
  });
  test('every reported-only function says why', () => {
    const doc = parse(readFileSync(new URL(`../mappings/${dialect}.functions.yaml`, import.meta.url), 'utf8')) as Record<string, string | Alt[]>;
    for (const name of count(dialect).reported) expect((doc[name] as Alt[]).every((a) => (a.report ?? '').length > 10), name).toBe(true);
  });
});
