/**
 * SQL Server scripts (SSMS "Generate Scripts" before 2012) write date and time values as their binary form:
 * CAST(0x00009E2A00000000 AS DateTime). These read such a value as the text PostgreSQL takes, or undefined when
 * the type is not a date/time type or the bytes do not fit it.
 *
 * datetime: days since 1900-01-01 (int32) and 1/300 s since midnight (uint32), big-endian; smalldatetime: days
 * (uint16) and minutes (uint16), big-endian; date: days since 0001-01-01, 3 bytes little-endian; time(n),
 * datetime2(n), datetimeoffset(n): a precision byte, then the time in units of 10^-n s (3 to 5 bytes little-endian),
 * the date (3 bytes) and, for datetimeoffset, the offset in minutes (int16) with date and time in UTC.
 */
export const TSQL_BINARY_DATE_TYPES = new Set(['DATETIME', 'SMALLDATETIME', 'DATE', 'TIME', 'DATETIME2', 'DATETIMEOFFSET']);

export function tsqlBinaryDate(type: string, b: Buffer): string | undefined {
  switch (type.toUpperCase()) {
    case 'DATETIME':
      return b.length === 8 ? stamp(DAYS_1900 + b.readInt32BE(0), Math.round((b.readUInt32BE(4) * 10) / 3) * 1000, 3) : undefined;
    case 'SMALLDATETIME':
      return b.length === 4 ? stamp(DAYS_1900 + b.readUInt16BE(0), b.readUInt16BE(2) * 60_000_000, 0) : undefined;
    case 'DATE':
      return b.length === 3 || (b.length === 4 && b[3] === 0) ? dateText(DAYS_0001 + b.readUIntLE(0, 3)) : undefined;
    case 'TIME': {
      const t = timeOf(b);
      return t && b.length === 1 + t.bytes && t.micros < 86_400_000_000 ? clock(t.micros, t.digits) : undefined;
    }
    case 'DATETIME2': case 'DATETIMEOFFSET': {
      const t = timeOf(b);
      const offset = type.toUpperCase() === 'DATETIMEOFFSET';
      if (!t || b.length !== 1 + t.bytes + 3 + (offset ? 2 : 0)) return undefined;
      const text = stamp(DAYS_0001 + b.readUIntLE(1 + t.bytes, 3), t.micros, t.digits);
      return offset ? `${text}+00` : text;
    }
    default:
      return undefined;
  }
}

/** Days from 1970-01-01 to 1900-01-01 and to 0001-01-01. */
const DAYS_1900 = -25567;
const DAYS_0001 = -719162;

/** The time part of time/datetime2/datetimeoffset: its byte count and value for its precision byte. */
function timeOf(b: Buffer): { bytes: number; micros: number; digits: number } | undefined {
  const p = b[0];
  if (p === undefined || p > 7) return undefined;
  const bytes = p <= 2 ? 3 : p <= 4 ? 4 : 5;
  if (b.length < 1 + bytes) return undefined;
  const units = b.readUIntLE(1, bytes);
  // 10^-p s units as microseconds (7 digits are cut to 6, as the column type is).
  const micros = p >= 6 ? Math.floor(units / 10 ** (p - 6)) : units * 10 ** (6 - p);
  return { bytes, micros, digits: Math.min(p, 6) };
}

function stamp(days: number, micros: number, digits: number): string {
  const day = Math.floor(micros / 86_400_000_000);
  return `${dateText(days + day)} ${clock(micros - day * 86_400_000_000, digits)}`;
}

function clock(micros: number, digits: number): string {
  const s = Math.floor(micros / 1e6);
  const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return digits ? `${hms}.${String(micros % 1e6).padStart(6, '0').slice(0, digits)}` : hms;
}

/** A day number (days since 1970-01-01) as YYYY-MM-DD (H. Hinnant's civil_from_days). */
function dateText(z: number): string {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
