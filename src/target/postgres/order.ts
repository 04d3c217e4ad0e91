import type { QName, View } from '../../model/catalog.js';
import type { Query } from '../../model/query.js';
import { tableNamesIn } from '../../model/query-walk.js';

/**
 * Views in dependency order: a view comes after every view it reads (its query tree, or its text).
 * Kahn's algorithm whose ties keep input order; views in a cycle keep input order at the end.
 */
export function orderViews(views: View[]): View[] {
  const deps = views.map((v, i) => {
    const out = new Set<number>();
    views.forEach((w, j) => {
      if (i !== j && mentions(v, w)) out.add(j);
    });
    return out;
  });
  const done = new Set<number>();
  const ordered: View[] = [];
  for (;;) {
    const next = views.findIndex((_, i) => !done.has(i) && [...deps[i]!].every((d) => done.has(d)));
    if (next < 0) break;
    done.add(next);
    ordered.push(views[next]!);
  }
  views.forEach((v, i) => {
    if (!done.has(i)) ordered.push(v);
  });
  return ordered;
}

/** Does `v` read `w`? From its query tree when it has one (names are final there), else from its text. */
function mentions(v: View, w: View): boolean {
  if (v.select) return queryReads(v.select).some((q) => q.schema === w.name.schema && q.name === w.name.name);
  return mentionsInText(v, w);
}

/** The schema-qualified relations a query tree reads (a view's, whose names are final target names). */
export function queryReads(select: Query): QName[] {
  return tableNamesIn(select).filter((n) => n.length === 2).map(([schema, name]) => ({ schema: schema!, name: name! }));
}

/** Does `v`'s query text name `w`? Qualified anywhere; bare when `w` is reachable unqualified. */
function mentionsInText(v: View, w: View): boolean {
  const body = v.query || v.text;
  const name = identPattern(w.name.name);
  const schema = identPattern(w.name.schema);
  const edge = '(?<![A-Za-z0-9_$"])';
  const end = '(?![A-Za-z0-9_$"])';
  if (new RegExp(`${edge}${schema}\\s*\\.\\s*${name}${end}`, 'i').test(body)) return true;
  if (w.name.schema !== v.name.schema && w.name.schema !== 'public') return false;
  return new RegExp(`(?<![A-Za-z0-9_$".])${name}${end}`, 'i').test(body);
}

function identPattern(s: string): string {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `(?:${esc(s)}|"${esc(s.replaceAll('"', '""'))}")`;
}
