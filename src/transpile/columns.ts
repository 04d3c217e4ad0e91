import type { Check, Column, UserType } from '../model/catalog.js';
import type { Expr } from '../model/expr.js';
import { dataType, type DataType } from '../model/types.js';
import { caseInsensitiveType, sourceCollation } from './collation.js';
import type { TranspileContext } from './context.js';
import { exprText } from './draft.js';
import { mapCastType } from './expr.js';
import type { TypeRule } from './mappings.js';
import { report, type TableScope } from './scope.js';
import { findTypeRule, isStringSourceType, renderCheckTemplate, renderTypeTemplate, typeKey } from './types.js';

/** The outcome of the type phase for one column. */
export interface MappedColumn {
  src: Column;
  name: string;
  type: DataType;
  rule?: TypeRule;
  /** Type CHECKs (set-array members, citext lengths, rule checks); absent when none (most columns). */
  checks?: Check[];
  copy?: string;
  collation?: string;
  dropDefault?: boolean;
  dropNotNull?: boolean;
}

/** A T-SQL alias type (CREATE TYPE x FROM base) the column refers to, if any. */
export function findAliasType(ctx: TranspileContext, t: DataType) {
  let n: string | undefined;
  for (const s of ctx.source.schemas) {
    // Every column asks, and most scripts define no types.
    if (!s.types.length || (t.schema !== undefined && s.name.toLowerCase() !== t.schema.toLowerCase())) continue;
    n ??= t.name.toLowerCase();
    const found = s.types.find((u) => u.kind === 'alias' && u.name.name.toLowerCase() === n);
    if (found) return found;
  }
  return undefined;
}

const MARIADB_JSON_SOURCES = new Set(['longtext', 'text', 'mediumtext', 'json']);

/** CHECK (json_valid(col)): MariaDB's spelling of a JSON column. */
export function jsonValidColumn(e: Expr): string | undefined {
  const x = e.kind === 'paren' ? e.expr : e;
  if (x.kind === 'call' && x.name.length === 1 && x.name[0]!.toLowerCase() === 'json_valid' && x.args.length === 1) {
    const a = x.args[0]!;
    if (a.kind === 'column') return a.parts[a.parts.length - 1]!.toLowerCase();
  }
  return undefined;
}

/** Types are never changed once made, so columns share this one. */
const TEXT = dataType('text');
const JSONB = dataType('jsonb');

const ref = (name: string): Expr => ({ kind: 'column', parts: [name] });

function checkOf(expr: Expr, col: Column): Check {
  return { expr, raw: exprText(expr), span: col.span };
}

