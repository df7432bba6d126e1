// Stops the embedded test Postgres that the test helpers start when DATABASE_URL is unset.
import fs from "node:fs";
import path from "node:path";

async function stop(): Promise<void> {
  const pidFile = path.resolve(".vigil/test/pg/postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, "SIGINT");
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      try {
        process.kill(pid, 0);
      } catch {
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch {
    /* already stopped */
  }
}

if (process.argv[2] === "stop") void stop();
