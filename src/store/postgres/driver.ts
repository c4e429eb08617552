import pg from 'pg';
import { readableParam } from './readable-text.ts';

/**
 * The little the PostgreSQL store needs from a driver: run a statement on the pool or on one
 * held connection, and hear notifications. Implemented on `pg` (node-postgres), chosen by
 * measurement over `postgres` (docs/decisions.md; `bench/pg-drivers.ts` runs the store on both).
 */

export interface PgConnection {
  /** One statement with `$1…` parameters (or several, without parameters); its rows. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface PgHeld extends PgConnection {
  /** Give the connection back to the pool; with an error, close it instead (its state is unknown). */
  release(err?: Error): void;
}

export interface PgDriver extends PgConnection {
  /** One pooled connection, for a transaction. */
  connect(): Promise<PgHeld>;
  /** LISTEN on `channel` on a connection of its own; resolves to the way to stop. */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onError: (err: Error) => void,
  ): Promise<() => Promise<void>>;
  end(): Promise<void>;
}

/**
 * BIGINT (epoch milliseconds, minor units, ids) as a JS number: every value the store keeps is
 * far below 2^53, and the rows are shared with SQLite's mapping, which reads numbers.
 */
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function pgDriver(url: string, opts: { max: number; applicationName?: string }): PgDriver {
  const config = { connectionString: url, types, application_name: opts.applicationName ?? 'huikuan' };
  const pool = new pg.Pool({ ...config, max: opts.max, idleTimeoutMillis: 30_000 });
  // An idle connection the server dropped: the pool replaces it; nothing is lost.
  pool.on('error', () => {});
  const run =
    (c: pg.Pool | pg.PoolClient) =>
    async <R>(text: string, params?: readonly unknown[]): Promise<R[]> =>
      (await c.query({ text, values: params?.map(readableParam) })).rows as R[];
  return {
    query: run(pool),
    async connect() {
      const client = await pool.connect();
      return { query: run(client), release: (err?: Error) => client.release(err) };
    },
    async listen(channel, onPayload, onError) {
      const client = new pg.Client(config);
      client.on('error', onError);
      client.on('notification', (n) => {
        if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
      });
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    end: () => pool.end(),
  };
}
