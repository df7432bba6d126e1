// The SSRF guard: non-public destinations are refused before any byte is sent, for literal IPs
// and after DNS resolution, unless the connection allows private networks.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type dns from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient } from "@/server/integrations/http/client";
import { isPrivateAddress } from "@/server/integrations/http/ssrf";

let server: http.Server;
let port = 0;
let hits = 0;
beforeAll(async () => {
  server = http.createServer((_req, res) => (hits++, res.end("ok")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

/** A resolver that answers `address` for every name (what a hostile DNS record would do). */
const resolvingTo = (address: string, family = 4) =>
  ((_host: string, _opts: unknown, cb: (err: null, addresses: dns.LookupAddress[]) => void) => cb(null, [{ address, family }])) as unknown as typeof dns.lookup;

describe("isPrivateAddress", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1"])(
    "%s is not public",
    (ip) => expect(isPrivateAddress(ip)).toBe(true),
  );
  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("%s is public", (ip) => expect(isPrivateAddress(ip)).toBe(false));
});

describe("SSRF guard in the HTTP client", () => {
  it("refuses a loopback IP in the URL without connecting", async () => {
    const before = hits;
    const client = createHttpClient({ baseUrl: `http://127.0.0.1:${port}` });
    await expect(client.get("/")).rejects.toMatchObject({ name: "SsrfError", message: expect.stringMatching(/refused to connect to 127\.0\.0\.1/) });
    expect(hits).toBe(before);
  });

  it("refuses the cloud metadata address and IPv6 loopback", async () => {
    await expect(createHttpClient({ baseUrl: "http://169.254.169.254" }).get("/latest/meta-data")).rejects.toMatchObject({ name: "SsrfError" });
    await expect(createHttpClient({ baseUrl: `http://[::1]:${port}` }).get("/")).rejects.toMatchObject({ name: "SsrfError" });
  });

  it("refuses a name that resolves to loopback (checked after DNS resolution)", async () => {
    const before = hits;
    await expect(createHttpClient({ baseUrl: `http://localhost:${port}`, retries: 0 }).get("/")).rejects.toMatchObject({ name: "SsrfError", message: expect.stringMatching(/localhost \((127\.0\.0\.1|::1)\)/) });
    expect(hits).toBe(before);
  });

  it("refuses a public-looking name whose DNS answer is private", async () => {
    const client = createHttpClient({ baseUrl: `http://api.vendor.example:${port}`, lookup: resolvingTo("10.0.0.7"), retries: 0 });
    await expect(client.get("/")).rejects.toThrow(/api\.vendor\.example \(10\.0\.0\.7\)/);
  });

  it("lets a connection that allows private networks resolve a name to a private address", async () => {
    const client = createHttpClient({ baseUrl: `http://intranet.example:${port}`, allowPrivateNetwork: true, lookup: resolvingTo("127.0.0.1") });
    await expect(client.get("/")).resolves.toMatchObject({ status: 200 });
  });

  it("lets a connection that allows private networks reach loopback", async () => {
    await expect(createHttpClient({ baseUrl: `http://127.0.0.1:${port}`, allowPrivateNetwork: true }).get("/")).resolves.toMatchObject({ status: 200, body: "ok" });
  });

  it("refuses other schemes", async () => {
    await expect(createHttpClient({ baseUrl: "file:///etc/" }).get("passwd")).rejects.toThrow(/only http\(s\) URLs/);
  });
});
