import { objectPath, type Catalog, type ObjectKind, type QName } from '../model/catalog.js';
import { diag, type Diagnostic } from '../model/diagnostics.js';
import type { SourceSpan } from '../model/source.js';
import { MAX_IDENT_BYTES, truncateIdent } from '../target/postgres/names.js';
import type { ConvertOptions } from './context.js';


/** base + suffix within 63 bytes: the base gives way, the suffix stays. */
function withSuffix(base: string, suffix: string): string {
  return truncateIdent(base, MAX_IDENT_BYTES - Buffer.byteLength(suffix, 'utf8')) + suffix;
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
   * constraints). `alternative` is tried before numbering: for index names, `<table>_<name>`.
   */
  claim(targetSchema: string, wanted: string, where: { object: string; what: string; span?: SourceSpan; alternative?: string }): string;
  /**
   * Claim a constraint name of a target table. PostgreSQL keeps constraint names per table, so a foreign key or
   * CHECK may share its name with an index or another table's constraint (MySQL dumps name an FK and its index
   * alike); a primary key or unique constraint also names its index, so it needs a name free in both places.
   */
  claimConstraint(table: QName, wanted: string, where: { object: string; what: string; span?: SourceSpan; alternative?: string }, namesIndex: boolean): string;
}

/** The part of a Set a claim needs: a name space can also be the union of two (a key constraint's name). */
type NameSpace = Pick<Set<string>, 'has' | 'add'>;

/** Case-insensitive column lookup key; the NUL keeps it apart from exact spellings in the same map. */
const columnKey = (name: string): string => `\u0000${name.toLowerCase()}`;
const key = (schema: string, name: string): string => `${schema.toLowerCase()}\u0000${name.toLowerCase()}`;
/** Exact spelling: MySQL table names are case-sensitive on most servers, so Users and users are two tables. */
const exactKey = (schema: string, name: string): string => `${schema}\u0000${name}`;

/** Lookups try the exact spelling first, then the first case-insensitive match (both sources resolve names so by default). */
function lookup<T>(exact: Map<string, T>, folded: Map<string, T>, schema: string, name: string): T | undefined {
  return exact.get(exactKey(schema, name)) ?? folded.get(key(schema, name));
}

/** Source schema → target schema: --schema-map first, then dbo → public (T-SQL), one database → public (MySQL). */
export function schemaMapper(source: Catalog, options: ConvertOptions): (s: string) => string {
  const overrides = new Map(Object.entries(options.schemaMap).map(([k, v]) => [k.toLowerCase(), v]));
  const distinct = new Set(source.schemas.map((s) => s.name.toLowerCase()));
  const fold = (n: string): string => truncateIdent(options.identifiers === 'lower' ? n.toLowerCase() : n);
  return (s: string): string => {
    const o = overrides.get(s.toLowerCase());
    if (o !== undefined) return o;
    if (source.dialect === 'tsql') return s.toLowerCase() === 'dbo' ? 'public' : fold(s);
    if (s === '' || distinct.size <= 1) return 'public';
    return fold(s);
  };
}

