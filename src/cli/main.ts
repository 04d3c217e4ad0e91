#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { analyzeCommand } from './analyze.js';
import { convertCommand } from './convert.js';
import { copyCommand } from './copy.js';
import { validateCommand } from './validate.js';

// Exit codes: 0 output written (the report may list items), 1 fatal or --fail-on tripped, 2 usage.

// A reader that stops early (`pgshift convert ... | head`) closes the pipe: the output is written, so no stack trace.
for (const out of [process.stdout, process.stderr]) {
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}
const parser = yargs(hideBin(process.argv))
  .scriptName('pgshift')
  .usage('$0 <command> [options]')
  .command(convertCommand)
  .command(analyzeCommand)
  .command(copyCommand)
  .command(validateCommand)
  .demandCommand(1, 'Name a command: convert, analyze, copy')
  .strict()
  .recommendCommands()
  .help()
  .version()
  .wrap(Math.min(110, process.stdout.columns || 110))
  .fail((msg, err, y) => {
    if (err) {
      process.stderr.write(`pgshift: ${err.message}\n`);
      process.exit(1);
    }
    void y;
    process.stderr.write(`pgshift: ${msg}\nRun 'pgshift --help' for usage.\n`);
    process.exit(2);
  });

await parser.parseAsync();
