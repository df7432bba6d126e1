import { startFirewallHost } from "./firewall-host";
async function main() {
  const t0 = Date.now();
  const fw = await startFirewallHost();
  console.log("up", Date.now() - t0, fw.netns, fw.host, fw.hostPublicKey.slice(0, 30));
  const { execFileSync } = await import("node:child_process");
  const nftf = (script: string) => { try { return execFileSync("ip", ["netns", "exec", fw.netns, "nft", "-f", "-"], { input: script }).toString(); } catch (e) { return "ERR " + (e as { stderr: Buffer }).stderr.toString(); } };
  console.log(nftf(`add table inet vigil
add set inet vigil blocklist4 { type ipv4_addr; flags interval, timeout; }
add set inet vigil blocklist6 { type ipv6_addr; flags interval, timeout; }
add chain inet vigil input { type filter hook input priority filter - 10; policy accept; }
flush chain inet vigil input
add rule inet vigil input ip saddr @blocklist4 drop
add rule inet vigil input ip6 saddr @blocklist6 drop
`));
  console.log("add", nftf(`add element inet vigil blocklist4 { 198.51.100.9 }\ndelete element inet vigil blocklist4 { 198.51.100.9 }\nadd element inet vigil blocklist4 { 198.51.100.9 timeout 3600s }\n`));
  console.log("re-add shorter", nftf(`add element inet vigil blocklist4 { 198.51.100.9 }\ndelete element inet vigil blocklist4 { 198.51.100.9 }\nadd element inet vigil blocklist4 { 198.51.100.9 timeout 120s }\n`));
  console.log("range", nftf(`add element inet vigil blocklist4 { 203.0.113.0/24 }\ndelete element inet vigil blocklist4 { 203.0.113.0/24 }\nadd element inet vigil blocklist4 { 203.0.113.0/24 timeout 3s }\n`));
  console.log("overlap", nftf(`add element inet vigil blocklist4 { 203.0.113.5 timeout 60s }\n`));
  console.log("v6", nftf(`add element inet vigil blocklist6 { 2001:db8::/48 timeout 60s }\n`));
  console.log(execFileSync("ip", ["netns", "exec", fw.netns, "nft", "-j", "list", "set", "inet", "vigil", "blocklist4"]).toString());
  console.log(execFileSync("ip", ["netns", "exec", fw.netns, "nft", "-j", "list", "set", "inet", "vigil", "blocklist6"]).toString());
  console.log("del missing", nftf(`delete element inet vigil blocklist4 { 198.51.100.77 }\n`));
  console.log("del-idem", nftf(`add element inet vigil blocklist4 { 198.51.100.77 }\ndelete element inet vigil blocklist4 { 198.51.100.77 }\n`));
  await new Promise((r) => setTimeout(r, 3500));
  console.log("after 3.5s", execFileSync("ip", ["netns", "exec", fw.netns, "nft", "list", "set", "inet", "vigil", "blocklist4"]).toString());
  console.log("host ruleset lines", execFileSync("nft", ["list", "ruleset"]).toString().split("\n").length);
  await fw.stop();
  console.log("ns left", execFileSync("ip", ["netns", "list"]).toString());
}
main();
