// `vigil web` (npm run web): the web app alone (next start), for running several replicas.
import { env, projectRoot } from "../../server/env";
import { buildIsStale, buildWebApp } from "../build";
import { resolveDatabase } from "../database";
import { spawnWeb } from "./start";

export async function webCommand(): Promise<void> {
  const { url, embedded } = await resolveDatabase();
  if (buildIsStale(projectRoot())) buildWebApp(projectRoot());
  const web = spawnWeb(url);
  console.log(`vigil: web on http://localhost:${env().PORT}`);
  const forward = (signal: NodeJS.Signals) => web.pid && web.exitCode === null && process.kill(web.pid, signal);
  process.on("SIGINT", () => forward("SIGTERM"));
  process.on("SIGTERM", () => forward("SIGTERM"));
  web.once("exit", async (code) => {
    await embedded?.stop();
    process.exit(code ?? 0);
  });
}
