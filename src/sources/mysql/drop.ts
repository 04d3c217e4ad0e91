import { findTable, indexOfExactName, objectPath, type ObjectKind, type QName } from '../../model/catalog.js';
import { acceptOp, acceptWord, acceptWords, advance, atEnd, expectWord, fail, identifier, type Cursor } from './cursor.js';
import { qualifiedName, report, type Session } from './session.js';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * DROP TABLE/VIEW/PROCEDURE/FUNCTION/EVENT/TRIGGER/SEQUENCE/INDEX/DATABASE [IF EXISTS] names.
 * The script runs top to bottom: an object defined earlier in the input is removed (dumps create placeholder
 * tables for views and drop them before the real view); anything else is reported as PGS1013.
 */
export function parseDrop(c: Cursor, s: Session): void {
  c.i++;
  acceptWord(c, 'TEMPORARY');
  const kindTok = advance(c);
  switch (kindTok.value) {
    case 'TABLE': case 'TABLES': case 'VIEW': case 'SEQUENCE': {
      acceptWords(c, 'IF', 'EXISTS');
      const names: QName[] = [];
      do names.push(qualifiedName(c, s)); while (acceptOp(c, ','));
      if (!acceptWord(c, 'RESTRICT')) acceptWord(c, 'CASCADE');
      end(c);
      const kind: ObjectKind = kindTok.value === 'VIEW' ? 'view' : kindTok.value === 'SEQUENCE' ? 'sequence' : 'table';
      for (const q of names) {
        const schema = s.catalog.schemas.find((x) => same(x.name, q.schema));
        const list: { name: QName }[] | undefined =
          kind === 'view' ? schema?.views : kind === 'sequence' ? schema?.sequences : schema?.tables;
        // Table names are case-sensitive on MySQL's default (Linux) servers: a dump's DROP TABLE IF EXISTS users
        // before CREATE TABLE users must not remove the Users defined above it.
        const i = list ? indexOfExactName(list, q.name) : -1;
        // MariaDB's DROP TABLE drops a sequence too (a dump of SEQUENCE=1 tables drops them so)
        const seq = i < 0 && kind === 'table' && schema ? indexOfExactName(schema.sequences, q.name) : -1;
        if (list && i >= 0) {
          list.splice(i, 1);
          removed(c, s, objectPath(kind, q));
        } else if (seq >= 0) {
          schema!.sequences.splice(seq, 1);
          removed(c, s, objectPath('sequence', q));
        } else notDefined(c, s, objectPath(kind, q));
      }
      return;
    }
    case 'PROCEDURE': case 'FUNCTION': case 'EVENT': case 'TRIGGER': {
      acceptWords(c, 'IF', 'EXISTS');
      const q = qualifiedName(c, s);
      end(c);
      const kind = kindTok.value.toLowerCase() as 'procedure' | 'function' | 'event' | 'trigger';
      for (const schema of s.catalog.schemas) {
        if (kind === 'trigger') {
          // an unqualified trigger name is looked up in every schema (triggers live with their table)
          const i = schema.triggers.findIndex((t) => same(t.name.name, q.name) && (same(schema.name, q.schema) || q.schema === s.current));
          if (i >= 0) { schema.triggers.splice(i, 1); return removed(c, s, objectPath(kind, q)); }
        } else if (same(schema.name, q.schema)) {
          const i = schema.routines.findIndex((r) => r.kind === kind && same(r.name.name, q.name));
          if (i >= 0) { schema.routines.splice(i, 1); return removed(c, s, objectPath(kind, q)); }
        }
      }
      return notDefined(c, s, objectPath(kind, q));
    }
    case 'INDEX': {
      acceptWords(c, 'IF', 'EXISTS');
      const name = identifier(c, 'index name');
      expectWord(c, 'ON');
      const t = qualifiedName(c, s, 'table name');
      while (acceptWord(c, 'ALGORITHM') || acceptWord(c, 'LOCK')) { acceptOp(c, '='); advance(c); }
      end(c);
      const table = findTable(s.catalog, t);
      const has = (k: { name?: string }): boolean => !!k.name && same(k.name, name);
      if (table && (table.indexes.some(has) || table.uniques.some(has) || (same(name, 'PRIMARY') && table.primaryKey))) {
        table.indexes = table.indexes.filter((k) => !has(k));
        table.uniques = table.uniques.filter((k) => !has(k));
        if (same(name, 'PRIMARY')) delete table.primaryKey;
        return removed(c, s, `index ${name} on ${objectPath('table', t)}`);
      }
      return notDefined(c, s, `index ${name} on ${objectPath('table', t)}`);
    }
    case 'DATABASE': case 'SCHEMA': {
      acceptWords(c, 'IF', 'EXISTS');
      const name = identifier(c, 'database name');
      end(c);
      const i = s.catalog.schemas.findIndex((x) => same(x.name, name));
      if (i >= 0) {
        s.catalog.schemas.splice(i, 1);
        removed(c, s, objectPath('schema', name));
      } else notDefined(c, s, objectPath('schema', name));
      return;
    }
    case 'USER': case 'ROLE':
      report(c, s, 'PGS1018', `DROP ${kindTok.value} skipped`, 0, c.toks.length - 1);
      c.i = c.limit;
      return;
  }
  c.i--;
  fail(c, 'unknown DROP statement');
}

function end(c: Cursor): void {
  if (!atEnd(c)) fail(c, 'unexpected text in DROP');
}

/** Dumps drop what they defined (stand-in tables of views, re-created objects): say so, the object leaves the output. */
function removed(c: Cursor, s: Session, object: string): void {
  report(c, s, 'PGS1019', `DROP ${object}: removes the ${object.split(' ')[0]} defined earlier in the input; it is not in the output`, 0, c.toks.length - 1, object);
}

function notDefined(c: Cursor, s: Session, object: string): void {
  report(c, s, 'PGS1013', `DROP ${object}: not defined earlier in the input; skipped`, 0, c.toks.length - 1, object);
}
