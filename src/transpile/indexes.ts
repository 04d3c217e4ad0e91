import type { Index, KeyPart } from '../model/catalog.js';
import type { Expr } from '../model/expr.js';
import { dataType } from '../model/types.js';
import { checkKeyCaseSensitivity, constraintName, mapKeyParts } from './constraints.js';
import { exprText, quoteIdent, quoteQName } from './draft.js';
import { translateExpr } from './expr.js';
import { typeClass } from './infer.js';
import { addManual, problemCodes, report, reportProblems, type TableScope } from './scope.js';

/** PostgreSQL types a GiST index can serve without extensions (plus PostGIS ones when a user rule maps to them). */
const GEOMETRIC = new Set(['point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle', 'geometry', 'geography']);

/** Column types a full-text index reads as they are, and those it reads through a cast to text. */
const FULLTEXT_AS_IS = new Set(['string']);
const FULLTEXT_CAST = new Set(['xml', 'json', 'jsonb']);

const ref = (c: string): Expr => ({ kind: 'column', parts: [c] });
const str = (v: string): Expr => ({ kind: 'string', value: v });

/** FULLTEXT (a, b) → to_tsvector('simple', coalesce(a,'') || ' ' || coalesce(b,'')); `asText` columns (xml, json) are cast to text. */
export function fulltextExpr(columns: string[], asText: Set<string> = new Set()): Expr {
  const text = (c: string): Expr => (asText.has(c) ? { kind: 'cast', expr: ref(c), type: dataType('text'), form: 'pg' } : ref(c));
  const parts = columns.map((c): Expr => ({ kind: 'call', name: ['coalesce'], args: [text(c), str('')] }));
  const doc = parts.reduce((acc, p) => ({ kind: 'binary', op: '||', left: { kind: 'binary', op: '||', left: acc, right: str(' ') }, right: p }));
  return { kind: 'call', name: ['to_tsvector'], args: [str('simple'), doc] };
}

