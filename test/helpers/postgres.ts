// The Postgres server tests run against: DATABASE_URL when set, else an embedded server in
// .vigil/test (started once, reused by later runs while it is up). Its port is remembered in
// .vigil/test/port; when another server holds that port, a free one is chosen and remembered.
import fs from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { startEmbeddedPostgres } from "../../src/cli/embedded-postgres";

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
