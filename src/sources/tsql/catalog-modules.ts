import type { Catalog, QName, Routine, Trigger, View } from '../../model/catalog.js';
import { objectPath, schemaOf } from '../../model/catalog.js';
import { bit } from './catalog-rows.js';
import { type BuildContext, byName, liveSpan, objectFile, report, schemaNameOf } from './catalog-context.js';
import { groupBy } from '../../collections.js';
import { parseTsql } from './parser.js';

/** sys.objects.type is char(2): 'V ', 'P ', 'FN', ... */
const ROUTINE_KINDS: Record<string, { kind: Routine['kind']; path: 'procedure' | 'function' }> = {
  P: { kind: 'procedure', path: 'procedure' }, FN: { kind: 'function', path: 'function' },
  IF: { kind: 'function', path: 'function' }, TF: { kind: 'function', path: 'function' },
};
const CLR_KINDS: Record<string, string> = { PC: 'CLR procedure', FS: 'CLR scalar function', FT: 'CLR table-valued function', AF: 'CLR aggregate' };
const EVENT_ORDER = ['insert', 'update', 'delete'] as const;

/**
 * sys.sql_modules text → views, routines, triggers. Each definition goes through the script parser, so text,
 * query, columns and options are exactly what a script with the same CREATE statement gives; the name, the trigger's
 * table, timing and events come from the catalog (sp_rename does not rewrite the stored text).
 */
export function buildModules(ctx: BuildContext): void {
  const triggers = new Map(ctx.rows.triggers.map((t) => [t.object_id, t]));
  const events = groupBy(ctx.rows.triggerEvents, (e) => e.object_id);
  const modules = ctx.rows.modules
    .filter((m) => ctx.included.has(m.schema_id))
    .sort((a, b) => byName(schemaNameOf(ctx, a.schema_id), schemaNameOf(ctx, b.schema_id)) || byName(a.name, b.name));
  for (const m of modules) {
    const type = m.type.trim();
    const name: QName = { schema: schemaNameOf(ctx, m.schema_id), name: m.name };
    const file = objectFile(ctx, name);
    const path = type === 'V' ? objectPath('view', name) : type === 'TR' ? objectPath('trigger', name) : objectPath(ROUTINE_KINDS[type]?.path ?? 'procedure', name);
    if (CLR_KINDS[type]) {
      report(ctx, 'PGS1012', `${CLR_KINDS[type]} ${name.schema}.${name.name} has no T-SQL definition; skipped`, { span: liveSpan(file), object: path });
      continue;
    }
    if (m.definition === null) {
      report(ctx, 'PGS1012', `${path}: definition is encrypted (WITH ENCRYPTION) or not visible (VIEW DEFINITION); skipped`, { span: liveSpan(file), object: path });
      continue;
    }
    const parsed = parseTsql([{ file, text: m.definition }], { defaultSchema: name.schema });
    ctx.catalog.diagnostics.push(...parsed.diagnostics.map((d) => ({ ...d, object: d.object ?? path })));
    const schema = schemaOf(ctx.catalog, name.schema);
    if (type === 'V') {
      const view = firstOf(parsed, 'views') as View | undefined;
      if (view) schema.views.push({ ...view, name });
      else unparsed(ctx, path, file);
    } else if (type === 'TR') {
      const t = triggers.get(m.object_id);
      const trigger = firstOf(parsed, 'triggers') as Trigger | undefined;
      const parentId = t?.parent_id ?? m.parent_object_id;
      const parentView = ctx.rows.modules.find((v) => v.object_id === parentId && v.type.trim() === 'V');
      // INSTEAD OF triggers may sit on views.
      const table = ctx.tableNames.get(parentId) ?? (parentView && { schema: schemaNameOf(ctx, parentView.schema_id), name: parentView.name });
      if (!trigger || !table) { unparsed(ctx, path, file); continue; }
      const kinds = new Set((events.get(m.object_id) ?? []).map((e) => e.type_desc.trim().toLowerCase()));
      const out: Trigger = { ...trigger, name, table: { ...table }, events: EVENT_ORDER.filter((e) => kinds.has(e)) };
      if (t) out.timing = bit(t.is_instead_of_trigger) ? 'instead of' : 'after';
      if (t && bit(t.is_disabled)) {
        report(ctx, 'PGS1012', `trigger ${name.schema}.${name.name} is disabled on the server; converted as an enabled trigger`, { span: liveSpan(file), object: path });
      }
      schema.triggers.push(out);
    } else if (ROUTINE_KINDS[type]) {
      const routine = firstOf(parsed, 'routines') as Routine | undefined;
      if (routine) schema.routines.push({ ...routine, kind: ROUTINE_KINDS[type]!.kind, name });
      else unparsed(ctx, path, file);
    }
  }
  for (const t of ctx.rows.triggers) {
    if (t.parent_class_desc !== 'DATABASE') continue;
    report(ctx, 'PGS1012', `DDL trigger ${t.name} skipped`, { span: liveSpan(`${ctx.source}/${t.name}`), object: objectPath('trigger', t.name) });
  }
}

function firstOf(c: Catalog, list: 'views' | 'routines' | 'triggers'): View | Routine | Trigger | undefined {
  for (const s of c.schemas) if (s[list].length) return s[list][0];
  return undefined;
}

function unparsed(ctx: BuildContext, path: string, file: string): void {
  report(ctx, 'PGS1001', `${path}: the stored definition is not a CREATE statement the parser understands; skipped`, { span: liveSpan(file), object: path });
}
