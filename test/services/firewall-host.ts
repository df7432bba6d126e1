// A throwaway "firewall host" for integration tests: a network namespace of its own (own empty
// nftables ruleset, so the machine's ruleset is never touched), a veth pair on a random free /30,
// and a real sshd inside the namespace with generated host and client keys. Names carry the test
// process's pid and a random suffix so parallel runs never collide; leftovers of dead runs are
// swept at start. Adapted from /work/shared/notes/test-services/fw-up.sh and fw-down.sh.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const NS_PREFIX = "vigil-fw-";

export interface FirewallHost {
  netns: string;
  /** sshd address inside the namespace, reachable from the host over the veth. */
  host: string;
  port: number;
  /** The host side of the veth (the address the SOAR connects from). */
  controllerIp: string;
  username: string;
  privateKey: string;
  /** "ssh-ed25519 AAAA..." of sshd: pin this in the connection. */
  hostPublicKey: string;
  /** Runs nft inside the namespace directly (not over SSH): the independent check. */
  nft(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function deleteNamespace(netns: string): Promise<void> {
  const { stdout } = await exec("ip", ["netns", "pids", netns]).catch(() => ({ stdout: "" }));
  for (const pid of stdout.split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      /* already gone */
    }
  }
  await exec("ip", ["netns", "del", netns]).catch(() => undefined); // also removes the veth pair
}

/** Removes namespaces left behind by test processes that died without cleaning up. */
async function sweepStale(): Promise<void> {
  const { stdout } = await exec("ip", ["netns", "list"]);
  for (const line of stdout.split("\n")) {
    const m = new RegExp(`^(${NS_PREFIX}(\\d+)-[0-9a-f]+)`).exec(line);
    if (m && !alive(Number(m[2]))) await deleteNamespace(m[1]!);
  }
}

/** A random /30 in 10.213.0.0/16 that no interface on this machine uses. */
async function freeSubnet(): Promise<{ hostIp: string; nsIp: string }> {
  const { stdout } = await exec("ip", ["-o", "-4", "addr", "show"]);
  for (let i = 0; i < 50; i++) {
    const block = randomInt(0, 16384) * 4;
    const base = `10.213.${Math.floor(block / 256)}.`;
    const hostIp = `${base}${(block % 256) + 1}`;
    const nsIp = `${base}${(block % 256) + 2}`;
    if (!stdout.includes(` ${hostIp}/`) && !stdout.includes(` ${nsIp}/`)) return { hostIp, nsIp };
  }
  throw new Error("no free /30 found in 10.213.0.0/16");
}

async function waitForSsh(host: string, port: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const banner = await new Promise<string>((resolve) => {
      const socket = net.connect({ host, port, timeout: 500 });
      socket.once("data", (d) => (socket.destroy(), resolve(d.toString())));
      socket.once("error", () => resolve(""));
      socket.once("timeout", () => (socket.destroy(), resolve("")));
    });
    if (banner.startsWith("SSH-")) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd in the namespace did not answer on ${host}:${port}:\n${(await fs.readFile(logFile, "utf8").catch(() => "")).slice(-2000)}`);
}

function sshdConfig(dir: string, nsIp: string, port: number): string {
  return [
    `Port ${port}`,
    `ListenAddress ${nsIp}`,
    `HostKey ${dir}/ssh_host_ed25519_key`,
    `PidFile ${dir}/sshd.pid`,
    `AuthorizedKeysFile ${dir}/authorized_keys`,
    "PermitRootLogin prohibit-password",
    "PubkeyAuthentication yes",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    "StrictModes no", // keys live under /tmp
    "PrintMotd no",
    "LogLevel VERBOSE",
    "",
  ].join("\n");
}

export async function startFirewallHost(): Promise<FirewallHost> {
  await sweepStale();
  const suffix = randomBytes(4).toString("hex");
  const netns = `${NS_PREFIX}${process.pid}-${suffix}`;
  const hostIf = `vh${suffix}`; // interface names: at most 15 characters
  const nsIf = `vn${suffix}`;
  const port = 2222;
  const { hostIp, nsIp } = await freeSubnet();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "vigil-fw-"));
  let sshd: ChildProcess | undefined;
  const ip = (...args: string[]) => exec("ip", args);
  try {
    await ip("netns", "add", netns);
    await ip("link", "add", hostIf, "type", "veth", "peer", "name", nsIf);
    await ip("link", "set", nsIf, "netns", netns);
    await ip("addr", "add", `${hostIp}/30`, "dev", hostIf);
    await ip("link", "set", hostIf, "up");
    await ip("-n", netns, "addr", "add", `${nsIp}/30`, "dev", nsIf);
    await ip("-n", netns, "link", "set", nsIf, "up");
    await ip("-n", netns, "link", "set", "lo", "up");

    await exec("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "fw-hostkey", "-f", `${dir}/ssh_host_ed25519_key`]);
    await exec("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "vigil-test", "-f", `${dir}/id_ed25519`]);
    await fs.copyFile(`${dir}/id_ed25519.pub`, `${dir}/authorized_keys`);
    await fs.writeFile(`${dir}/sshd_config`, sshdConfig(dir, nsIp, port));
    await fs.mkdir("/run/sshd", { recursive: true }); // privilege-separation dir sshd insists on
    // -D: stay in the foreground so this process owns sshd's pid (ip netns exec exec's it).
    sshd = spawn("ip", ["netns", "exec", netns, "/usr/sbin/sshd", "-D", "-f", `${dir}/sshd_config`, "-E", `${dir}/sshd.log`], { stdio: "ignore" });
    await waitForSsh(nsIp, port, sshd, `${dir}/sshd.log`);
  } catch (e) {
    sshd?.kill("SIGKILL");
    await deleteNamespace(netns);
    await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }

  const hostPublicKey = (await fs.readFile(`${dir}/ssh_host_ed25519_key.pub`, "utf8")).split(" ").slice(0, 2).join(" ");
  const privateKey = await fs.readFile(`${dir}/id_ed25519`, "utf8");
  return {
    netns,
    host: nsIp,
    port,
    controllerIp: hostIp,
    username: "root",
    privateKey,
    hostPublicKey,
    async nft(...args) {
      return (await exec("ip", ["netns", "exec", netns, "nft", ...args])).stdout;
    },
    async stop() {
      if (sshd && sshd.exitCode === null) {
        const exited = new Promise((r) => sshd!.once("exit", r));
        sshd.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      }
      await deleteNamespace(netns);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
