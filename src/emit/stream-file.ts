import { closeSync, openSync, writeSync } from 'node:fs';
import type { Statement } from '../target/postgres/statement.js';
import { HEADER } from './files.js';

const FLUSH_AT = 1 << 16;

/** A writer that hands `flush` the text it is given in pieces of about 64 KB: big outputs are never one string. */
export function bufferedWriter(flush: (text: string) => void): { put(s: string): void; end(): void } {
  let buf = '';
  return {
    put(s) {
      buf += s;
      if (buf.length >= FLUSH_AT) {
        flush(buf);
        buf = '';
      }
    },
    end() {
      if (buf) flush(buf);
      buf = '';
    },
  };
}

/** `write(put)` into the file at `path` through a bufferedWriter. */
export function writeBuffered(path: string, write: (put: (s: string) => void) => void): void {
  const fd = openSync(path, 'w');
  try {
    const out = bufferedWriter((text) => writeSync(fd, text));
    write(out.put);
    out.end();
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes one migration file (header, then statements separated by a blank line) through a small buffer: COPY
 * statements' rows are pulled one at a time from copyRows, so a 1 GB data phase never sits in memory.
 */
export function writeMigrationFile(path: string, title: string, statements: Statement[]): void {
  writeBuffered(path, (put) => {
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
  });
}
