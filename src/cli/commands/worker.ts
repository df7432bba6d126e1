// `vigil worker` (npm run worker): the graphile-worker runner alone; run as many as you like.
import { runWorkerProcess } from "../../worker/main";
import { resolveDatabase } from "../database";

export async function workerCommand(): Promise<void> {
  const { url, embedded } = await resolveDatabase();
  await runWorkerProcess(url, async () => embedded?.stop());
}