function sourceText(ix: Index): string {
  const kind = ix.kind === 'plain' ? '' : `${ix.kind.toUpperCase()} `;
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}${kind}INDEX ${ix.name ?? ''} (${ix.columns.map((c) => c.column + (c.length ? `(${c.length})` : '')).join(', ')})`;
}

export function convertIndexes(s: TableScope): Index[] {
  const out: Index[] = [];
  for (const ix of s.src.indexes) {
    const what = `index ${ix.name ?? '(unnamed)'}`;
    const notCreated = (why: string): void => {
      report(s, 'PGS2007', `${what}: ${why}; index not created`, { span: ix.span });
      addManual(s, { kind: 'index', original: sourceText(ix), codes: ['PGS2007'], span: ix.span });
    };
    let columns: KeyPart[];
    let using: string | undefined;
    switch (ix.kind) {
      case 'xml': notCreated('XML indexes have no PostgreSQL equivalent'); continue;
      case 'columnstore': notCreated('columnstore indexes have no PostgreSQL equivalent'); continue;
      case 'spatial': {
        columns = mapKeyParts(s, ix.columns, what, false, false, ix.span);
        const types = columns.map((c) => s.columnTypes.get(c.column));
        if (!types.every((t) => t && GEOMETRIC.has(t.name))) { notCreated('spatial index over a column that is not a geometric type in PostgreSQL (map it to a PostGIS type with --mappings)'); continue; }
        using = 'gist';
        break;
      }
      case 'fulltext': {
        const all = ix.columns.map((p) => s.ctx.names.column(s.src.name, p.column));
        // Documents in binary columns (SQL Server reads them through iFilters) have no text to index here.
        const binary = all.filter((c) => !FULLTEXT_AS_IS.has(typeClass(s.columnTypes.get(c)) ?? 'other') && !FULLTEXT_CAST.has(s.columnTypes.get(c)?.name ?? ''));
        const cols = all.filter((c) => !binary.includes(c));
        if (binary.length) {
          report(s, 'PGS2007', `${what}: column ${binary.join(', ')} holds no text (${binary.map((c) => s.columnTypes.get(c)?.raw ?? '?').join(', ')}); left out of the full-text index`, { span: ix.span });
        }
        if (!cols.length) { notCreated('no column of the full-text index holds text'); continue; }
        columns = [{ column: cols[0]!, expr: fulltextExpr(cols, new Set(cols.filter((c) => FULLTEXT_CAST.has(s.columnTypes.get(c)?.name ?? '')))) }];
        using = 'gin';
        report(s, 'PGS2008', `${what}: FULLTEXT becomes a GIN index over to_tsvector('simple', ...); queries must use to_tsvector/@@ to use it`, { span: ix.span });
        break;
      }
      case 'hash':
      case 'plain': {
        // MySQL 8 multi-valued index: KEY ((CAST(doc->'$.tags' AS CHAR(30) ARRAY))) serves MEMBER OF / JSON_CONTAINS,
        // which a GIN index over the jsonb value serves in PostgreSQL (@>)
        const multi = ix.columns.findIndex((p) => p.expr?.kind === 'cast' && p.expr.type.array);
        if (multi >= 0) {
          if (ix.columns.length > 1 || ix.unique) { notCreated(`multi-valued ${ix.unique ? 'unique ' : ''}key part CAST(... ARRAY)${ix.columns.length > 1 ? ' with other key parts' : ''} has no PostgreSQL index form`); continue; }
          const cast = ix.columns[0]!.expr as Expr & { kind: 'cast' };
          columns = mapKeyParts(s, [{ ...ix.columns[0]!, expr: cast.expr }], what, false, true, ix.span);
          using = 'gin';
          report(s, 'PGS2008', `${what}: multi-valued index over CAST(... AS ${cast.type.raw} ARRAY) becomes a GIN index over the jsonb value; queries must use @> (JSON_CONTAINS, MEMBER OF) to use it`, { span: ix.span });
          break;
        }
        columns = mapKeyParts(s, ix.columns, what, ix.unique, true, ix.span);
        const hash = ix.kind === 'hash' || ix.using?.toLowerCase() === 'hash';
        if (hash) {
          // PostgreSQL hash indexes take one column and cannot be unique.
          if (columns.length === 1 && !ix.unique) using = 'hash';
          else report(s, 'PGS2008', `${what}: hash index on ${columns.length} column(s)${ix.unique ? ', unique' : ''} becomes a btree index`, { span: ix.span });
        }
        break;
      }
      default: return ix.kind satisfies never;
    }
    if (ix.unique) checkKeyCaseSensitivity(s, columns, `unique ${what}`, ix.span);
    let where: Expr | undefined;
    if (ix.where) {
      const r = translateExpr(ix.where, s.env);
      reportProblems(s, `${what} filter`, r.problems, ix.span);
      if (r.failed) {
        addManual(s, {
          kind: 'index',
          original: `${sourceText(ix)} WHERE ${ix.whereRaw ?? exprText(ix.where)}`,
          draft: `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${ix.name ? `${quoteIdent(s.ctx.names.fold(ix.name))} ` : ''}ON ${quoteQName(s.target)} (${columns.map((c) => (c.expr ? exprText(c.expr) : quoteIdent(c.column))).join(', ')}) WHERE ${exprText(r.expr)};`,
          codes: problemCodes(r.problems),
          span: ix.span,
        });
        continue;
      }
      where = r.expr;
    }
    const name = constraintName(s, ix.name, 'index', ix.span, 'schema');
    const include = ix.include.map((c) => s.ctx.names.column(s.src.name, c));
    const index: Index = { unique: ix.unique, kind: 'plain', columns, include, span: ix.span };
    if (name !== undefined) index.name = name;
    if (where) {
      index.where = where;
      index.whereRaw = exprText(where);
    }
    if (using) index.using = using;
    if (ix.comment !== undefined) index.comment = ix.comment;
    out.push(index);
  }
  return out;
}
