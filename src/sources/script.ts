import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diag, type Diagnostic } from '../model/diagnostics.js';

export interface ScriptText {
  /** Path as the user gave it (or relative to the given directory), used in every span. */
  file: string;
  text: string;
  diagnostics: Diagnostic[];
}

const SQL_EXT = /\.(sql|ddl|tsql|mysql)$/i;

/**
 * Decode bytes to text: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, BOM-less UTF-16 guessed
 * from NUL patterns; invalid UTF-8 falls back to Windows-1252/latin1 (what SSMS and mysqldump emit
 * when not UTF-8). Binary input (NULs that are not UTF-16) yields a PGS1003 and no text.
 */
export function decodeScript(bytes: Uint8Array, file: string): ScriptText {
  const diagnostics: Diagnostic[] = [];
  const span = { file, line: 1, col: 1, endLine: 1, endCol: 1 };
  if (bytes.length === 0) {
    diagnostics.push(diag('PGS1004', 'input is empty', { span }));
    return { file, text: '', diagnostics };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { file, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), diagnostics };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { file, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), diagnostics };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);

  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  let nulEven = 0, nulOdd = 0, control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) (i % 2 === 0 ? nulEven++ : nulOdd++);
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  const half = sample.length / 2;
  if (nulOdd > half * 0.4 && nulEven < half * 0.05) return { file, text: new TextDecoder('utf-16le').decode(bytes), diagnostics };
  if (nulEven > half * 0.4 && nulOdd < half * 0.05) return { file, text: new TextDecoder('utf-16be').decode(bytes), diagnostics };
  if (nulEven + nulOdd > 0 || control > sample.length * 0.1) {
    diagnostics.push(diag('PGS1003', 'input is not SQL text (binary data or unknown encoding); nothing read', { span }));
    return { file, text: '', diagnostics };
  }
  try {
    return { file, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), diagnostics };
  } catch {
    return { file, text: new TextDecoder('windows-1252').decode(bytes), diagnostics };
  }
}

/** Read a file, every *.sql file under a directory (sorted by path), or stdin for '-'. */
export function readScripts(input: string): ScriptText[] {
  if (input === '-') return [decodeScript(readFileSync(0), '<stdin>')];
  const st = statSync(input);
  if (!st.isDirectory()) return [decodeScript(readFileSync(input), input)];
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (SQL_EXT.test(name)) files.push(p);
    }
  };
  walk(input);
  return files.map((p) => decodeScript(readFileSync(p), relative(process.cwd(), p) || p));
}
