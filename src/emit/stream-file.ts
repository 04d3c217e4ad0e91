import { closeSync, openSync, writeSync } from 'node:fs';
import type { Statement } from '../target/postgres/statement.js';
import { HEADER } from './files.js';

const FLUSH_AT = 1 << 16;

/**
 * Writes one migration file as renderMigrationFile would, but through a small buffer: COPY statements' rows
 * are pulled one at a time from copyRows, so a 1 GB data phase never sits in memory.
 */
export function writeMigrationFile(path: string, title: string, statements: Statement[]): void {
  const fd = openSync(path, 'w');
  let buf = '';
  const put = (s: string) => {
    buf += s;
    if (buf.length >= FLUSH_AT) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  try {
    put(`${HEADER}${title}\n\n`);
    statements.forEach((s, i) => {
      if (i > 0) put('\n\n');
      put(s.sql);
      if (s.copyRows) {
        put('\n');
        for (const line of s.copyRows()) put(line);
        put('\\.');
      }
    });
    put('\n');
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
}
