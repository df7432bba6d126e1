// The drizzle client over a node-postgres pool. Domain functions take a `Db` (or a transaction)
// as their first argument so tests and the worker can pass their own.
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
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
  return drizzle({ client: pool, schema, casing: "snake_case" }) as Db;
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
