import { objectPath, type Catalog, type ObjectKind, type QName } from '../model/catalog.js';
import { diag, type Diagnostic } from '../model/diagnostics.js';
import type { SourceSpan } from '../model/source.js';
import { lowerCase, MAX_IDENT_BYTES, truncateIdent } from '../target/postgres/names.js';
import { flatten } from '../collections.js';
import type { ConvertOptions } from './context.js';


/** base + suffix within 63 bytes: the base gives way, the suffix stays. */
function withSuffix(base: string, suffix: string): string {
  return truncateIdent(base, MAX_IDENT_BYTES - Buffer.byteLength(suffix, 'utf8')) + suffix;
}

/** Where a claimed name is reported: `object`, or the path of `kind` + `name`, built only when a diagnostic needs it. */
interface ClaimSite {
  object?: string;
  kind?: ObjectKind;
  name?: QName;
  what: string;
  span?: SourceSpan;
  /** `<alternativePrefix>_<wanted>` is tried before numbering. */
  alternativePrefix?: string;
}

export interface NameMap {
  /** Target schema of a source schema name. */
  schema(source: string): string;
  /** Target name of a table, view, sequence or type; undefined when the input does not define it. */
  relation(q: QName): QName | undefined;
  /** Target name of a column of a source table (falls back to the folded name for unknown columns). */
  column(table: QName, column: string): string;
  /** Fold and truncate a name without claiming it (partition keys, expression qualifiers). */
  fold(name: string): string;
  /**
   * Claim a name in a target schema's relation namespace (tables, views, sequences, types, indexes, key
   * constraints). `<alternativePrefix>_<wanted>` is tried before numbering: for index names, the table's name.
   */
  claim(targetSchema: string, wanted: string, where: { object: string; what: string; span?: SourceSpan; alternativePrefix?: string }): string;
  /**
   * Claim a constraint name of a target table. PostgreSQL keeps constraint names per table, so a foreign key or
   * CHECK may share its name with an index or another table's constraint (MySQL dumps name an FK and its index
   * alike); a primary key or unique constraint also names its index, so it needs a name free in both places.
   */
  claimConstraint(table: QName, wanted: string, where: { object: string; what: string; span?: SourceSpan; alternativePrefix?: string }, namesIndex: boolean): string;
}

/**
 * Maps keyed by schema, then name: lookups build no key string. `exact` holds the spellings as written (MySQL table
 * names are case-sensitive on most servers, so Users and users are two tables), `folded` the first of each
 * case-insensitive spelling; lookups try the exact spelling first (both sources resolve names so by default).
 */
interface ByName<T> {
  exact: Map<string, Map<string, T>>;
  folded: Map<string, Map<string, T>>;
}

const byName = <T>(): ByName<T> => ({ exact: new Map(), folded: new Map() });

function getIn<T>(m: Map<string, Map<string, T>>, schema: string, name: string): T | undefined {
  return m.get(schema)?.get(name);
}

function setIn<T>(m: Map<string, Map<string, T>>, schema: string, name: string, value: T): void {
  let inner = m.get(schema);
  if (!inner) m.set(schema, (inner = new Map()));
  inner.set(name, value);
}

function lookup<T>(m: ByName<T>, schema: string, name: string): T | undefined {
  return getIn(m.exact, schema, name) ?? getIn(m.folded, lowerCase(schema), lowerCase(name));
}

/** Record a name (defined() said its exact spelling is new); the first of a case-insensitive spelling is its folded entry. */
function define<T>(m: ByName<T>, schema: string, name: string, value: T): void {
  setIn(m.exact, schema, name, value);
  const s = lowerCase(schema), n = lowerCase(name);
  if (getIn(m.folded, s, n) === undefined) setIn(m.folded, s, n, value);
}

const defined = <T>(m: ByName<T>, schema: string, name: string): boolean => getIn(m.exact, schema, name) !== undefined;

/** Source schema → target schema: --schema-map first, then dbo → public (T-SQL), one database → public (MySQL). */
export function schemaMapper(source: Catalog, options: ConvertOptions): (s: string) => string {
  const overrides = new Map(Object.entries(options.schemaMap).map(([k, v]) => [k.toLowerCase(), v]));
  const distinct = new Set(source.schemas.map((s) => s.name.toLowerCase()));
  const fold = (n: string): string => truncateIdent(options.identifiers === 'lower' ? n.toLowerCase() : n);
  return (s: string): string => {
    const lower = lowerCase(s);
    const o = overrides.size ? overrides.get(lower) : undefined;
    if (o !== undefined) return o;
    if (source.dialect === 'tsql') return lower === 'dbo' ? 'public' : fold(s);
    if (s === '' || distinct.size <= 1) return 'public';
    return fold(s);
  };
}