export function makeNameMap(source: Catalog, options: ConvertOptions, diagnostics: Diagnostic[]): NameMap {
  const fold = (n: string): string => (options.identifiers === 'lower' ? n.toLowerCase() : n);
  const mapSchema = schemaMapper(source, options);
  const namespaces = new Map<string, Set<string>>();
  const relations = new Map<string, QName>();
  const relationsExact = new Map<string, QName>();
  const columns = new Map<string, Map<string, string>>();
  const columnsExact = new Map<string, Map<string, string>>();
  const ns = (schema: string): Set<string> => {
    let s = namespaces.get(schema);
    if (!s) namespaces.set(schema, (s = new Set()));
    return s;
  };

  function finalName(wanted: string, where: { object: string; what: string; span?: SourceSpan }): string {
    const folded = fold(wanted);
    const cut = truncateIdent(folded);
    if (cut !== folded) {
      diagnostics.push(diag('PGS2011', `${where.what} ${wanted} is longer than 63 bytes; truncated to ${cut}`, { object: where.object, span: where.span }));
    }
    return cut;
  }

  function claimIn(used: NameSpace, wanted: string, where: { object: string; what: string; span?: SourceSpan; alternative?: string }): string {
    const first = finalName(wanted, where);
    if (!used.has(first)) {
      used.add(first);
      return first;
    }
    const candidates: string[] = [];
    if (where.alternative) candidates.push(truncateIdent(fold(where.alternative)));
    let chosen = candidates.find((c) => !used.has(c));
    for (let i = 2; !chosen; i++) {
      const c = withSuffix(candidates[0] ?? first, `_${i}`);
      if (!used.has(c)) chosen = c;
    }
    used.add(chosen);
    // An index name only has to be unique per schema in PostgreSQL (per table in MySQL): renaming it is routine.
    diagnostics.push(where.what === 'index'
      ? diag('PGS2010', `index ${wanted}: ${first} is taken in the schema (PostgreSQL index names are unique per schema); renamed to ${chosen}`, { object: where.object, span: where.span, severity: 'info' })
      : diag('PGS2010', `${where.what} ${wanted} collides with another name (${first}) after folding or truncation; renamed to ${chosen}`, { object: where.object, span: where.span }));
    return chosen;
  }

  const relationKinds: [ObjectKind, (s: Catalog['schemas'][number]) => { name: QName; span?: SourceSpan }[]][] = [
    ['table', (s) => s.tables],
    ['view', (s) => s.views],
    ['sequence', (s) => s.sequences],
    ['type', (s) => s.types],
  ];
  // Relations first, in input order, so their names win over indexes and constraints claimed later.
  for (const [kind, list] of relationKinds) {
    for (const s of source.schemas) {
      for (const obj of list(s)) {
        const ek = exactKey(obj.name.schema, obj.name.name);
        if (relationsExact.has(ek)) continue;
        const schema = mapSchema(obj.name.schema);
        const name = claimIn(ns(schema), obj.name.name, { object: objectPath(kind, obj.name), what: kind, span: obj.span });
        relationsExact.set(ek, { schema, name });
        const k = key(obj.name.schema, obj.name.name);
        if (!relations.has(k)) relations.set(k, { schema, name });
      }
    }
  }
  for (const s of source.schemas) {
    for (const t of s.tables) {
      const ek = exactKey(t.name.schema, t.name.name);
      if (columnsExact.has(ek)) continue;
      const used = new Set<string>();
      const m = new Map<string, string>();
      // One `where` per table: claimIn reads it and keeps nothing of it.
      const where: { object: string; what: string; span?: SourceSpan } = { object: objectPath('table', t.name), what: 'column' };
      for (const c of t.columns) {
        if (m.has(c.name)) continue;
        where.span = c.span;
        const target = claimIn(used, c.name, where);
        // Exact spelling first (a case-sensitive database can hold Note and NOTE), then the first case-insensitive match.
        m.set(c.name, target);
        const folded = columnKey(c.name);
        if (!m.has(folded)) m.set(folded, target);
      }
      columnsExact.set(ek, m);
      const k = key(t.name.schema, t.name.name);
      if (!columns.has(k)) columns.set(k, m);
      // PostgreSQL names an identity column's sequence <table>_<column>_seq when the table is created, before any
      // index: an index the source named so (MySQL allows it) must give way, so the name is taken here, silently.
      const rel = relationsExact.get(ek);
      for (const c of t.columns) {
        if (rel && c.identity) ns(rel.schema).add(withSuffix(`${rel.name}_${m.get(c.name)}`, '_seq'));
      }
    }
  }

  const tableConstraints = new Map<string, Set<string>>();
  const constraintsOf = (t: QName): Set<string> => {
    const k = exactKey(t.schema, t.name);
    let set = tableConstraints.get(k);
    if (!set) tableConstraints.set(k, (set = new Set()));
    return set;
  };

  let lastTable: QName | undefined;
  let lastColumns: Map<string, string> | undefined;
  return {
    schema: mapSchema,
    relation: (q) => lookup(relationsExact, relations, q.schema, q.name),
    column: (table, column) => {
      // Calls come in runs for one table (the same QName object): look its column map up once per run.
      if (table !== lastTable) {
        lastTable = table;
        lastColumns = lookup(columnsExact, columns, table.schema, table.name);
      }
      const m = lastColumns;
      return m?.get(column) ?? m?.get(columnKey(column)) ?? truncateIdent(fold(column));
    },
    fold: (n) => truncateIdent(fold(n)),
    claim: (schema, wanted, where) => claimIn(ns(schema), wanted, where),
    claimConstraint: (table, wanted, where, namesIndex) => {
      const own = constraintsOf(table);
      if (!namesIndex) return claimIn(own, wanted, where);
      const relations = ns(table.schema);
      return claimIn({ has: (n) => own.has(n) || relations.has(n), add: (n) => (own.add(n), relations.add(n)) }, wanted, where);
    },
  };
}
