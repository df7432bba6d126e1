// A tiny HTTP server for vendor fakes: routes by method and path pattern, parses JSON/form bodies,
// logs every request (method, path, body; never the Authorization value), and can be told to
// answer the next N requests with a throttling response. Bodies are sent as JSON, except a string
// body with a non-JSON content-type (XML, plain-text error codes), which is sent as it is.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}
export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
export type Route = [method: string, pattern: string, handler: (req: FakeRequest) => FakeResponse];

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse => ({ status, body, headers: { "content-type": "application/json", ...headers } });
export const text = (status: number, body: string, contentType = "text/plain"): FakeResponse => ({ status, body, headers: { "content-type": contentType } });

export interface FakeServer {
  url: string;
  /** What the fake received, in order (for asserting the calls a test caused). */
  requests: Array<{ method: string; path: string; query: string; body: unknown }>;
  /** Answer the next `count` requests (after auth) with this response instead. */
  interceptNext(count: number, response: () => FakeResponse): void;
  stop(): Promise<void>;
}

/** "/api/v1/users/:id/groups" -> a regex with named groups. */
function compile(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/\$/g, "\\$").replace(/:(\w+)/g, "(?<$1>[^/]+)")}$`);
}

function parseBody(raw: string, type: string | undefined): unknown {
  if (!raw) return undefined;
  if (type?.includes("application/json")) return JSON.parse(raw);
  if (type?.includes("x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  return raw;
}

export async function startFakeServer(options: { routes: Route[]; authorize: (req: FakeRequest) => FakeResponse | null; notFound: (req: FakeRequest) => FakeResponse }): Promise<FakeServer> {
  const routes = options.routes.map(([method, pattern, handler]) => ({ method, regex: compile(pattern), handler }));
  const requests: FakeServer["requests"] = [];
  let intercept: { count: number; response: () => FakeResponse } | null = null;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const path = decodeURIComponent(url.pathname);
      const base: FakeRequest = { method: req.method ?? "GET", path, query: url.searchParams, params: {}, headers: req.headers, body: parseBody(raw, req.headers["content-type"]) };
      requests.push({ method: base.method, path, query: url.search, body: base.body });
      const route = routes.find((r) => r.method === base.method && r.regex.test(path));
      const params = (route && path.match(route.regex)?.groups) ?? {};
      const request = { ...base, params };
      let out = options.authorize(request);
      if (!out && intercept && intercept.count > 0) {
        intercept.count--;
        out = intercept.response();
      }
      out ??= route ? route.handler(request) : options.notFound(request);
      const headers = { ...(out.body === undefined ? {} : { "content-type": "application/json" }), ...out.headers };
      const asIs = typeof out.body === "string" && !/json/i.test(headers["content-type"] ?? "");
      res.writeHead(out.status, headers);
      res.end(out.body === undefined ? undefined : asIs ? (out.body as string) : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    interceptNext(count, response) {
      intercept = { count, response };
    },
    stop: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
