import { emptySchema, type Catalog, type Collation, type Schema } from '../model/catalog.js';
import { diag } from '../model/diagnostics.js';
import { DEFAULT_OPTIONS, resolveCiPolicy, type ConvertOptions, type SourceDialect, type TranspileContext } from './context.js';
import { buildRules } from './mappings.js';
import { makeNameMap } from './names.js';
import { convertDataSets, convertSequence, convertUserType, deferSourceObjects } from './objects.js';
import { convertTable, tableScope } from './tables.js';
import { alignForeignKeyTypes } from './constraints.js';
import { convertViews } from './views.js';

export type { ConvertOptions } from './context.js';
export { DEFAULT_OPTIONS } from './context.js';
export { findShadowedRules, loadShippedRules, loadUserRules, buildRules } from './mappings.js';
export { renderTypeTableMarkdown } from './type-table.js';

/**
 * Source catalog (T-SQL or MySQL) → a new PostgreSQL catalog: final names, PostgreSQL types and expressions,
 * the extensions it needs, the transpiler's diagnostics and the manual items. Throws only for a bad
 * --mappings file (the CLI reports it); problems in the input become diagnostics.
 */
export function transpile(source: Catalog, options: ConvertOptions): Catalog {
  if (source.dialect === 'postgres') throw new Error('transpile: the input catalog is already PostgreSQL');
  const opts: ConvertOptions = { ...DEFAULT_OPTIONS, ...options };
  const dialect: SourceDialect = source.dialect;
  const rules = buildRules(dialect, opts.mappingsFile);
  const diagnostics: Catalog['diagnostics'] = [];
  const ctx: TranspileContext = {
    dialect, options: opts, ciPolicy: resolveCiPolicy(opts), source,
    typeRules: rules.types, functionRules: rules.functions,
    names: makeNameMap(source, opts, diagnostics),
    diagnostics, manual: [], extensions: new Set(),
  };
  const schemas = new Map<string, Schema>();
  const target = (name: string): Schema => {
    let s = schemas.get(name);
    if (!s) {
      s = { ...emptySchema(name), declared: name !== 'public' };
      schemas.set(name, s);
    }
    return s;
  };
  // Schemas appear in input order, so output order is stable.
  for (const s of source.schemas) {
    const t = target(ctx.names.schema(s.name));
    reportDatabaseSchema(ctx, s, t.name);
    if (s.comment !== undefined) t.comment ??= s.comment;
    if (s.span) t.span ??= s.span;
  }
  for (const s of source.schemas) {
    for (const u of s.types) {
      const collations: Collation[] = [];
      const out = convertUserType(ctx, u, collations);
      if (!out) continue;
      const ts = target(out.name.schema);
      ts.types.push(out);
      addCollations(ts, collations);
    }
    for (const q of s.sequences) {
      const out = convertSequence(ctx, q);
      target(out.name.schema).sequences.push(out);
    }
  }
  for (const s of source.schemas) {
    for (const t of s.tables) {
      const scope = tableScope(ctx, t);
      const table = convertTable(scope);
      const ts = target(table.name.schema);
      ts.types.push(...scope.newTypes);
      ts.tables.push(table);
      ts.routines.push(...scope.newRoutines);
      ts.triggers.push(...scope.newTriggers);
      for (const q of scope.newSequences) if (!ts.sequences.some((x) => x.name.name === q.name.name)) ts.sequences.push(q);
      addCollations(ts, scope.newCollations);
    }
    deferSourceObjects(ctx, s);
    for (const d of convertDataSets(ctx, s)) target(d.table.schema).data.push(d);
  }
  alignForeignKeyTypes(ctx, [...schemas.values()].flatMap((s) => s.tables));
  // Views after every table, so their column types are known; convertViews orders them by dependency.
  for (const v of convertViews(ctx, [...schemas.values()].flatMap((s) => s.tables))) target(v.name.schema).views.push(v);
  if (ctx.options.targetVersion < 13 && usesFunction(schemas, 'gen_random_uuid')) ctx.extensions.add('pgcrypto');
  return {
    dialect: 'postgres',
    schemas: [...schemas.values()],
    diagnostics: ctx.diagnostics,
    extensions: [...ctx.extensions].sort(),
    manual: ctx.manual,
  };
}

/** Say where a MySQL database went when its schema is not named after it (one database → public, --schema-map). */
function reportDatabaseSchema(ctx: TranspileContext, s: Schema, to: string): void {
  if (ctx.dialect !== 'mysql' || s.name === '') return;
  const mapped = Object.keys(ctx.options.schemaMap).some((k) => k.toLowerCase() === s.name.toLowerCase());
  const why = mapped ? '--schema-map' : to === 'public' ? 'the input holds one database' : undefined;
  if (!why) return;
  const span = s.span ?? s.tables[0]?.span;
  ctx.diagnostics.push(diag('PGS1010', `database ${s.name} becomes schema ${to} (${why})`, span ? { span } : {}));
}

/** gen_random_uuid() is core from PostgreSQL 13; before that it comes from pgcrypto. */
function usesFunction(schemas: Map<string, Schema>, fn: string): boolean {
  return JSON.stringify([...schemas.values()].map((s) => s.tables), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)).includes(`"${fn}"`);
}

function addCollations(s: Schema, collations: Collation[]): void {
  for (const c of collations) {
    s.collations ??= [];
    if (!s.collations.some((x) => x.name === c.name)) s.collations.push(c);
  }
}
