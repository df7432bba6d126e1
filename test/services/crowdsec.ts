// A throwaway CrowdSec Local API (Debian package `crowdsec`, LAPI only: -no-cs -no-capi) for
// integration tests: its own config, sqlite db and logs in a mkdtemp dir, on a free 127.0.0.1 port.
// A machine (watcher) account and a bouncer key are created with cscli before start-up: watchers
// add and delete decisions, bouncers read them (that is how the tests verify a ban independently).
// Adapted from /work/shared/notes/test-services/crowdsec-up.sh (verified recipe and traps).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../helpers/app-server";

const run = promisify(execFile);

export interface CrowdsecService {
  url: string;
  machineId: string;
  password: string;
  bouncerKey: string;
  /** Active decisions for an IP, as a bouncer sees them (null body = none, mapped to []). */
  bouncerDecisions(ip: string): Promise<Array<{ id: number; value: string; type: string; duration: string; scope: string }>>;
  stop(): Promise<void>;
}

function config(dir: string, port: number): string {
  return `common:
  daemonize: false
  log_media: file
  log_level: info
  log_dir: ${dir}/log/
  working_dir: ${dir}/
config_paths:
  config_dir: ${dir}/
  data_dir: ${dir}/data/
  simulation_path: ${dir}/simulation.yaml
  hub_dir: /var/lib/crowdsec/hub/
  index_path: /var/lib/crowdsec/hub/.index.json
  notification_dir: ${dir}/notifications/
  plugin_dir: /usr/lib/crowdsec/plugins/
crowdsec_service:
  acquisition_path: ${dir}/acquis.yaml
  parser_routines: 1
cscli:
  output: human
  color: no
db_config:
  log_level: info
  type: sqlite
  db_path: ${dir}/data/crowdsec.db
  use_wal: true
plugin_config:
  user: nobody
  group: nogroup
api:
  client:
    insecure_skip_verify: false
    credentials_path: ${dir}/local_api_credentials.yaml
  server:
    log_level: info
    listen_uri: 127.0.0.1:${port}
    profiles_path: ${dir}/profiles.yaml
    console_path: ${dir}/console.yaml
    trusted_ips: [127.0.0.1, "::1"]
prometheus:
  enabled: false
  level: full
  listen_addr: 127.0.0.1
  listen_port: 6060
`;
}

async function waitForLapi(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    // No /health in 1.4: an unauthenticated GET answers 403 once LAPI is serving.
    const status = await fetch(`${url}/v1/decisions`).then((r) => r.status, () => 0);
    if (status === 403) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  const log = await fs.readFile(logFile, "utf8").catch(() => "");
  throw new Error(`CrowdSec LAPI did not come up on ${url} (exit ${child.exitCode}):\n${log.slice(-2000)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const killed = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000))]);
  if (!killed) child.kill("SIGKILL");
}

export async function startCrowdsec(): Promise<CrowdsecService> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "vigil-crowdsec-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const machineId = `vigil-test-${randomBytes(3).toString("hex")}`;
  const password = randomBytes(18).toString("base64url");
  const bouncerKey = randomBytes(18).toString("hex");
  await Promise.all(["data", "log", "notifications"].map((d) => fs.mkdir(path.join(dir, d))));
  await fs.writeFile(path.join(dir, "config.yaml"), config(dir, port));
  await fs.copyFile("/etc/crowdsec/profiles.yaml", path.join(dir, "profiles.yaml"));
  await fs.writeFile(path.join(dir, "simulation.yaml"), "simulation: off\n");
  await fs.writeFile(path.join(dir, "acquis.yaml"), "");
  const cscli = (...args: string[]) => run("cscli", ["-c", path.join(dir, "config.yaml"), ...args], { cwd: dir, timeout: 30_000 });
  await cscli("machines", "add", machineId, "--password", password, "--force", "-f", path.join(dir, "local_api_credentials.yaml"), "-u", `${url}/`, "--error");
  await cscli("bouncers", "add", "vigil-test-bouncer", "--key", bouncerKey, "-o", "raw", "--error");

  const logFile = path.join(dir, "log", "stdout.log");
  const out = await fs.open(logFile, "w");
  // cwd is the temp dir's parent: crowdsec fails when its working directory disappears under it.
  const child = spawn("crowdsec", ["-c", path.join(dir, "config.yaml"), "-no-cs", "-no-capi"], { cwd: os.tmpdir(), stdio: ["ignore", out.fd, out.fd] });
  await out.close();
  try {
    await waitForLapi(url, child, path.join(dir, "log", "crowdsec_api.log"));
  } catch (e) {
    await stopChild(child);
    await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }

  return {
    url,
    machineId,
    password,
    bouncerKey,
    async bouncerDecisions(ip) {
      const res = await fetch(`${url}/v1/decisions?ip=${encodeURIComponent(ip)}`, { headers: { "X-Api-Key": bouncerKey } });
      if (res.status !== 200) throw new Error(`bouncer GET /v1/decisions: HTTP ${res.status} ${await res.text()}`);
      return ((await res.json()) as never[] | null) ?? [];
    },
    async stop() {
      await stopChild(child);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
