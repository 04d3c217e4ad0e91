import type { DataType } from '../../model/types.js';
import { dataType } from '../../model/types.js';
import type { SysType } from './catalog-rows.js';
import { bit } from './catalog-rows.js';

/** Size facts of a column, alias type or sequence, as sys.columns / sys.types / sys.sequences give them. */
export interface TypeFacts { max_length: number; precision: number; scale: number }

/** sys.types says timestamp; rowversion is the documented name of the same type and cannot be told apart. */
const SYSTEM_NAMES: Record<string, string> = { timestamp: 'rowversion' };

/**
 * The DataType the script parser gives for the same declaration: built-ins lower-case with their arguments
 * (n[var]char lengths in characters, so max_length / 2), user types by name and schema without arguments.
 */
export function typeFromCatalog(type: SysType, facts: TypeFacts, schemaName: (schemaId: number) => string): DataType {
  if (bit(type.is_user_defined)) {
    const schema = schemaName(type.schema_id);
    return { name: type.name, args: [], schema, raw: `${schema}.${type.name}` };
  }
  const name = SYSTEM_NAMES[type.name] ?? type.name;
  return dataType(name, systemTypeArgs(name, facts));
}

function systemTypeArgs(name: string, f: TypeFacts): (number | 'max')[] {
  switch (name) {
    case 'char': case 'varchar': case 'binary': case 'varbinary':
      return [f.max_length === -1 ? 'max' : f.max_length];
    case 'nchar': case 'nvarchar':
      return [f.max_length === -1 ? 'max' : f.max_length / 2];
    case 'decimal': case 'numeric':
      return [f.precision, f.scale];
    case 'datetime2': case 'time': case 'datetimeoffset':
      return [f.scale];
    default:
      // float, int, xml, sysname, ... are scripted without arguments (float(24) is stored as real).
      return [];
  }
}

/** An alias type's base: the system type named by system_type_id, sized by the alias row. */
export function aliasBase(alias: SysType, types: Map<number, SysType>, schemaName: (schemaId: number) => string): DataType | undefined {
  const base = types.get(alias.system_type_id);
  return base ? typeFromCatalog(base, alias, schemaName) : undefined;
}

/** Type text for a rebuilt declaration (table type columns), spelled as SSMS scripts it: [decimal](18, 2), [dbo].[Phone]. */
export function typeText(t: DataType): string {
  if (t.schema) return `${bracket(t.schema)}.${bracket(t.name)}`;
  return t.args.length ? `${bracket(t.name)}(${t.args.join(', ')})` : bracket(t.name);
}

export function bracket(name: string): string {
  return `[${name.replaceAll(']', ']]')}]`;
}
