import type { ManualItem } from '../model/catalog.js';

/** manual/<kind>_<object>.sql names, unique in list order: 'table dbo.Orders' → table_dbo.Orders.sql, then table_dbo.Orders_2.sql. */
export function manualFileNames(items: ManualItem[]): string[] {
  const seen = new Map<string, number>();
  return items.map((m) => {
    const name = m.object.includes(' ') ? m.object.slice(m.object.indexOf(' ') + 1) : m.object;
    const stem = `${m.kind}_${name}`.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
    const n = (seen.get(stem.toLowerCase()) ?? 0) + 1;
    seen.set(stem.toLowerCase(), n);
    return `${stem}${n > 1 ? `_${n}` : ''}.sql`;
  });
}
