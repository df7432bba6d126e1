// The Postgres server tests run against: DATABASE_URL when set, else an embedded server in
// .vigil/test (started once, reused by later runs while it is up).
import path from "node:path";
import { startEmbeddedPostgres } from "../../src/cli/embedded-postgres";

export const TEST_EMBEDDED_PORT = Number(process.env.VIGIL_TEST_PG_PORT ?? 54330);

/** A URL to some database on the test server, usable for CREATE/DROP DATABASE. */
export async function testServerUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const embedded = await startEmbeddedPostgres({ stateDir: path.resolve(".vigil/test"), port: TEST_EMBEDDED_PORT, database: "postgres" });
  process.env.DATABASE_URL = embedded.url;
  return embedded.url;
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
