import { printCollationName } from './print-table.js';
import { objectPath, type Catalog, type ManualItem, type QName, type Routine, type Schema, type Table, type UserType, type View } from '../../model/catalog.js';
import { diag, type Diagnostic } from '../../model/diagnostics.js';
import type { SourceSpan } from '../../model/source.js';
import { generatedName, lowerCase } from './names.js';
import { orderViews, queryReads } from './order.js';
import { isPrintFailure, printFailure } from './print-error.js';
import { printExpr, type ExprPrintOptions } from './print-expr.js';
import {
  printAddCheckNotValid, printAddForeignKey, printAddKey, printCommentOn, printCreateIndex, printCreateTable,
  printDropConstraint, printPartitions, viewComments,
} from './print-table.js';
import { printType } from './print-type.js';
import { quoteIdent, quoteLiteral, quoteQName, quoteTableName } from './quote.js';
import { PHASES, tablePath, terminate, type Phase, type PhaseFile, type Statement } from './statement.js';
import { flatten, groupBy } from '../../collections.js';

export { printExpr } from './print-expr.js';
export { printType } from './print-type.js';
export { quoteIdent } from './quote.js';
export { downPhases, PHASES, type Phase, type Statement } from './statement.js';

/** One statement an object contributes: the phase it belongs to, its text, the text that undoes it, the other objects it needs. */
interface Piece {
  file: PhaseFile; up: string; down?: string; kind: ManualItem['kind']; needs?: string[];
  /** Pruned with the piece before it (a comment with the key or index it is on). */
  joins?: boolean;
}

interface Printer {
  up: Map<PhaseFile, Statement[]>;
  down: Map<PhaseFile, Statement[]>;
  manual: ManualItem[];
  diagnostics: Diagnostic[];
  key: number;
}

/**
 * A PostgreSQL catalog as ordered migration phases (up and down). Objects whose trees cannot be
 * printed (opaque syntax) go to `manual` with PGS6004 and never reach the files.
 */
