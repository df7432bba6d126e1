// FortiGate (FortiOS REST API, cmdb): a block is an address object named after the target, put
// into an address group that a deny policy references. Groups have a member limit (600 on many
// models, see the FortiOS "Maximum Values Table"); a full group is refused before anything is
// created. FortiGate has no native expiry: the ledger's expiry job removes the block. Domains are
// FQDN address objects ({"type":"fqdn","fqdn":...}, resolved by the FortiGate's DNS) in the same
// kind of IPv4 address group, so the same deny policy drops traffic to whatever the name resolves to.
// Docs: FortiOS REST API reference (FNDN) for cmdb/firewall/address, address6, addrgrp, addrgrp6;
//       https://docs.fortinet.com/document/fortigate/7.4.0/administration-guide/940602/using-apis
import { IntegrationError } from "../errors";
import { createHash } from "node:crypto";
import { HttpError, type HttpClient } from "../http/client";
import { ipv4Netmask, type IpTarget } from "../network/ip-target";

export interface FortigateClientOptions {
  http: HttpClient;
  vdom: string;
  /** Address group for IPv4 blocks. */
  group: string;
  /** Address group for IPv6 blocks (addrgrp6); IPv6 targets are refused without it. */
  group6?: string;
  /** Address group for domain (FQDN) blocks. (Default: group) */
  domainGroup?: string;
  /** Most members the group may hold. (Default: 600) */
  maxGroupMembers: number;
}

export interface FortigateBlock {
  /** The address object's name (the inverse removes exactly this). */
  name: string;
  group: string;
  family: 4 | 6;
  /** False when the object already existed and was already in the group. */
  created: boolean;
}

interface FortiResponse {
  status?: string;
  http_status?: number;
  error?: number;
  results?: Array<{ name?: string; member?: Array<{ name: string }> }>;
}

/** FortiOS object names: at most 79 characters, no spaces; the IP makes the name unique. */
export function addressName(target: IpTarget): string {
  return `vigil_${target.value.replace(/[:/]/g, (c) => (c === "/" ? "_" : "-"))}`.slice(0, 79);
}

/**
 * The FQDN object's name: "vigil_<domain>" when it fits in 79 characters, else the domain cut and a
 * hash of the whole name, so two long domains never share (and unblock) one object.
 */
export function domainAddressName(domain: string): string {
  const full = `vigil_${domain}`;
  if (full.length <= 79) return full;
  const hash = createHash("sha256").update(domain).digest("hex").slice(0, 10);
  return `${full.slice(0, 79 - hash.length - 1)}_${hash}`;
}

export class FortigateClient {
  constructor(private readonly options: FortigateClientOptions) {}

  async block(target: IpTarget, comment: string): Promise<FortigateBlock> {
    const family = target.version;
    const name = addressName(target);
    const body = family === 4 ? { name, type: "ipmask", subnet: `${target.address} ${ipv4Netmask(target.prefix)}`, comment: comment.slice(0, 255) } : { name, ip6: `${target.address}/${target.prefix}`, comment: comment.slice(0, 255) };
    return this.addToGroup(family, this.groupName(family), body);
  }

  /** Blocks a canonical domain (see domain-target.ts) as an FQDN address object in the domain group. */
  async blockDomain(domain: string, comment: string): Promise<FortigateBlock> {
    const name = domainAddressName(domain);
    return this.addToGroup(4, this.domainGroupName(), { name, type: "fqdn", fqdn: domain, comment: comment.slice(0, 255) });
  }

  /** The group domain blocks go into: domainGroup, else the IPv4 group. */
  domainGroupName(): string {
    return this.options.domainGroup ?? this.options.group;
  }

