import pg from 'pg';
import { redactUrl } from '../target/postgres/verify.js';

/** A target connection; connection errors name the server and user, never the password. */
export async function openTarget(url: string): Promise<pg.Client> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('--target is not a valid postgres:// URL');
  }
  if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error(`--target must be a postgres:// URL (got ${u.protocol}//)`);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    const err = e as Error & { code?: string };
    const why = err.code === 'ECONNREFUSED' ? 'connection refused (is the server running?)'
      : err.code === '28P01' ? 'password authentication failed'
      : err.code === '3D000' ? 'database does not exist'
      : u.password ? err.message.split(decodeURIComponent(u.password)).join('***') : err.message;
    throw new Error(`cannot connect to PostgreSQL at ${redactUrl(u)}: ${why}`);
  }
  // Errors after connect (a dropped socket) must not take the process down; the awaiting query reports them.
  client.on('error', () => undefined);
  return client;
}

/** After a failed COPY the server still has to say ReadyForQuery; waiting for it keeps the next query off pg's busy-client path. */
export async function whenIdle(client: pg.Client): Promise<void> {
  const internal = client as unknown as { _activeQuery?: unknown; connection?: { once(e: string, f: () => void): void } };
  for (let i = 0; i < 1000 && internal._activeQuery; i++) await new Promise((r) => setTimeout(r, 1));
}
