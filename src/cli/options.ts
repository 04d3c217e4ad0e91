/** A mistake in how pgshift was called: exit code 2. */
export class UsageError extends Error {}

/** ['dbo=app', 'Sales=sales'] → { dbo: 'app', sales: 'sales' } (source keys compare case-insensitively). */
export function parseSchemaMap(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const p of pairs) {
    const m = /^([^=]+)=([^=]+)$/.exec(p.trim());
    if (!m) throw new UsageError(`--schema-map expects source=target, got '${p}'`);
    map[m[1]!.trim().toLowerCase()] = m[2]!.trim();
  }
  return map;
}
