import { parentPort } from 'node:worker_threads';
import { loadPgParser, pgSyntaxErrors } from './pg-parse.js';

// libpg_query's syntax check off the main thread: { id, sql[] } in, { id, errors: [index, message][] } out.
// The parser loads as soon as the worker starts, while the main thread is still converting.
const parser = loadPgParser();

parentPort!.on('message', (msg: { id: number; sql: string[] }) => {
  void parser.then((m) => {
    parentPort!.postMessage({ id: msg.id, errors: pgSyntaxErrors(m, msg.sql) });
  });
});
