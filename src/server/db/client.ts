// The drizzle client over a node-postgres pool. Domain functions take a `Db` (or a transaction)
// as their first argument so tests and the worker can pass their own.
import { sql, type SQL } from "drizzle-orm";
import { drizzle, NodePgSession, NodePgTransaction, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgTransactionConfig } from "drizzle-orm/pg-core";
import pg from "pg";
import { env } from "../env";
import * as schema from "./schema";

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run queries: the pool-backed db or an open transaction. */
export type DbOrTx = Db | Tx;

export function createDb(connectionString: string, options: { max?: number; applicationName?: string } = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "vigil",
    connectionTimeoutMillis: 5_000,
  });
  // A client losing its connection (Postgres restart) must not crash the process: idle ones report
  // to the pool, checked-out ones (inside a transaction) to this listener; their queries still fail.
  pool.on("error", () => undefined);
  // Nor a checked-out one: pg emits "error" on a client whose connection dies mid-transaction, and
  // pg-pool listens only while the client is idle. The running query still fails (-> 503).
  pool.on("connect", (client) => client.on("error", () => undefined));
  const database = drizzle({ client: pool, schema, casing: "snake_case" }) as Db;
  releaseClientsOfFailedTransactions(database);
  return database;
}

type SessionArgs = ConstructorParameters<typeof NodePgSession>;
interface PoolSession {
  client: pg.Pool;
  dialect: SessionArgs[1];
  schema: SessionArgs[2];
  options: SessionArgs[3];
  transaction<T>(fn: (tx: Tx) => Promise<T>, config?: PgTransactionConfig): Promise<T>;
}

/**
 * drizzle-orm 0.45 sends a pool transaction's BEGIN before its try/finally: when BEGIN fails (the
 * pooled connection died while idle, as in every Postgres restart) the client is never released
 * and the pool loses a slot for good; after a few restarts the web process can only answer 503.
 * Same steps here with BEGIN inside; a client whose BEGIN or ROLLBACK failed is destroyed rather
 * than reused, and a failed ROLLBACK no longer hides the error that caused it.
 */
function releaseClientsOfFailedTransactions(database: Db): void {
  const session = (database as unknown as { session: PoolSession }).session;
  session.transaction = async <T>(fn: (tx: Tx) => Promise<T>, config?: PgTransactionConfig): Promise<T> => {
    const client = await session.client.connect();
    const tx = new NodePgTransaction(session.dialect, new NodePgSession(client, session.dialect, session.schema, session.options), session.schema) as unknown as Tx;
    let broken = true;
    try {
      await tx.execute(sql`begin${config ? sql` ${(tx as unknown as { getTransactionConfigSQL(c: PgTransactionConfig): SQL }).getTransactionConfigSQL(config)}` : undefined}`);
      try {
        const result = await fn(tx);
        await tx.execute(sql`commit`);
        broken = false;
        return result;
      } catch (error) {
        broken = await tx.execute(sql`rollback`).then(() => false, () => true);
        throw error;
      }
    } finally {
      client.release(broken);
    }
  };
}

const globalForDb = globalThis as unknown as { vigilDb?: Db };

/** The process-wide db from DATABASE_URL. */
export function db(): Db {
  if (!globalForDb.vigilDb) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set; start Vigil with `npm start` or set DATABASE_URL");
    globalForDb.vigilDb = createDb(url, { max: env().VIGIL_DB_POOL_SIZE, applicationName: process.env.VIGIL_PROCESS ?? "vigil" });
  }
  return globalForDb.vigilDb;
}

/** Whether a handle is the pool-backed db (not an open transaction). */
export function isPoolDb(handle: DbOrTx): handle is Db {
  return "$client" in handle && handle.$client instanceof pg.Pool;
}
