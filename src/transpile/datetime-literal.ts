/**
 * A date/time literal with more fractional-second digits than PostgreSQL keeps (six; datetime2 and datetimeoffset have
 * seven) loses the extra digits instead of letting PostgreSQL round them: rounding '9999-12-31 23:59:59.9999999', the
 * usual end-of-time value of a period column, gives year 10000.
 */
export function fitFractionDigits(value: string): string {
  return value.replace(/(\d:\d\d(?::\d\d)?\.\d{6})\d+/, '$1');
}