/** Map one column's type by the rules (alias types → their domain), with the enum/set/collation consequences. */
export function mapColumnType(s: TableScope, col: Column, jsonColumns: ReadonlySet<string>): MappedColumn {
  const { ctx } = s;
  const name = ctx.names.column(s.src.name, col.name);
  const out: MappedColumn = { src: col, name, type: TEXT };
  const alias = ctx.dialect === 'tsql' ? findAliasType(ctx, col.type) : undefined;
  if (alias) {
    const target = ctx.names.relation(alias.name)!;
    const base = alias.base && mapCastType(alias.base, s.env, []);
    out.type = dataType(target.name, [], { schema: target.schema, raw: `${target.schema}.${target.name}`, ...(base ? { base } : {}) });
    // The domain carries the case-insensitivity; the column still counts for the unique-key check.
    if (alias.base && isStringSourceType(ctx.dialect, alias.base.name)) s.ciColumns.set(name, { accentInsensitive: false });
    return out;
  }
  if (ctx.dialect === 'mysql' && jsonColumns.has(col.name.toLowerCase()) && MARIADB_JSON_SOURCES.has(typeKey(col.type.name))) {
    out.type = JSONB;
    out.rule = { id: 'mysql.mariadb-json', to: 'jsonb' };
    return out;
  }
  // A T-SQL computed column has no declared type: convertColumn infers it from the expression.
  if (!col.type.name && col.generated) return out;
  const rule = findTypeRule(ctx.typeRules, col.type, { defaultRaw: col.defaultRaw, identity: !!col.identity });
  if (!rule) {
    report(s, 'PGS2001', `column ${col.name}: no type rule matches ${col.type.raw}; mapped to text`, { span: col.span });
    return out;
  }
  out.rule = rule;
  out.copy = rule.copy;
  if (rule.note) {
    // Identity-guarded rules are identity changes (PGS2005); the others change range or precision (PGS2002).
    report(s, rule.match?.identity ? 'PGS2005' : 'PGS2002', `column ${col.name}: ${col.type.raw} → ${shownTarget(rule.to, col.type)}: ${rule.note}`, { span: col.span, rule: rule.id });
  }
  // Type templates have no placeholder for the SRID, so no rule carries it.
  if (col.type.srid !== undefined) report(s, 'PGS2013', `column ${col.name}: SRID ${col.type.srid} dropped`, { span: col.span, rule: rule.id });
  // Zero dates load as NULL, so a NOT NULL zero-date column becomes nullable (as pgloader does).
  if (rule.notNull === 'drop' && !col.nullable) out.dropNotNull = true;
  if (rule.default === 'drop' && col.default) {
    out.dropDefault = true;
    const notNull = out.dropNotNull ? ', NOT NULL dropped too (zero dates load as NULL)' : '';
    report(s, 'PGS2003', `column ${col.name}: default ${col.defaultRaw ?? exprText(col.default)} dropped${notNull}`, { span: col.span, rule: rule.id });
  }
  if (rule.to === 'enum-type') {
    const typeName = ctx.names.claim(s.target.schema, `${s.target.name}_${name}`, { object: s.object, what: 'enum type', span: col.span });
    const enumType: UserType = { kind: 'enum', name: { schema: s.target.schema, name: typeName }, values: col.type.values ?? [], span: col.span };
    s.newTypes.push(enumType);
    // The members ride on the type: expressions over the column compare string literals with them (see enumSide).
    out.type = dataType(typeName, [], { schema: s.target.schema, raw: `${s.target.schema}.${typeName}`, values: enumType.values });
  } else if (rule.to === 'set-array') {
    out.type = dataType('text', [], { array: true, raw: 'text[]' });
    const members = (col.type.values ?? []).map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',');
    const arr: Expr = { kind: 'cast', expr: { kind: 'string', value: `{${members}}` }, type: dataType('text', [], { array: true, raw: 'text[]' }), form: 'cast' };
    (out.checks ??= []).push(checkOf({ kind: 'binary', op: '<@', left: ref(name), right: arr }, col));
  } else {
    out.type = renderTypeTemplate(rule.to, col.type);
  }
  if (rule.check) (out.checks ??= []).push(checkOf(renderCheckTemplate(rule.check, ref(name), col.type), col));
  applyCollationPolicy(s, col, out);
  return out;
}

/** Case-insensitive source strings: citext, a nondeterministic collation, or nothing, by policy. */
function applyCollationPolicy(s: TableScope, col: Column, out: MappedColumn): void {
  const { ctx } = s;
  const isString = isStringSourceType(ctx.dialect, col.type.name) && !out.type.schema && !out.type.array && ['varchar', 'char', 'text'].includes(out.type.name);
  if (!isString) {
    if (col.collation) report(s, 'PGS2006', `column ${col.name}: collation ${col.collation} not carried (the column is not a string in PostgreSQL)`, { span: col.span });
    return;
  }
  const sc = sourceCollation(ctx.dialect, col, s.src);
  if (!sc.caseInsensitive) {
    // SQL Server's binary collations order by code point, which is what "C" does on a UTF-8 database.
    if (sc.binary && ctx.dialect === 'tsql') out.collation = 'C';
    else if (sc.explicit) report(s, 'PGS2006', `column ${col.name}: collation ${sc.explicit} not carried; the column uses the database's default collation (case-sensitive)`, { span: col.span });
    return;
  }
  s.ciColumns.set(out.name, { accentInsensitive: sc.accentInsensitive });
  if (ctx.ciPolicy === 'ignore' && sc.explicit) {
    report(s, 'PGS2006', `column ${col.name}: collation ${sc.explicit} not carried (--case-insensitive ignore); comparisons become case-sensitive`, { span: col.span });
  }
  const ci = caseInsensitiveType(ctx, out.type, sc.accentInsensitive, ref(out.name), s.target.schema);
  // SQL Server pads char(n) values with spaces and ignores them when comparing; citext would keep and compare them,
  // so the values load without their padding ('ab   ' = 'ab' stays true). MySQL already returns char(n) unpadded.
  if (ctx.dialect === 'tsql' && out.type.name === 'char' && ci.type.name === 'citext') out.copy ??= 'trim-padding';
  out.type = ci.type;
  if (ci.collation) out.collation = ci.collation;
  for (const e of ci.checks) (out.checks ??= []).push(checkOf(e, col));
  if (ci.newCollation && !s.newCollations.some((c) => c.name === ci.newCollation!.name)) s.newCollations.push(ci.newCollation);
}


/** The rule's target as this column gets it (time($1) → time(2)); enum-type / set-array are not type templates. */
function shownTarget(to: string, src: DataType): string {
  return to === 'enum-type' || to === 'set-array' ? to : renderTypeTemplate(to, src).raw ?? to;
}
