// Runs one command on a remote host over SSH (ssh2): key authentication only, the host key pinned
// (an unknown or changed key is refused before any credential is sent), input on stdin so no user
// data ever becomes part of the command line, and a hard time limit on the whole exchange.
import { createHash } from "node:crypto";
import { Client } from "ssh2";
import { z } from "zod";
import { IntegrationError } from "../errors";

/** "ssh-ed25519 AAAA..." (as in known_hosts / the host's .pub file) or "SHA256:<base64>" as ssh-keygen -lf prints. */
export const hostKeyPinSchema = z
  .string()
  .trim()
  .refine((v) => /^SHA256:[A-Za-z0-9+/]{43}=?$/.test(v) || /^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|ssh-rsa) [A-Za-z0-9+/]+={0,2}( .*)?$/.test(v), {
    message: 'must be the host\'s public key ("ssh-ed25519 AAAA...") or its fingerprint ("SHA256:...")',
  });

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  passphrase?: string;
  /** Pinned host key or fingerprint (hostKeyPinSchema). */
  hostKey: string;
  /** Limit for connect + command, ms. (Default: 20000) */
  timeoutMs?: number;
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** True when the server's key blob matches the pin. */
export function hostKeyMatches(pin: string, key: Buffer): boolean {
  const trimmed = pin.trim();
  if (trimmed.startsWith("SHA256:")) {
    const fingerprint = createHash("sha256").update(key).digest("base64").replace(/=+$/, "");
    return fingerprint === trimmed.slice(7).replace(/=+$/, "");
  }
  const blob = trimmed.split(/\s+/)[1];
  return blob !== undefined && Buffer.from(blob, "base64").equals(key);
}

/** Executes `command` with `stdin`; resolves with the exit code and output (never throws on exit != 0). */
export function sshExec(target: SshTarget, command: string, stdin = ""): Promise<ExecResult> {
  const timeoutMs = target.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const conn = new Client();
    let hostKeyRefused = false;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.end();
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new IntegrationError(`SSH to ${target.host}:${target.port} did not finish within ${timeoutMs} ms`, { code: "unavailable" }))),
      timeoutMs,
    );
    conn.on("ready", () => {
      conn.exec(command, (err, stream) => {
        if (err) return finish(() => reject(new IntegrationError(`SSH exec on ${target.host} failed: ${err.message}`, { code: "unavailable" }, { cause: err })));
        let stdout = "";
        let stderr = "";
        let code: number | null = null;
        stream.on("data", (d: Buffer) => (stdout += d.toString()));
        stream.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        stream.on("exit", (c: number | null) => (code = c));
        stream.on("close", () => finish(() => resolve({ code, stdout, stderr })));
        stream.end(stdin);
      });
    });
    conn.on("error", (err) =>
      finish(() =>
        reject(
          hostKeyRefused
            ? new IntegrationError(`SSH host key of ${target.host}:${target.port} does not match the pinned key; if the host was reinstalled, update the connection's host key`, { code: "forbidden" })
            : /authentication/i.test(err.message)
              ? new IntegrationError(`SSH key authentication as "${target.username}" on ${target.host} was refused: check the connection's user and private key`, { code: "forbidden" })
              : new IntegrationError(`SSH to ${target.host}:${target.port} failed: ${err.message}`, { code: "unavailable" }, { cause: err }),
        ),
      ),
    );
    try {
      conn.connect({
        host: target.host,
        port: target.port,
        username: target.username,
        privateKey: target.privateKey,
        passphrase: target.passphrase,
        readyTimeout: timeoutMs,
        tryKeyboard: false,
        hostVerifier: (key: Buffer) => {
          const ok = hostKeyMatches(target.hostKey, key);
          hostKeyRefused = !ok;
          return ok;
        },
      });
    } catch (e) {
      // ssh2 throws synchronously on an unparsable private key.
      finish(() => reject(new IntegrationError(`the connection's SSH private key cannot be used: ${(e as Error).message}`, { code: "rejected" })));
    }
  });
}
