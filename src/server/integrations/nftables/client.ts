// nftables over SSH: block/unblock/list elements of Vigil's timed sets on a remote Linux firewall.
// The remote command line is a constant (`nft -f -` or `nft -j list table ...`, optionally with
// `sudo -n`); everything variable travels on stdin as an nft script built by ruleset.ts.
import { IntegrationError } from "../errors";
import type { IpTarget } from "../network/ip-target";
import { sshExec, type ExecResult, type SshTarget } from "../ssh/exec";
import { blockScript, parseListing, setupScript, unblockScript, type NftElement, type NftLayout } from "./ruleset";

export interface NftablesClientOptions {
  ssh: SshTarget;
  layout: NftLayout;
  /** Prefix commands with `sudo -n` (for a non-root user allowed to run nft). */
  sudo: boolean;
}

export class NftablesClient {
  constructor(private readonly options: NftablesClientOptions) {}

  /** Creates Vigil's table, sets and drop chains (idempotent). */
  async ensureSetup(): Promise<void> {
    await this.apply(setupScript(this.options.layout), "set up the Vigil table");
  }

  /** Blocks a target for `timeoutSeconds`; nft removes the element by itself when it expires. */
  async block(target: IpTarget, timeoutSeconds: number): Promise<void> {
    await this.apply(blockScript(this.options.layout, target, timeoutSeconds), `block ${target.value}`);
  }

  /** Unblocks a target; succeeds when it is not (or no longer) blocked. */
  async unblock(target: IpTarget): Promise<void> {
    await this.apply(unblockScript(this.options.layout, target), `unblock ${target.value}`);
  }

  /** Everything in Vigil's sets, with the seconds left. Empty when the table does not exist yet. */
  async list(): Promise<NftElement[]> {
    const result = await sshExec(this.options.ssh, `${this.nft()} -j list table inet ${this.options.layout.table}`);
    if (result.code !== 0) {
      if (/No such file or directory/.test(result.stderr)) return [];
      throw this.failure(result, "list the Vigil table");
    }
    return parseListing(result.stdout, this.options.layout);
  }

  private nft(): string {
    return this.options.sudo ? "sudo -n nft" : "nft";
  }

  private async apply(script: string, what: string): Promise<void> {
    const result = await sshExec(this.options.ssh, `${this.nft()} -f -`, script);
    if (result.code !== 0) throw this.failure(result, what);
  }

  private failure(result: ExecResult, what: string): IntegrationError {
    const detail = result.stderr.trim().split("\n").slice(0, 3).join(" | ").slice(0, 400);
    if (/interval overlaps/.test(result.stderr))
      return new IntegrationError(`nft could not ${what} on ${this.options.ssh.host}: it overlaps a range that is already blocked (${detail})`, { code: "conflict" });
    if (/Operation not permitted|a password is required|command not found/.test(result.stderr))
      return new IntegrationError(`nft could not ${what} on ${this.options.ssh.host}: the SSH user "${this.options.ssh.username}" may not run nft (${detail}); use root or enable sudo for nft`, { code: "forbidden" });
    return new IntegrationError(`nft could not ${what} on ${this.options.ssh.host} (exit ${result.code}): ${detail}`, { code: "unavailable" });
  }
}
