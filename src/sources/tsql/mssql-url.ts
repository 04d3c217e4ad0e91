/** A parsed mssql:// URL. `password` never appears in `label` or in any error message. */
export interface MssqlTarget {
  host: string;
  port: number;
  /** Named instance (?instanceName=SQLEXPRESS): the port is then found through the SQL Browser. */
  instanceName?: string;
  user: string;
  password: string;
  database: string;
  encrypt: boolean;
  trustServerCertificate: boolean;
  /** mssql://host:port/database — the source name used in spans and messages. */
  label: string;
}

const BOOLEAN_PARAMS = new Set(['encrypt', 'trustServerCertificate']);

/**
 * mssql://user[:password]@host[:port]/database[?encrypt=true&trustServerCertificate=true&instanceName=X]
 * The password comes from the URL or else from PGSHIFT_SOURCE_PASSWORD. Errors name the URL without its password.
 */
export function parseMssqlUrl(url: string, env: Record<string, string | undefined> = process.env): MssqlTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`not a SQL Server URL: ${redactUrl(url)} (expected mssql://user[:password]@host[:port]/database)`);
  }
  const shown = redactUrl(url);
  if (u.protocol !== 'mssql:' && u.protocol !== 'sqlserver:') {
    throw new Error(`not a SQL Server URL: ${shown} (expected mssql://user[:password]@host[:port]/database)`);
  }
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new Error(`SQL Server URL without a host: ${shown}`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) throw new Error(`SQL Server URL must name one database (mssql://host/database): ${shown}`);
  const user = decodeURIComponent(u.username);
  if (!user) throw new Error(`SQL Server URL without a user (mssql://user@host/database): ${shown}`);
  const password = u.password ? decodeURIComponent(u.password) : env.PGSHIFT_SOURCE_PASSWORD ?? '';
  const port = u.port ? Number(u.port) : 1433;
  let encrypt = true;
  let trustServerCertificate = false;
  let instanceName: string | undefined;
  for (const [key, value] of u.searchParams) {
    if (BOOLEAN_PARAMS.has(key)) {
      if (value !== 'true' && value !== 'false') throw new Error(`SQL Server URL parameter ${key} must be true or false: ${shown}`);
      if (key === 'encrypt') encrypt = value === 'true';
      else trustServerCertificate = value === 'true';
    } else if (key === 'instanceName' && value) {
      instanceName = value;
    } else {
      throw new Error(`unknown SQL Server URL parameter ${key} (known: encrypt, trustServerCertificate, instanceName): ${shown}`);
    }
  }
  const hostText = host.includes(':') ? `[${host}]` : host;
  const label = `mssql://${hostText}${instanceName ? `/${instanceName}` : `:${port}`}/${database}`;
  const target: MssqlTarget = { host, port, user, password, database, encrypt, trustServerCertificate, label };
  if (instanceName) target.instanceName = instanceName;
  return target;
}

/** The URL with any password replaced by ***, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** A driver error (mssql ConnectionError / RequestError shape) as a message that names the cause, never the password. */
export function connectionErrorMessage(err: unknown, target: MssqlTarget): string {
  const e = (err ?? {}) as { code?: string; message?: string; originalError?: { message?: string } };
  const detail = scrub(e.originalError?.message ?? e.message ?? String(err), target.password);
  const where = `SQL Server at ${target.label}`;
  if (/Cannot open database/i.test(detail) || /\b4060\b/.test(detail)) {
    return `cannot open database "${target.database}" on ${where}: it does not exist or user "${target.user}" has no access (${detail})`;
  }
  switch (e.code) {
    case 'ELOGIN':
      return `login failed for user "${target.user}" on ${where}: check the user and the password (URL or PGSHIFT_SOURCE_PASSWORD) (${detail})`;
    case 'ESOCKET': case 'ETIMEOUT': case 'EINSTLOOKUP':
      return `cannot reach ${where}: the server is not running, not listening on TCP, or a firewall blocks it (${detail})`;
    default:
      return `cannot read ${where}: ${detail}`;
  }
}

function scrub(text: string, password: string): string {
  return password ? text.split(password).join('***') : text;
}
