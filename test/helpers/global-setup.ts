// Vitest global setup: make sure the test Postgres is up and the template is built, once.
import { ensureTemplate } from "./db";
import { testServerUrl } from "./postgres";

export default async function setup() {
  process.env.DATABASE_URL = await testServerUrl();
  await ensureTemplate();
}
