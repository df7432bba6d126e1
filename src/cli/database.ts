// Which Postgres the CLI uses: DATABASE_URL when set, else the embedded server in VIGIL_DATA_DIR.
import { dataDir, env } from "../server/env";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

export interface ResolvedDatabase {
  url: string;
  embedded?: EmbeddedPostgres;
}

export async function resolveDatabase(log: (m: string) => void = (m) => console.log(m)): Promise<ResolvedDatabase> {
  const url = env().DATABASE_URL;
  if (url) return { url };
  const embedded = await startEmbeddedPostgres({ stateDir: dataDir(), port: env().VIGIL_EMBEDDED_PG_PORT, log });
  process.env.DATABASE_URL = embedded.url;
  return { url: embedded.url, embedded };
}
