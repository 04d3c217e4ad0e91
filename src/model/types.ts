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
