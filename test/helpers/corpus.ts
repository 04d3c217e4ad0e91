import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const corpusRoot = process.env.PGSHIFT_CORPUS ?? join('..', 'shared', 'corpus');

/** The source scripts of the corpus (not the upstream PostgreSQL references). */
const scripts: { dialect: 'tsql' | 'mysql'; file: string }[] = [
  { dialect: 'tsql', file: 'chinook/Chinook_SqlServer.sql' },
  { dialect: 'tsql', file: 'sakila/sql-server-sakila-schema.sql' },
  { dialect: 'tsql', file: 'northwind-pubs/instnwnd.sql' },
  { dialect: 'tsql', file: 'northwind-pubs/instpubs.sql' },
  { dialect: 'tsql', file: 'quartz/tables_sqlServer.sql' },
  { dialect: 'tsql', file: 'spring-batch/schema-sqlserver.sql' },
  { dialect: 'tsql', file: 'maintenance-solution' },
  { dialect: 'mysql', file: 'chinook/Chinook_MySql.sql' },
  { dialect: 'mysql', file: 'sakila/mysql-sakila-schema.sql' },
  { dialect: 'mysql', file: 'quartz/tables_mysql_innodb.sql' },
  { dialect: 'mysql', file: 'spring-batch/schema-mysql.sql' },
  { dialect: 'mysql', file: 'spring-batch/schema-mariadb.sql' },
];
export const corpusScripts = scripts.map((c) => ({ ...c, file: join(corpusRoot, c.file) }));

export const corpusPresent = existsSync(corpusRoot);
