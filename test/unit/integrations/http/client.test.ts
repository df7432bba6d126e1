// The outbound HTTP client against real local HTTP servers: timeouts, retries with backoff on
// 429/5xx and network errors, Retry-After, no retries on 4xx, and response parsing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient, HttpError } from "@/server/integrations/http/client";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => void;
const servers: http.Server[] = [];

/** A server answering with `handler`; returns its URL and how often it was hit. */
async function serve(handler: Handler) {
  let hits = 0;
  const server = http.createServer((req, res) => handler(req, res, ++hits));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))));
});

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

describe("outbound HTTP client", () => {
  it("parses JSON and sends JSON bodies with the configured headers", async () => {
    const srv = await serve((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => json(res, 200, { method: req.method, auth: req.headers.authorization, got: JSON.parse(body) }));
    });
    const client = createHttpClient({ baseUrl: srv.url, allowPrivateNetwork: true, headers: async () => ({ authorization: "SSWS abc" }) });
    const res = await client.post("/api/v1/x", { json: { a: 1 } });
    expect(res).toMatchObject({ status: 200, attempts: 1, body: { method: "POST", auth: "SSWS abc", got: { a: 1 } } });
  });

  it("times out a request that does not answer", async () => {
    const srv = await serve(() => undefined);
    const client = createHttpClient({ baseUrl: srv.url, allowPrivateNetwork: true, timeoutMs: 200, retries: 0 });
    await expect(client.get("/slow")).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/slow timed out after 200 ms/);
  });

  it("retries 503s with backoff until the server recovers", async () => {
    const srv = await serve((_req, res, hit) => (hit < 3 ? json(res, 503, { error: "busy" }) : json(res, 200, { ok: true })));
    const waits: number[] = [];
    const client = createHttpClient({ baseUrl: srv.url, allowPrivateNetwork: true, backoffMs: 10, onRetry: (i) => waits.push(i.waitMs) });
    const res = await client.get("/flaky");
    expect(res).toMatchObject({ status: 200, attempts: 3 });
    expect(srv.hits()).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it("waits as long as Retry-After asks on a 429", async () => {
    const srv = await serve((_req, res, hit) => (hit === 1 ? json(res, 429, { error: "slow down" }, { "retry-after": "1" }) : json(res, 200, { ok: true })));
    const retries: Array<{ waitMs: number; status?: number }> = [];
    const client = createHttpClient({ baseUrl: srv.url, allowPrivateNetwork: true, onRetry: (i) => retries.push(i) });
    await expect(client.get("/limited")).resolves.toMatchObject({ status: 200, attempts: 2 });
    expect(retries).toEqual([{ attempt: 1, waitMs: 1000, status: 429 }]);
  });

  it("gives up at once when Retry-After asks for longer than allowed", async () => {
    const srv = await serve((_req, res) => json(res, 429, { error: "later" }, { "retry-after": "3600" }));
    const client = createHttpClient({ baseUrl: srv.url, allowPrivateNetwork: true, maxRetryAfterMs: 5_000 });
    await expect(client.get("/limited")).rejects.toMatchObject({ name: "HttpError", status: 429, attempts: 1 });
    expect(srv.hits()).toBe(1);
  });

  it("does not retry a 4xx and reports the status and body", async () => {
    const srv = await serve((_req, res) => json(res, 404, { errorCode: "E0000007" }));
    const client = createHttpClient({ baseUrl: srv.url, allowPrivateNetwork: true });
    const error = await client.get("/api/v1/users/nobody?x=1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 404, body: { errorCode: "E0000007" }, attempts: 1 });
    expect(srv.hits()).toBe(1);
  });

  it("gives up after its retries and reports the last status", async () => {
    const srv = await serve((_req, res) => json(res, 502, { error: "bad gateway" }));
    const client = createHttpClient({ baseUrl: srv.url, allowPrivateNetwork: true, retries: 2, backoffMs: 5 });
    await expect(client.get("/down")).rejects.toMatchObject({ status: 502, attempts: 3 });
    expect(srv.hits()).toBe(3);
  });

  it("retries when the connection drops", async () => {
    const srv = await serve((req, res, hit) => (hit === 1 ? req.socket.destroy() : json(res, 200, { ok: true })));
    const client = createHttpClient({ baseUrl: srv.url, allowPrivateNetwork: true, backoffMs: 5 });
    await expect(client.get("/drop")).resolves.toMatchObject({ status: 200, attempts: 2 });
  });

  it("does not follow redirects", async () => {
    const srv = await serve((_req, res) => (res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }), res.end()));
    const client = createHttpClient({ baseUrl: srv.url, allowPrivateNetwork: true });
    await expect(client.get("/redirect")).resolves.toMatchObject({ status: 302 });
    expect(srv.hits()).toBe(1);
  });
});