  /** Creates the address object (unless it exists) and adds it to the group, refusing a full group first. */
  private async addToGroup(family: 4 | 6, group: string, body: { name: string } & Record<string, unknown>): Promise<FortigateBlock> {
    const { name } = body;
    const members = await this.members(family, group);
    if (members.includes(name)) return { name, group, family, created: false };
    if (members.length >= this.options.maxGroupMembers)
      throw new IntegrationError(`FortiGate address group "${group}" is full (${members.length} of ${this.options.maxGroupMembers} members); unblock something or use a second group`, { code: "group_full" });
    // Look before creating: FortiOS answers a duplicate with HTTP 500, which HTTP clients retry.
    const table = family === 4 ? "address" : "address6";
    const exists = await this.exists(`/api/v2/cmdb/firewall/${table}/${encodeURIComponent(name)}`);
    if (!exists) await this.call("POST", `/api/v2/cmdb/firewall/${table}`, body, [-5]);
    await this.call("POST", `/api/v2/cmdb/firewall/${family === 4 ? "addrgrp" : "addrgrp6"}/${encodeURIComponent(group)}/member`, { name }, [-5]);
    return { name, group, family, created: true };
  }

  /** Takes the object out of the group and deletes it; what is already gone counts as done. */
  async unblock(block: { name: string; group: string; family: 4 | 6 }): Promise<void> {
    const suffix = block.family === 4 ? "" : "6";
    await this.call("DELETE", `/api/v2/cmdb/firewall/addrgrp${suffix}/${encodeURIComponent(block.group)}/member/${encodeURIComponent(block.name)}`, undefined, [-3]);
    await this.call("DELETE", `/api/v2/cmdb/firewall/address${suffix}/${encodeURIComponent(block.name)}`, undefined, [-3]);
  }

  /** Names of the group's members. */
  async members(family: 4 | 6, group: string): Promise<string[]> {
    const res = (await this.get(`/api/v2/cmdb/firewall/${family === 4 ? "addrgrp" : "addrgrp6"}/${encodeURIComponent(group)}`)) as FortiResponse;
    return (res.results?.[0]?.member ?? []).map((m) => m.name);
  }

  /** The block group for a family; IPv6 needs group6 configured. */
  groupName(family: 4 | 6): string {
    if (family === 4) return this.options.group;
    if (!this.options.group6) throw new IntegrationError("the FortiGate connection has no IPv6 address group (group6) configured, so IPv6 targets cannot be blocked", { code: "no_group6" });
    return this.options.group6;
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await this.options.http.get(path, { query: { vdom: this.options.vdom } });
      return true;
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) return false;
      throw this.failure(e, "GET", path);
    }
  }

  private async get(path: string): Promise<unknown> {
    try {
      return (await this.options.http.get(path, { query: { vdom: this.options.vdom } })).body;
    } catch (e) {
      throw this.failure(e, "GET", path);
    }
  }

  /** Sends a change; returns the FortiOS error number when it is one of `tolerated`, else 0. */
  private async call(method: "POST" | "DELETE", path: string, json: unknown, tolerated: number[]): Promise<number> {
    try {
      await this.options.http.request({ method, path, query: { vdom: this.options.vdom }, json });
      return 0;
    } catch (e) {
      const code = e instanceof HttpError ? (e.body as FortiResponse | undefined)?.error : undefined;
      if (code !== undefined && tolerated.includes(code)) return code;
      throw this.failure(e, method, path);
    }
  }

  private failure(e: unknown, method: string, path: string): Error {
    if (!(e instanceof HttpError)) return e as Error;
    if (e.status === 401) return new IntegrationError("FortiGate refused the API token (401): check the connection's token and its trusted hosts", { status: 401 });
    if (e.status === 403) return new IntegrationError("FortiGate denied the request (403): the API user's admin profile needs read-write on firewall addresses", { status: 403 });
    const code = (e.body as FortiResponse | undefined)?.error;
    const meaning: Record<number, string> = { [-3]: "entry not found", [-4]: "maximum number of entries reached", [-5]: "duplicate entry", [-23]: "entry is in use" };
    const why = code !== undefined ? ` (FortiOS error ${code}${meaning[code] ? `: ${meaning[code]}` : ""})` : "";
    return new IntegrationError(`FortiGate ${method} ${path} failed with HTTP ${e.status}${why}`, { status: e.status, code: code?.toString() });
  }
}
