// Builds the nft scripts Vigil sends (over SSH, on stdin to `nft -f -`, so each is one atomic
// transaction) and parses `nft -j` listings. Vigil owns one dedicated table; the host's other
// tables are never named. Elements come only from parsed IpTargets, and names only from
// validated config, so nothing a playbook passes can change the script's structure.
// nft syntax: https://wiki.nftables.org/wiki-nftables/index.php/Sets (timeouts, interval flag).
import { z } from "zod";
import type { IpTarget } from "../network/ip-target";

export const nftNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, "must be a letter followed by up to 31 letters, digits or _");

export interface NftLayout {
  /** Vigil's own table (family inet, so one table covers IPv4 and IPv6). */
  table: string;
  /** Base name of the sets: <set>_ip4, <set>_ip6 (addresses), <set>_net4, <set>_net6 (ranges). */
  set: string;
  /** Add input/forward/output chains that drop traffic from/to the sets. */
  dropChains: boolean;
}

export interface NftElement {
  /** "198.51.100.7" or "203.0.113.0/24". */
  value: string;
  set: string;
  /** Seconds the element was added for; absent when it never expires. */
  timeoutSeconds?: number;
  /** Seconds left. */
  expiresSeconds?: number;
}

// Addresses and ranges live in separate sets: an interval set refuses an address that overlaps a
// range already in it, and blocking one attacker inside an already-blocked range must still work.
export function setFor(layout: NftLayout, target: IpTarget): string {
  return `${layout.set}_${target.isRange ? "net" : "ip"}${target.version}`;
}

function allSets(layout: NftLayout): Array<{ name: string; type: string; flags: string }> {
  return [
    { name: `${layout.set}_ip4`, type: "ipv4_addr", flags: "timeout" },
    { name: `${layout.set}_ip6`, type: "ipv6_addr", flags: "timeout" },
    { name: `${layout.set}_net4`, type: "ipv4_addr", flags: "interval, timeout" },
    { name: `${layout.set}_net6`, type: "ipv6_addr", flags: "interval, timeout" },
  ];
}

function element(target: IpTarget): string {
  // Defence in depth: the IpTarget parser already guarantees this shape.
  if (!/^[0-9a-f:.]+(\/[0-9]{1,3})?$/.test(target.value)) throw new Error(`refusing to build an nft element from "${target.value}"`);
  return target.value;
}

function chainRules(layout: NftLayout): string[] {
  if (!layout.dropChains) return [];
  const t = `inet ${layout.table}`;
  const lines: string[] = [];
  const hooks = [
    { chain: "input", match: ["saddr"] },
    { chain: "forward", match: ["saddr", "daddr"] },
    { chain: "output", match: ["daddr"] },
  ];
  for (const { chain, match } of hooks) {
    lines.push(`add chain ${t} ${chain} { type filter hook ${chain} priority filter - 10; policy accept; }`, `flush chain ${t} ${chain}`);
    for (const dir of match)
      for (const s of allSets(layout)) lines.push(`add rule ${t} ${chain} ${s.type === "ipv4_addr" ? "ip" : "ip6"} ${dir} @${s.name} drop`);
  }
  return lines;
}

/** Creates the table, the sets and (optionally) the drop chains; idempotent. */
export function setupScript(layout: NftLayout): string {
  const t = `inet ${layout.table}`;
  const sets = allSets(layout).map((s) => `add set ${t} ${s.name} { type ${s.type}; flags ${s.flags}; }`);
  return [`add table ${t}`, ...sets, ...chainRules(layout), ""].join("\n");
}

/** Adds (or re-times) an element: add + delete + add in one transaction resets an existing timeout. */
export function blockScript(layout: NftLayout, target: IpTarget, timeoutSeconds: number): string {
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) throw new Error("timeout must be a whole number of seconds >= 1");
  const where = `inet ${layout.table} ${setFor(layout, target)}`;
  const e = element(target);
  return setupScript(layout) + [`add element ${where} { ${e} }`, `delete element ${where} { ${e} }`, `add element ${where} { ${e} timeout ${timeoutSeconds}s }`, ""].join("\n");
}

/** Removes an element; succeeds when it is already gone (expired or removed by hand). */
export function unblockScript(layout: NftLayout, target: IpTarget): string {
  const where = `inet ${layout.table} ${setFor(layout, target)}`;
  const e = element(target);
  const sets = allSets(layout).map((s) => `add set inet ${layout.table} ${s.name} { type ${s.type}; flags ${s.flags}; }`);
  return [`add table inet ${layout.table}`, ...sets, `add element ${where} { ${e} }`, `delete element ${where} { ${e} }`, ""].join("\n");
}

const prefixSchema = z.object({ prefix: z.object({ addr: z.string(), len: z.number() }) });
const valSchema = z.union([z.string(), prefixSchema]);
const elemSchema = z.union([valSchema, z.object({ elem: z.object({ val: valSchema, timeout: z.number().optional(), expires: z.number().optional() }) })]);
const listingSchema = z.object({
  nftables: z.array(z.object({ set: z.object({ name: z.string(), elem: z.array(elemSchema).optional() }).optional() }).passthrough()),
});

function valueOf(val: z.infer<typeof valSchema>): string {
  return typeof val === "string" ? val : `${val.prefix.addr}/${val.prefix.len}`;
}

/** Elements of Vigil's sets from `nft -j list table inet <table>`. Timed and plain elements have different shapes. */
export function parseListing(json: string, layout: NftLayout): NftElement[] {
  const ours = new Set(allSets(layout).map((s) => s.name));
  const out: NftElement[] = [];
  for (const item of listingSchema.parse(JSON.parse(json)).nftables) {
    if (!item.set || !ours.has(item.set.name)) continue;
    for (const e of item.set.elem ?? []) {
      if (typeof e === "object" && "elem" in e)
        out.push({ value: valueOf(e.elem.val), set: item.set.name, timeoutSeconds: e.elem.timeout, expiresSeconds: e.elem.expires });
      else out.push({ value: valueOf(e), set: item.set.name });
    }
  }
  return out;
}
