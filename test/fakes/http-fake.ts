// A tiny in-process HTTP server for vendor fakes: listens on 127.0.0.1 on a free port, records
// every request, and answers with what the vendor's handler returns. Each fake (panos.ts,
// fortigate.ts, ...) follows the vendor's documented requests, responses and error shapes.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse => ({ status, body, headers: { "content-type": "application/json", ...headers } });
export const text = (status: number, body: string, contentType = "text/plain"): FakeResponse => ({ status, body, headers: { "content-type": contentType } });

export async function startFakeServer(handle: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (c: Buffer) => chunks.push(c));
    incoming.on("end", async () => {
      const url = new URL(incoming.url ?? "/", "http://fake");
      const req: FakeRequest = { method: incoming.method ?? "GET", path: url.pathname, query: url.searchParams, headers: incoming.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(req);
      let res: FakeResponse;
      try {
        res = await handle(req);
      } catch (e) {
        res = text(500, `fake server error: ${(e as Error).message}`);
      }
      const body = res.body === undefined ? "" : typeof res.body === "string" ? res.body : JSON.stringify(res.body);
      outgoing.writeHead(res.status, res.headers ?? {});
      outgoing.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
