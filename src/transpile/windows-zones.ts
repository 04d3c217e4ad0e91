/**
 * SQL Server's AT TIME ZONE takes Windows time zone names (sys.time_zone_info); PostgreSQL takes IANA names. The
 * common ones, by the CLDR windowsZones table's main region ("001").
 */
export const WINDOWS_ZONES: Record<string, string> = {
  'utc': 'UTC', 'gmt standard time': 'Europe/London', 'greenwich standard time': 'Atlantic/Reykjavik',
  'w. europe standard time': 'Europe/Berlin', 'central europe standard time': 'Europe/Budapest', 'romance standard time': 'Europe/Paris',
  'central european standard time': 'Europe/Warsaw', 'e. europe standard time': 'Europe/Chisinau', 'fle standard time': 'Europe/Kiev',
  'gtb standard time': 'Europe/Bucharest', 'russian standard time': 'Europe/Moscow', 'turkey standard time': 'Europe/Istanbul',
  'israel standard time': 'Asia/Jerusalem', 'south africa standard time': 'Africa/Johannesburg', 'egypt standard time': 'Africa/Cairo',
  'w. central africa standard time': 'Africa/Lagos', 'e. africa standard time': 'Africa/Nairobi', 'morocco standard time': 'Africa/Casablanca',
  'arabian standard time': 'Asia/Dubai', 'arab standard time': 'Asia/Riyadh', 'iran standard time': 'Asia/Tehran',
  'pakistan standard time': 'Asia/Karachi', 'india standard time': 'Asia/Kolkata', 'nepal standard time': 'Asia/Kathmandu',
  'bangladesh standard time': 'Asia/Dhaka', 'se asia standard time': 'Asia/Bangkok', 'china standard time': 'Asia/Shanghai',
  'singapore standard time': 'Asia/Singapore', 'taipei standard time': 'Asia/Taipei', 'tokyo standard time': 'Asia/Tokyo',
  'korea standard time': 'Asia/Seoul', 'w. australia standard time': 'Australia/Perth', 'cen. australia standard time': 'Australia/Adelaide',
  'e. australia standard time': 'Australia/Brisbane', 'aus eastern standard time': 'Australia/Sydney', 'new zealand standard time': 'Pacific/Auckland',
  'hawaiian standard time': 'Pacific/Honolulu', 'alaskan standard time': 'America/Anchorage', 'pacific standard time': 'America/Los_Angeles',
  'us mountain standard time': 'America/Phoenix', 'mountain standard time': 'America/Denver', 'central standard time': 'America/Chicago',
  'canada central standard time': 'America/Regina', 'central america standard time': 'America/Guatemala',
  'central standard time (mexico)': 'America/Mexico_City', 'eastern standard time': 'America/New_York', 'sa pacific standard time': 'America/Bogota',
  'venezuela standard time': 'America/Caracas', 'atlantic standard time': 'America/Halifax', 'pacific sa standard time': 'America/Santiago',
  'newfoundland standard time': 'America/St_Johns', 'e. south america standard time': 'America/Sao_Paulo',
  'argentina standard time': 'America/Buenos_Aires', 'sa eastern standard time': 'America/Cayenne', 'dateline standard time': 'Etc/GMT+12',
};