export function printMigration(pg: Catalog): { phases: Phase[]; manual: ManualItem[]; diagnostics: Diagnostic[] } {
  const p: Printer = { up: new Map(), down: new Map(), manual: [], diagnostics: [], key: 0 };
  const names = allocateNames(pg);

  for (const ext of pg.extensions ?? []) {
    emit(p, `extension ${ext}`, undefined, [
      { file: '0010_schemas_types', kind: 'statement', up: `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(ext)};`, down: `DROP EXTENSION IF EXISTS ${quoteIdent(ext)};` },
    ]);
  }
  for (const s of pg.schemas) {
    if (s.name === 'public') continue;
    emit(p, objectPath('schema', s.name), s.span, [
      { file: '0010_schemas_types', kind: 'statement', up: `CREATE SCHEMA ${quoteIdent(s.name)};`, down: `DROP SCHEMA ${quoteIdent(s.name)};` },
    ]);
  }
  for (const s of pg.schemas) {
    for (const c of s.collations ?? []) {
      const name = `${quoteIdent(s.name)}.${quoteIdent(c.name)}`;
      emit(p, `collation ${s.name}.${c.name}`, undefined, [{
        file: '0010_schemas_types', kind: 'type',
        up: `CREATE COLLATION ${name} (provider = ${c.provider}, locale = ${quoteLiteral(c.locale)}, deterministic = ${c.deterministic});`,
        down: `DROP COLLATION ${name};`,
      }]);
    }
  }
  // Enums first: a domain may be built on an enum.
  const types = pg.schemas.flatMap((s) => s.types);
  for (const t of [...types.filter((t) => t.kind === 'enum'), ...types.filter((t) => t.kind !== 'enum')]) {
    attempt(p, t.source ?? objectPath('type', t.name), 'type', t.span, () => [printUserType(t)]);
  }
  for (const s of pg.schemas) printSequences(p, s);

  const failedTables = new Set<string>();
  const tables = pg.schemas.flatMap((s) => s.tables);
  // Target name → source path of the tables and views, for the statements that need them.
  const relations = new Map<string, string>();
  for (const t of tables) relations.set(qkey(t.name), tablePath(t));
  for (const v of pg.schemas.flatMap((s) => s.views)) relations.set(qkey(v.name), v.source ?? objectPath('view', v.name));
  // The needs of one relation, shared by every statement that has them (they are never changed).
  const needsOne = new Map<string, string[]>();
  const needs = (names: QName[]): string[] | undefined => {
    if (names.length === 1) {
      const path = relations.get(qkey(names[0]!));
      if (path === undefined) return undefined;
      let one = needsOne.get(path);
      if (!one) needsOne.set(path, (one = [path]));
      return one;
    }
    const paths = new Set<string>();
    for (const q of names) {
      const path = relations.get(qkey(q));
      if (path !== undefined) paths.add(path);
    }
    return paths.size ? [...paths] : undefined;
  };
  const byBareName = groupBy([...tables, ...pg.schemas.flatMap((s) => s.views)], (r) => r.name.name);
  /** The relations a view reads: from its query tree, else every one its text names (a column named alike errs on the safe side). */
  const viewReads = (v: View): QName[] => {
    if (v.select) return queryReads(v.select);
    const words = new Set((v.query || v.text).match(/"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*/g)?.map((w) => (w.startsWith('"') ? w.slice(1, -1).replaceAll('""', '"') : w.toLowerCase())));
    return [...words].flatMap((w) => byBareName.get(w) ?? []).filter((r) => r.name !== v.name).map((r) => r.name);
  };
  // A table needs the user types (enums, domains) and the collations of its columns.
  const typePaths = new Map(types.map((u) => [qkey(u.name), u.source ?? objectPath('type', u.name)]));
  const collationPaths = new Map<string, string>(pg.schemas.flatMap((s) => (s.collations ?? []).map((c): [string, string] => [`${s.name}.${c.name}`, `collation ${s.name}.${c.name}`])));
  const typesOf = (t: Table): string[] | undefined => {
    let out: Set<string> | undefined;
    for (const c of t.columns) {
      const type = c.type.schema !== undefined ? typePaths.get(qkey({ schema: c.type.schema, name: c.type.name })) : undefined;
      const collation = c.collation !== undefined ? collationPaths.get(c.collation) : undefined;
      if (type !== undefined) (out ??= new Set()).add(type);
      if (collation !== undefined) (out ??= new Set()).add(collation);
    }
    return out && [...out];
  };
  for (const t of tables) {
    const ok = attempt(p, tablePath(t), 'table', t.span, (o) => tablePieces(t, o, typesOf(t)), (o) => tableDraft(t, names, o));
    if (!ok) failedTables.add(qkey(t.name));
  }
  for (const t of tables) {
    if (failedTables.has(qkey(t.name))) continue;
    const n = names.get(t)!;
    if (t.primaryKey) {
      const pk = t.primaryKey;
      attempt(p, tablePath(t), 'constraint', pk.span, () => [keyPiece(t, printAddKey(t, pk, n.pk!, 'PRIMARY KEY'), n.pk!), ...constraintComment(t, n.pk!, pk.comment)]);
    }
    t.uniques.forEach((u, i) => {
      attempt(p, tablePath(t), 'constraint', u.span, () => [keyPiece(t, printAddKey(t, u, n.uniques[i]!, 'UNIQUE'), n.uniques[i]!), ...constraintComment(t, n.uniques[i]!, u.comment)]);
    });
    t.indexes.forEach((ix, i) => {
      const name = n.indexes[i]!;
      attempt(p, tablePath(t), 'index', ix.span, (o) => [{
        file: '0050_keys_indexes', kind: 'index', up: printCreateIndex(t, ix, name, o), down: `DROP INDEX ${quoteQName({ schema: t.name.schema, name })};`,
      }, ...commentPiece(() => `INDEX ${quoteQName({ schema: t.name.schema, name })}`, ix.comment)]);
    });
  }
  for (const t of tables) {
    if (failedTables.has(qkey(t.name))) continue;
    const n = names.get(t)!;
    t.foreignKeys.forEach((fk, i) => {
      const name = n.fks[i]!;
      const piece = (): Piece[] => [
        { file: '0060_foreign_keys', kind: 'constraint', up: printAddForeignKey(t, fk, name), down: printDropConstraint(t, name), needs: needs([fk.ref]) },
        ...constraintComment(t, name, fk.comment),
      ];
      if (failedTables.has(qkey(fk.ref))) {
        fail(p, tablePath(t), 'constraint', fk.span, `foreign key ${name} refers to ${fk.ref.schema}.${fk.ref.name}, which moved to manual/`, piece()[0]!.up);
        return;
      }
      attempt(p, tablePath(t), 'constraint', fk.span, piece);
    });
    t.checks.forEach((c, i) => {
      if (c.enforced !== false) return;
      const name = n.checks[i]!;
      attempt(p, tablePath(t), 'constraint', c.span, (o) => [
        { file: '0060_foreign_keys', kind: 'constraint', up: printAddCheckNotValid(t, c, name, o), down: printDropConstraint(t, name) },
        ...constraintComment(t, name, c.comment),
      ]);
    });
  }

  for (const v of orderViews(pg.schemas.flatMap((s) => s.views))) {
    attempt(p, v.source ?? objectPath('view', v.name), 'view', v.span, () => [{ ...viewPiece(v), needs: needs(viewReads(v)) }, ...viewCommentPieces(v)]);
  }
  for (const r of pg.schemas.flatMap((s) => s.routines)) {
    attempt(p, r.source ?? objectPath(r.kind, r.name), 'routine', r.span, () => [routinePiece(r)]);
  }
  for (const tg of pg.schemas.flatMap((s) => s.triggers)) {
    attempt(p, tg.source ?? objectPath('trigger', tg.name), 'trigger', tg.span, () => [{
      file: '0090_triggers', kind: 'trigger', up: terminate(tg.text), down: `DROP TRIGGER ${quoteIdent(tg.name.name)} ON ${quoteQName(tg.table)};`, needs: needs([tg.table]),
    }]);
  }
  for (const s of pg.schemas) {
    if (s.comment) {
      emit(p, objectPath('schema', s.name), s.span, [{ file: '0100_comments', kind: 'statement', up: printCommentOn(`SCHEMA ${quoteIdent(s.name)}`, s.comment), down: printCommentOn(`SCHEMA ${quoteIdent(s.name)}`, null) }]);
    }
  }

  const phases: Phase[] = [];
  for (const { file, title } of PHASES) {
    const up = p.up.get(file) ?? [];
    if (!up.length) continue;
    phases.push({ file, title, up, down: [...(p.down.get(file) ?? [])].reverse() });
  }
  return { phases, manual: p.manual, diagnostics: p.diagnostics };
}

function qkey(q: QName): string {
  return `${q.schema}\u0000${q.name}`;
}

/** The table, its partitions and its comments: one unit, so a failure moves all of it. */
function tablePieces(t: Table, o: ExprPrintOptions, needs?: string[]): Piece[] {
  const create: Piece = { file: '0030_tables', kind: 'table', up: printCreateTable(t, o), down: `DROP TABLE ${quoteTableName(t)};` };
  if (needs) create.needs = needs;
  const pieces: Piece[] = [create];
  for (const part of printPartitions(t, o)) {
    pieces.push({ file: '0030_tables', kind: 'table', up: part.sql, down: `DROP TABLE ${quoteQName(part.name)};` });
  }
  const table = `TABLE ${quoteTableName(t)}`;
  if (t.comment) pieces.push({ file: '0100_comments', kind: 'statement', up: printCommentOn(table, t.comment), down: printCommentOn(table, null) });
  for (const c of t.columns) {
    if (!c.comment) continue;
    const col = `COLUMN ${quoteTableName(t)}.${quoteIdent(c.name)}`;
    pieces.push({ file: '0100_comments', kind: 'statement', up: printCommentOn(col, c.comment), down: printCommentOn(col, null) });
  }
  // Named CHECKs are created with the table (a NOT VALID one is added later, its comment with it).
  for (const c of t.checks) {
    if (c.enforced !== false && c.name !== undefined) pieces.push(...constraintComment(t, c.name, c.comment, false));
  }
  return pieces;
}

/** Everything the table would have produced, opaque text inlined, for the manual/ draft. */
function tableDraft(t: Table, names: Map<Table, TableNames>, o: ExprPrintOptions): string {
  const n = names.get(t)!;
  const parts: string[] = tablePieces(t, o).map((x) => x.up);
  const tryAdd = (f: () => string) => {
    try {
      parts.push(f());
    } catch (e) {
      if (!isPrintFailure(e)) throw e;
    }
  };
  if (t.primaryKey) tryAdd(() => printAddKey(t, t.primaryKey!, n.pk!, 'PRIMARY KEY'));
  t.uniques.forEach((u, i) => tryAdd(() => printAddKey(t, u, n.uniques[i]!, 'UNIQUE')));
  t.indexes.forEach((ix, i) => tryAdd(() => printCreateIndex(t, ix, n.indexes[i]!, o)));
  t.foreignKeys.forEach((fk, i) => tryAdd(() => printAddForeignKey(t, fk, n.fks[i]!)));
  t.checks.forEach((c, i) => {
    if (c.enforced === false) tryAdd(() => printAddCheckNotValid(t, c, n.checks[i]!, o));
  });
  return parts.join('\n\n');
}

/**
 * COMMENT ON a key, index or constraint; `joins`: pruned with the piece before it, the statement that creates what it is on.
 * `on` is only spelled out when there is a comment (most keys have none).
 */
function commentPiece(on: () => string, comment: string | undefined, joins = true): Piece[] {
  if (comment === undefined) return [];
  const what = on();
  return [{ file: '0100_comments', kind: 'statement', up: printCommentOn(what, comment), down: printCommentOn(what, null), joins }];
}

function constraintComment(t: Table, name: string, comment: string | undefined, joins = true): Piece[] {
  return commentPiece(() => `CONSTRAINT ${quoteIdent(name)} ON ${quoteTableName(t)}`, comment, joins);
}

function keyPiece(t: Table, up: string, name: string): Piece {
  return { file: '0050_keys_indexes', kind: 'constraint', up, down: printDropConstraint(t, name) };
}

function printUserType(t: UserType): Piece {
  const name = quoteQName(t.name);
  switch (t.kind) {
    case 'enum':
      return { file: '0010_schemas_types', kind: 'type', up: `CREATE TYPE ${name} AS ENUM (${(t.values ?? []).map(quoteLiteral).join(', ')});`, down: `DROP TYPE ${name};` };
    case 'domain':
    case 'alias': {
      if (!t.base) throw printFailure(`domain ${t.name.name} has no base type`);
      const collate = t.collation ? ` COLLATE ${printCollationName(t.collation)}` : '';
      const checks = (t.checks ?? []).map((c) => ` CHECK (${printExpr(c)})`).join('');
      return { file: '0010_schemas_types', kind: 'type', up: `CREATE DOMAIN ${name} AS ${printType(t.base)}${collate}${t.nullable === false ? ' NOT NULL' : ''}${checks};`, down: `DROP DOMAIN ${name};` };
    }
    case 'composite':
      return { file: '0010_schemas_types', kind: 'type', up: `CREATE TYPE ${name} AS (${(t.columns ?? []).map((c) => `${quoteIdent(c.name)} ${printType(c.type)}`).join(', ')});`, down: `DROP TYPE ${name};` };
    case 'table':
      throw printFailure(`table type ${t.name.name} has no PostgreSQL equivalent`);
    default: {
      const never: never = t.kind;
      throw new Error(`unexpected type kind ${String(never)}`);
    }
  }
}

function printSequences(p: Printer, s: Schema): void {
  for (const q of s.sequences) {
    const name = quoteQName(q.name);
    attempt(p, q.source ?? objectPath('sequence', q.name), 'sequence', q.span, () => {
      let sql = `CREATE SEQUENCE ${name}`;
      if (q.type) sql += ` AS ${printType(q.type)}`;
      if (q.increment !== undefined) sql += ` INCREMENT BY ${q.increment}`;
      if (q.min !== undefined) sql += ` MINVALUE ${q.min}`;
      if (q.max !== undefined) sql += ` MAXVALUE ${q.max}`;
      if (q.start !== undefined) sql += ` START WITH ${q.start}`;
      if (q.cache !== undefined) sql += ` CACHE ${q.cache}`;
      if (q.cycle !== undefined) sql += q.cycle ? ' CYCLE' : ' NO CYCLE';
      return [{ file: '0020_sequences', kind: 'sequence', up: `${sql};`, down: `DROP SEQUENCE ${name};` }];
    });
  }
}

const isMaterialized = (v: View): boolean => /^\s*CREATE\s+(OR\s+REPLACE\s+)?MATERIALIZED\s+VIEW/i.test(v.text);

function viewPiece(v: View): Piece {
  const materialized = isMaterialized(v);
  return { file: '0070_views', kind: 'view', up: terminate(v.text), down: `DROP ${materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${quoteQName(v.name)};` };
}

/** The view's comments, after it in 0100_comments; pruned with its CREATE VIEW. */
function viewCommentPieces(v: View): Piece[] {
  return viewComments(v, isMaterialized(v)).map(({ what, comment }) => ({
    file: '0100_comments', kind: 'statement', up: printCommentOn(what, comment), down: printCommentOn(what, null), joins: true,
  }));
}

function routinePiece(r: Routine): Piece {
  const m = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(PROCEDURE|FUNCTION)\b/i.exec(r.text);
  const what = m ? m[1]!.toUpperCase() : r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION';
  return { file: '0080_routines', kind: 'routine', up: terminate(r.text), down: `DROP ${what} ${r.signature ?? quoteQName(r.name)};` };
}

const FAIL: ExprPrintOptions = { opaque: 'fail' };
const INLINE: ExprPrintOptions = { opaque: 'inline' };

/** Print an object's pieces; on a print failure the object goes to manual/ instead. */
function attempt(
  p: Printer, object: string, kind: ManualItem['kind'], span: SourceSpan | undefined,
  build: (o: ExprPrintOptions) => Piece[], draft?: (o: ExprPrintOptions) => string,
): boolean {
  try {
    emit(p, object, span, build(FAIL));
    return true;
  } catch (e) {
    if (!isPrintFailure(e)) throw e;
    let text: string;
    try {
      text = draft ? draft(INLINE) : build(INLINE).map((x) => x.up).join('\n\n');
    } catch (inner) {
      if (!isPrintFailure(inner)) throw inner;
      text = `-- ${e.message}`;
    }
    fail(p, object, kind, span, e.message, text);
    return false;
  }
}

function fail(p: Printer, object: string, kind: ManualItem['kind'], span: SourceSpan | undefined, message: string, text: string): void {
  p.manual.push({ object, kind, original: text, draft: text, codes: ['PGS6004'], ...(span ? { span } : {}) });
  p.diagnostics.push(diag('PGS6004', `${kind} not printed: ${message}`, { object, ...(span ? { span } : {}) }));
}

function emit(p: Printer, object: string, span: SourceSpan | undefined, pieces: Piece[]): void {
  for (const piece of pieces) {
    const key = piece.joins ? p.key : ++p.key;
    const needs = piece.needs?.includes(object) ? piece.needs.filter((n) => n !== object) : piece.needs;
    push(p.up, piece.file, statement(flatten(piece.up), object, piece.kind, key, span, needs));
    if (piece.down) push(p.down, piece.file, statement(flatten(piece.down), object, piece.kind, key, span, needs));
  }
}

/** One literal per shape: properties added after a literal (or spread into it) live in a separate array. */
function statement(sql: string, object: string, kind: ManualItem['kind'], key: number, span: SourceSpan | undefined, needs: string[] | undefined): Statement {
  if (needs?.length) return span ? { sql, object, kind, key, span, needs } : { sql, object, kind, key, needs };
  return span ? { sql, object, kind, key, span } : { sql, object, kind, key };
}

function push(m: Map<PhaseFile, Statement[]>, file: PhaseFile, s: Statement): void {
  const list = m.get(file);
  if (list) list.push(s);
  else m.set(file, [s]);
}

interface TableNames { pk?: string; uniques: string[]; indexes: string[]; fks: string[]; checks: (string | undefined)[] }

/** Names for every key, index and unchecked constraint, given or generated, unique per schema. */
function allocateNames(pg: Catalog): Map<Table, TableNames> {
  const out = new Map<Table, TableNames>();
  for (const s of pg.schemas) {
    const used = new Set<string>();
    const take = (n: string | undefined) => n && used.add(lowerCase(n));
    for (const t of s.tables) {
      take(t.name.name);
      t.partition?.partitions.forEach((d) => take(d.name));
      take(t.primaryKey?.name);
      t.uniques.forEach((k) => take(k.name));
      t.indexes.forEach((k) => take(k.name));
      t.foreignKeys.forEach((k) => take(k.name));
      t.checks.forEach((k) => take(k.name));
    }
    s.views.forEach((v) => take(v.name.name));
    s.sequences.forEach((q) => take(q.name.name));
    s.types.forEach((q) => take(q.name.name));
    for (const t of s.tables) {
      const cols = (parts: { column: string; expr?: unknown }[]) => parts.map((c) => (c.expr ? 'expr' : c.column));
      out.set(t, {
        pk: t.primaryKey ? (t.primaryKey.name ?? generatedName(used, t.name.name, [], 'pkey')) : undefined,
        uniques: t.uniques.map((k) => k.name ?? generatedName(used, t.name.name, cols(k.columns), 'key')),
        indexes: t.indexes.map((k) => k.name ?? generatedName(used, t.name.name, cols(k.columns), 'idx')),
        fks: t.foreignKeys.map((k) => k.name ?? generatedName(used, t.name.name, k.columns, 'fkey')),
        checks: t.checks.map((k) => (k.enforced === false ? (k.name ?? generatedName(used, t.name.name, [], 'check')) : k.name)),
      });
    }
  }
  return out;
}
