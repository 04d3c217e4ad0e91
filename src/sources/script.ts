import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diag, type Diagnostic } from '../model/diagnostics.js';
import { decodeCounting, decodeText, strayBytesNote, type SegmentedFile } from './segments.js';

export interface ScriptText {
  /** Path as the user gave it (or relative to the given directory), used in every span. */
  file: string;
  /** The whole text; empty when the file is read in segments (see `segmented`). */
  text: string;
  /** The text the data phase reads, when bytes that are not UTF-8 make it differ (src/data/stray-bytes.ts). */
  dataText?: string;
  diagnostics: Diagnostic[];
  /** A big UTF-8/Windows-1252 file: parsed segment by segment straight from the file (src/sources/segments.ts). */
  segmented?: SegmentedFile;
}

export interface ReadOptions {
  /** Files larger than this are read in segments of about this size (default 16 MB). */
  segmentBytes?: number;
}

const SEGMENT_BYTES = 16 << 20;
/** Bytes decoded up front from a segmented file for dialect detection. */
const HEAD_BYTES = 1 << 20;

const SQL_EXT = /\.(sql|ddl|tsql|mysql)$/i;

/**
 * Decode bytes to text: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, BOM-less UTF-16 guessed
 * from NUL patterns; bytes that are not UTF-8 read as Windows-1252 (what SSMS and mysqldump emit when not
 * UTF-8; a UTF-8 dump with raw BLOB bytes keeps its UTF-8 text). Binary input (NULs that are not UTF-16) yields
 * a PGS1003 and no text.
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
  const { text, stray, dataText } = decodeCounting(bytes);
  if (stray) diagnostics.push(strayBytesNote(file, stray));
  return { file, text, ...(dataText !== undefined ? { dataText } : {}), diagnostics };
}

/** A file too big to hold as one string is read in segments when it is UTF-8 or Windows-1252 (UTF-16 is read whole). */
function readScriptFile(path: string, file: string, segmentBytes: number): ScriptText {
  const size = statSync(path).size;
  if (size <= segmentBytes) return decodeScript(readFileSync(path), file);
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const sample = head.subarray(0, 4096);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || sample.includes(0);
  // Empty or binary input is read whole for its diagnostics; bytes read as Windows-1252 (PGS1020) segment as well.
  if (utf16 || decodeScript(sample, file).diagnostics.some((d) => d.code !== 'PGS1020')) return decodeScript(readFileSync(path), file);
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const lastLine = head.lastIndexOf(10);
  const text = decodeText(head.subarray(start, lastLine > 0 ? lastLine + 1 : head.length));
  return { file, text: '', diagnostics: [], segmented: { path, start, segmentBytes, head: text } };
}

/** Read a file, every *.sql file under a directory (sorted by path), or stdin for '-'. */
export function readScripts(input: string, options: ReadOptions = {}): ScriptText[] {
  const segmentBytes = options.segmentBytes ?? SEGMENT_BYTES;
  if (input === '-') return [decodeScript(readFileSync(0), '<stdin>')];
  const st = statSync(input);
  if (!st.isDirectory()) return [readScriptFile(input, input, segmentBytes)];
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (SQL_EXT.test(name)) files.push(p);
    }
  };
  walk(input);
  return files.map((p) => readScriptFile(p, relative(process.cwd(), p) || p, segmentBytes));
}
