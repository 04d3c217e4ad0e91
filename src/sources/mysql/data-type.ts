import type { DataType } from '../../model/types.js';
import grammar from '../../../grammars/mysql.json' with { type: 'json' };
import { acceptOp, acceptWord, advance, expectOp, fail, peek, peekOp, raw, textOf, type Cursor } from './cursor.js';

const TYPE_NAMES: Record<string, string> = grammar.typeNames;
const NATIONAL = grammar.nationalCharset;

export interface ParsedType {
  type: DataType;
  /** `CHAR(10) BINARY`: the binary collation of the column's character set. */
  binaryCollation?: boolean;
  /** SERIAL: the column also becomes NOT NULL AUTO_INCREMENT UNIQUE. */
  serial?: boolean;
}

/** One string literal, with adjacent literals concatenated ('a' 'b' is 'ab'). */
export function stringValue(c: Cursor): string {
  const t = peek(c);
  if (t.kind !== 'str') return fail(c, 'expected a string');
  let v = t.value;
  c.i++;
  while (peek(c).kind === 'str') v += advance(c).value;
  return v;
}

function numberArg(c: Cursor): number {
  const t = advance(c);
  if (t.kind !== 'num') fail(c, 'expected a number');
  return Number(t.value);
}

/**
 * data_type: name [(args)] [UNSIGNED|SIGNED|ZEROFILL]... [BINARY] [CHARACTER SET cs | CHARSET cs | ASCII | UNICODE]
 * Names are canonical as information_schema reports them (INTEGER → int, BOOL → tinyint(1), NVARCHAR → varchar
 * with charset utf8mb3); `raw` keeps the spelling.
 */
export function parseDataType(c: Cursor): ParsedType {
  const first = c.i;
  const t = advance(c);
  if (t.kind !== 'word') fail(c, 'expected a data type');
  let name: string;
  let charset: string | undefined;
  let unsigned = false;
  let serial = false;
  switch (t.value) {
    case 'NATIONAL':
      if (acceptWord(c, 'VARCHAR')) name = 'varchar';
      else {
        if (!acceptWord(c, 'CHAR') && !acceptWord(c, 'CHARACTER')) fail(c, 'expected CHAR after NATIONAL');
        name = acceptWord(c, 'VARYING') ? 'varchar' : 'char';
      }
      charset = NATIONAL;
      break;
    case 'NCHAR':
      name = acceptWord(c, 'VARCHAR') || acceptWord(c, 'VARYING') ? 'varchar' : 'char';
      charset = NATIONAL;
      break;
    case 'NVARCHAR':
      name = 'varchar';
      charset = NATIONAL;
      break;
    case 'CHAR': case 'CHARACTER':
      name = acceptWord(c, 'VARYING') ? 'varchar' : 'char';
      break;
    case 'DOUBLE':
      acceptWord(c, 'PRECISION');
      name = 'double';
      break;
    case 'LONG':
      if (acceptWord(c, 'VARBINARY')) name = 'mediumblob';
      else {
        if (acceptWord(c, 'CHAR') || acceptWord(c, 'CHARACTER')) acceptWord(c, 'VARYING');
        else acceptWord(c, 'VARCHAR');
        name = 'mediumtext';
      }
      break;
    case 'SIGNED': case 'UNSIGNED':
      // CAST(x AS SIGNED [INTEGER]) is a 64-bit integer
      if (!acceptWord(c, 'INTEGER')) acceptWord(c, 'INT');
      name = 'bigint';
      unsigned = t.value === 'UNSIGNED';
      break;
    case 'SERIAL':
      name = 'bigint';
      unsigned = true;
      serial = true;
      break;
    default:
      name = TYPE_NAMES[t.value] ?? c.text.slice(t.start, t.end).toLowerCase();
  }
  let args: (number | 'max')[] = [];
  let values: string[] | undefined;
  if (peekOp(c, '(')) {
    c.i++;
    if (name === 'enum' || name === 'set') {
      values = [];
      if (!peekOp(c, ')')) do values.push(stringValue(c)); while (acceptOp(c, ','));
    } else {
      do args.push(numberArg(c)); while (acceptOp(c, ','));
    }
    expectOp(c, ')');
  }
  if (name === 'float' && args.length === 1) {
    // FLOAT(p): p picks single or double precision
    if ((args[0] as number) > 24) name = 'double';
    args = [];
  }
  if (t.value === 'BOOL' || t.value === 'BOOLEAN') args = [1];
  let zerofill = false;
  for (;;) {
    if (acceptWord(c, 'UNSIGNED')) unsigned = true;
    else if (acceptWord(c, 'SIGNED')) unsigned = false;
    else if (acceptWord(c, 'ZEROFILL')) { zerofill = true; unsigned = true; }
    else break;
  }
  const type: DataType = { name, args, raw: textOf(c, first, c.i - 1) };
  if (unsigned) type.unsigned = true;
  if (zerofill) type.zerofill = true;
  if (values) type.values = values;
  let binaryCollation = false;
  for (;;) {
    if (acceptWord(c, 'BINARY')) binaryCollation = true;
    else if (peek(c).value === 'CHARACTER' && peek(c, 1).value === 'SET') { c.i += 2; charset = charsetName(c); }
    else if (acceptWord(c, 'CHARSET')) charset = charsetName(c);
    else if (acceptWord(c, 'ASCII')) charset = 'latin1';
    else if (acceptWord(c, 'UNICODE')) charset = 'ucs2';
    else if (acceptWord(c, 'BYTE')) { if (type.name === 'char') type.name = 'binary'; }
    else break;
  }
  if (charset !== undefined) type.charset = charset;
  const out: ParsedType = { type };
  if (binaryCollation) out.binaryCollation = true;
  if (serial) out.serial = true;
  return out;
}

/** A character set or collation name: word, `quoted` or 'string'; BINARY is a valid charset name. */
export function charsetName(c: Cursor): string {
  acceptOp(c, '=');
  const t = advance(c);
  if (t.kind === 'word') return raw(c, t);
  if (t.kind === 'qid' || t.kind === 'str') return t.value;
  return fail(c, 'expected a character set name');
}
