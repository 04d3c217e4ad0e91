import { parentPort } from 'node:worker_threads';
import { loadPgParser, pgSyntaxErrorText, warmPgParser } from './pg-parse.js';

// libpg_query's syntax check off the main thread: { id, sql[] } in, { id, errors: [index, message][] } out.
// The parser loads and warms up as soon as the worker starts, while the main thread is still converting;
// a request stops the warm-up, so a small conversion never waits for it.
const parser = loadPgParser();
let requested = false;
void parser.then((m) => {
  let round = 0;
  const warm = (): void => {
    if (requested || round++ >= 300) return;
    warmPgParser(m, 1);
    setImmediate(warm);
  };
  warm();
});

parentPort!.on('message', (msg: { id: number; sql: string[] }) => {
  requested = true;
  void parser.then((m) => {
    const errors: [number, string][] = [];
    msg.sql.forEach((sql, i) => {
      const e = pgSyntaxErrorText(m, sql);
      if (e !== undefined) errors.push([i, e]);
    });
    parentPort!.postMessage({ id: msg.id, errors });
  });
});
