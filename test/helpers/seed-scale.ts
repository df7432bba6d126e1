// Bulk seed of N cases with M alerts each (test/fixtures/cases/seed-scale.sql: generate_series,
// one transaction, FK triggers off, alert indexes rebuilt after the load). 100k cases / 1M alerts
// take ~30 s on 2 cores. Used by the index test and reusable by benchmarks.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../src/server/db/client";

export async function seedScale(db: Db, options: { cases: number; alertsPerCase: number }): Promise<void> {
  const template = fs.readFileSync(path.resolve("test/fixtures/cases/seed-scale.sql"), "utf8");
  const script = template.replace(/:alerts_per_case\b/g, String(Math.trunc(options.alertsPerCase))).replace(/:cases\b/g, String(Math.trunc(options.cases)));
  const client = await db.$client.connect();
  try {
    await client.query("begin");
    await client.query(script);
    await client.query("commit");
    await client.query("analyze");
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
