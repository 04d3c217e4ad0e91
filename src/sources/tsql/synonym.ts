import type { QName } from '../../model/catalog.js';
import type { SourceSpan } from '../../model/source.js';
import type { Token } from './lexer.js';
import { type Cursor, expectWord, parseMultipartName, prev, spanOf } from './cursor.js';
import { type Session, objectKey, qname, report } from './session.js';

/** CREATE SYNONYM name FOR target, resolved when the script ends (the target is often created later). */
export interface Synonym {
  name: QName;
  /** The target as written, and its schema-qualified name (resolved where the synonym stood). */
  target: string[];
  targetName: QName;
  span: SourceSpan;
}

const bracket = (n: string): string => `[${n.replaceAll(']', ']]')}]`;

/** create_synonym := CREATE SYNONYM name FOR [[server.]database.][schema.]object */
export function parseCreateSynonym(s: Session, c: Cursor, start: Token): void {
  expectWord(c, 'SYNONYM');
  const name = qname(s, parseMultipartName(c));
  expectWord(c, 'FOR');
  const target = parseMultipartName(c);
  (s.synonyms ??= []).push({ name, target, targetName: qname(s, target.slice(-2)), span: spanOf(c, start, prev(c)) });
}

/**
 * A synonym for a table or view of the input becomes a view over it (SELECT * is updatable, as the synonym was);
 * one for a routine, or for an object of another server or an object the input does not define, is reported.
 * `run` parses the view's text as if it stood where the synonym did.
 */
export function resolveSynonyms(s: Session, run: (text: string, span: SourceSpan) => void): void {
  for (const syn of s.synonyms ?? []) {
    const what = `synonym ${syn.name.schema}.${syn.name.name} for ${syn.target.join('.')}`;
    if (syn.target.length > 3) {
      report(s, 'PGS1012', `${what}: an object on another server has no PostgreSQL equivalent here (postgres_fdw); skipped`, { span: syn.span });
      continue;
    }
    const target = syn.targetName;
    const isRelation = s.objects.has(objectKey('table', target)) || s.objects.has(objectKey('view', target));
    if (!isRelation) {
      const routine = s.objects.has(objectKey('routine', target));
      report(s, 'PGS1012', `${what}: ${routine ? 'a synonym for a procedure or function has no PostgreSQL equivalent' : 'the target is not a table or view the input defines'}; skipped`, { span: syn.span });
      continue;
    }
    report(s, 'PGS1022', `${what} becomes a view over ${target.schema}.${target.name}${syn.target.length === 3 ? ` (database ${syn.target[0]} taken to be this one)` : ''}`, { span: syn.span });
    run(`CREATE VIEW ${bracket(syn.name.schema!)}.${bracket(syn.name.name)} AS SELECT * FROM ${bracket(target.schema!)}.${bracket(target.name)}`, syn.span);
  }
}
