/**
 * A column or expression type as written in the source (or, after transpile, as PostgreSQL spells it).
 * `name` is lower-case and canonical for the dialect ('nvarchar', 'int', 'double precision');
 * `raw` keeps the text exactly as written, for reports.
 */
export interface DataType {
  name: string;
  /** Length/precision/scale/display width/fsp, in source order; 'max' for T-SQL (max). */
  args: (number | 'max')[];
  /** Schema of a user-defined (alias, domain, enum) type; undefined for built-ins. */
  schema?: string;
  unsigned?: boolean;
  zerofill?: boolean;
  /** ENUM / SET members, unquoted. */
  values?: string[];
  /** MySQL CHARACTER SET on the type. */
  charset?: string;
  /** MySQL spatial column SRID n (the column is restricted to one spatial reference system). */
  srid?: number;
  /** PostgreSQL array type (text[]). */
  array?: boolean;
  /** A domain's base type, so rules that depend on the kind of value (defaults, operators) see through the domain. */
  base?: DataType;
  raw: string;
}

export function dataType(name: string, args: (number | 'max')[] = [], extra?: Partial<DataType>): DataType {
  const raw = extra?.raw ?? (args.length ? `${name}(${args.join(',')})` : name);
  // Most types have no extra attributes: one literal keeps them all in one compact shape.
  return extra ? { name, args, ...extra, raw } : { name, args, raw };
}

/**
 * Columns repeat a handful of types (a dump's 100k columns use a dozen): one object per distinct type keeps the
 * catalog small, which is most of what the garbage collector copies. Only for types nothing changes afterwards.
 */
const sharedTypes = new Map<string, DataType[]>();
const MAX_SHARED_TYPES = 4096;

export function sharedType(t: DataType): DataType {
  if (t.base) return t;
  const alike = sharedTypes.get(t.raw);
  if (alike) {
    for (const x of alike) if (sameType(x, t)) return x;
    if (alike.length < 8) alike.push(t);
    return t;
  }
  if (sharedTypes.size >= MAX_SHARED_TYPES) sharedTypes.clear();
  sharedTypes.set(t.raw, [t]);
  return t;
}

/** Alike in every field of DataType (a type without a base, so nothing nested). */
function sameType(a: DataType, b: DataType): boolean {
  return a.name === b.name && a.schema === b.schema && a.unsigned === b.unsigned && a.zerofill === b.zerofill && a.charset === b.charset &&
    a.srid === b.srid && a.array === b.array && a.base === b.base && sameList(a.args, b.args) && sameList(a.values, b.values);
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
