// The Postgres server tests run against: DATABASE_URL when set, else an embedded server in
// .vigil/test (started once, reused by later runs while it is up). Its port is remembered in
// .vigil/test/port; when another server holds that port, a free one is chosen and remembered.
// Tests that stop and restart Postgres get a server of their own (startOwnPostgres).
import fs from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../src/cli/embedded-postgres";
import { migrateDatabase } from "../../src/server/db/migrate";

export const TEST_EMBEDDED_PORT = Number(process.env.VIGIL_TEST_PG_PORT ?? 54330);
const STATE_DIR = path.resolve(".vigil/test");
const PORT_FILE = path.join(STATE_DIR, "port");

function osFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function rememberedPort(): number {
  const stored = fs.existsSync(PORT_FILE) ? Number(fs.readFileSync(PORT_FILE, "utf8").trim()) : NaN;
  return Number.isInteger(stored) && stored > 0 ? stored : TEST_EMBEDDED_PORT;
}

async function startOn(port: number): Promise<string> {
  const embedded = await startEmbeddedPostgres({ stateDir: STATE_DIR, port, database: "postgres" });
  fs.writeFileSync(PORT_FILE, String(port));
  return embedded.url;
}

/** A URL to some database on the test server, usable for CREATE/DROP DATABASE. */
export async function testServerUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  let url: string;
  try {
    url = await startOn(rememberedPort());
  } catch (error) {
    if (!/Address already in use|could not create any TCP\/IP sockets/.test((error as Error).message)) throw error;
    url = await startOn(await osFreePort()); // another server (another checkout) holds the port
  }
  process.env.DATABASE_URL = url;
  return url;
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface OwnPostgres {
  /** URL of its "vigil" database, migrated. */
  url: string;
  /** Fast shutdown (clients are cut off), as in a restart or a failover. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

/** An embedded Postgres of the test's own (temp dir, free port; never the shared server), for tests that restart it. */
export async function startOwnPostgres(label: string): Promise<OwnPostgres> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `vigil-${label}-`));
  fs.chmodSync(stateDir, 0o755); // Postgres runs as the "postgres" user when we are root
  const port = await osFreePort();
  const boot = () => startEmbeddedPostgres({ stateDir, port, database: "vigil" });
  let server = await boot();
  await migrateDatabase(server.url);
  return {
    url: server.url,
    stop: () => server.stop(),
    async start() {
      server = await boot();
    },
    async remove() {
      await server.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
