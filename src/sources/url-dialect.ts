export type SourceDialect = 'tsql' | 'mysql';

/** The dialect a live source URL names by its scheme (mysql://, mariadb://, mssql://, sqlserver://), or undefined. */
export function sourceUrlDialect(url: string): SourceDialect | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  return scheme === 'mssql' || scheme === 'sqlserver' ? 'tsql' : undefined;
}