export function makeNameMap(source: Catalog, options: ConvertOptions, diagnostics: Diagnostic[]): NameMap {
  const fold = options.identifiers === 'lower' ? lowerCase : (n: string): string => n;
  const mapSchema = schemaMapper(source, options);
  const namespaces = new Map<string, Set<string>>();
  const relations = byName<QName>();
  /**
   * A table's column names by lower-cased source name (the first column of each spelling), so a lookup in any case
   * finds it; a column spelled like an earlier one but for case (Note, NOTE) is found by its exact spelling in `variants`.
   */
  const columns = byName<Map<string, string>>();
  const variants = new Map<Map<string, string>, Map<string, string>>();
  const ns = (schema: string): Set<string> => {
    let s = namespaces.get(schema);
    if (!s) namespaces.set(schema, (s = new Set()));
    return s;
  };
  const siteObject = (w: ClaimSite): string => w.object ?? flatten(objectPath(w.kind!, w.name!));

  function finalName(wanted: string, where: ClaimSite): string {
    const folded = fold(wanted);
    const cut = truncateIdent(folded);
    if (cut !== folded) {
      diagnostics.push(diag('PGS2011', flatten(`${where.what} ${wanted} is longer than 63 bytes; truncated to ${cut}`), { object: siteObject(where), span: where.span }));
    }
    return cut;
  }

  /** A name free in `used` (and in `also`, when given), added to both. */
  function claimIn(used: Set<string>, also: Set<string> | undefined, wanted: string, where: ClaimSite): string {
    const first = finalName(wanted, where);
    const taken = (n: string): boolean => used.has(n) || (also !== undefined && also.has(n));
    let chosen: string | undefined;
    if (!taken(first)) {
      chosen = first;
    } else {
      const alternative = where.alternativePrefix !== undefined ? truncateIdent(fold(`${where.alternativePrefix}_${wanted}`)) : undefined;
      if (alternative && !taken(alternative)) chosen = alternative;
      for (let i = 2; !chosen; i++) {
        const c = withSuffix(alternative ?? first, `_${i}`);
        if (!taken(c)) chosen = c;
      }
      // An index name only has to be unique per schema in PostgreSQL (per table in MySQL): renaming it is routine.
      const object = siteObject(where);
      diagnostics.push(where.what === 'index'
        ? diag('PGS2010', flatten(`index ${wanted}: ${first} is taken in the schema (PostgreSQL index names are unique per schema); renamed to ${chosen}`), { object, span: where.span, severity: 'info' })
        : diag('PGS2010', flatten(`${where.what} ${wanted} collides with another name (${first}) after folding or truncation; renamed to ${chosen}`), { object, span: where.span }));
    }
    used.add(chosen);
    also?.add(chosen);
    return chosen;
  }

  const relationKinds: [ObjectKind, (s: Catalog['schemas'][number]) => { name: QName; span?: SourceSpan }[]][] = [
    ['table', (s) => s.tables],
    ['view', (s) => s.views],
    ['sequence', (s) => s.sequences],
    ['type', (s) => s.types],
  ];
  // Relations first, in input order, so their names win over indexes and constraints claimed later.
  const where: ClaimSite = { what: '' };
  for (const [kind, list] of relationKinds) {
    where.kind = where.what = kind;
    for (const s of source.schemas) {
      for (const obj of list(s)) {
        if (defined(relations, obj.name.schema, obj.name.name)) continue;
        const schema = mapSchema(obj.name.schema);
        where.name = obj.name;
        where.span = obj.span;
        define(relations, obj.name.schema, obj.name.name, { schema, name: claimIn(ns(schema), undefined, obj.name.name, where) });
      }
    }
  }
  where.kind = 'table';
  where.what = 'column';
  for (const s of source.schemas) {
    for (const t of s.tables) {
      where.name = t.name;
      if (defined(columns, t.name.schema, t.name.name)) continue;
      const m = new Map<string, string>();
      define(columns, t.name.schema, t.name.name, m);
      const used = new Set<string>();
      for (let i = 0; i < t.columns.length; i++) {
        const c = t.columns[i]!;
        const lower = lowerCase(c.name);
        const first = m.get(lower);
        let variant: Map<string, string> | undefined;
        if (first !== undefined) {
          // Spelled like an earlier column: the same spelling is a duplicate (skipped), another case a column of its own.
          if (t.columns.slice(0, i).some((x) => x.name === c.name)) continue;
          variant = variants.get(m);
          if (!variant) variants.set(m, (variant = new Map()));
        }
        where.span = c.span;
        const target = claimIn(used, undefined, c.name, where);
        if (variant) variant.set(c.name, target);
        else m.set(lower, target);
      }
      // PostgreSQL names an identity column's sequence <table>_<column>_seq when the table is created, before any
      // index: an index the source named so (MySQL allows it) must give way, so the name is taken here, silently.
      const rel = getIn(relations.exact, t.name.schema, t.name.name);
      if (!rel) continue;
      for (const c of t.columns) {
        if (c.identity) ns(rel.schema).add(withSuffix(`${rel.name}_${columnIn(m, c.name)}`, '_seq'));
      }
    }
  }

  function columnIn(m: Map<string, string>, column: string): string | undefined {
    if (variants.size) {
      const v = variants.get(m)?.get(column);
      if (v !== undefined) return v;
    }
    return m.get(lowerCase(column));
  }

  const tableConstraints = new Map<string, Map<string, Set<string>>>();
  let lastConstraintTable: QName | undefined;
  let lastConstraints: Set<string> | undefined;
  const constraintsOf = (t: QName): Set<string> => {
    // Claims come in runs for one table (the same QName object).
    if (t === lastConstraintTable) return lastConstraints!;
    let set = getIn(tableConstraints, t.schema, t.name);
    if (!set) setIn(tableConstraints, t.schema, t.name, (set = new Set()));
    lastConstraintTable = t;
    return (lastConstraints = set);
  };

  let lastTable: QName | undefined;
  let lastColumns: Map<string, string> | undefined;
  return {
    schema: mapSchema,
    relation: (q) => lookup(relations, q.schema, q.name),
    column: (table, column) => {
      // Calls come in runs for one table (the same QName object): look its column map up once per run.
      if (table !== lastTable) {
        lastTable = table;
        lastColumns = lookup(columns, table.schema, table.name);
      }
      return (lastColumns && columnIn(lastColumns, column)) ?? truncateIdent(fold(column));
    },
    fold: (n) => truncateIdent(fold(n)),
    claim: (schema, wanted, where) => claimIn(ns(schema), undefined, wanted, where),
    claimConstraint: (table, wanted, where, namesIndex) => claimIn(constraintsOf(table), namesIndex ? ns(table.schema) : undefined, wanted, where),
  };
}
