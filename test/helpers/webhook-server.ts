// The webhook handlers behind a real HTTP server (node:http on 127.0.0.1, a free port), so tests
// send real requests: chunked bodies, content-length, many connections at once.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "../../src/server/db/client";
import { handleWebhook, handleWebhookVerification } from "../../src/server/intake/ingest";

export interface WebhookServer {
  url: string;
  close(): Promise<void>;
}

/** The request body as a web stream; cancelling it drains the rest instead of killing the socket. */
function bodyStream(req: http.IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream({
    start(controller) {
      req.on("data", (chunk: Buffer) => open && controller.enqueue(new Uint8Array(chunk)));
      req.on("end", () => open && controller.close());
      req.on("error", (error) => open && controller.error(error));
    },
    cancel() {
      open = false;
      req.resume();
    },
  });
}

function toRequest(req: http.IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://127.0.0.1${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? bodyStream(req) : undefined,
    duplex: "half",
  } as RequestInit);
}

export async function startWebhookServer(db: Db): Promise<WebhookServer> {
  const server = http.createServer((req, res) => {
    const slug = decodeURIComponent((req.url ?? "").replace(/^\/api\/webhooks\//, "").split("?")[0]!);
    const handle = req.method === "GET" ? handleWebhookVerification : handleWebhook;
    handle(db, toRequest(req), slug)
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(body);
        req.resume(); // drain what a refused sender is still uploading
      })
      .catch((error: unknown) => {
        res.writeHead(599).end(String(error)); // never produced by the handlers; tests assert < 500
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
