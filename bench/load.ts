// Closed-loop HTTP load: `connections` keep-alive sockets, each sends its next request as soon as
// the previous answer arrived, for a warm-up and then a measured window (both bounded). Counts 2xx
// answers and other statuses, and keeps per-request latencies of the measured window.
import http from "node:http";
import { percentiles, type Percentiles } from "./stats";

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface LoadResult {
  ok: number;
  failed: number;
  /** Status (or error) of the first failure, to say why. */
  firstFailure?: string;
  perSecond: number;
  latencyMs: Percentiles;
  seconds: number;
}

function send(agent: http.Agent, base: URL, req: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      { agent, host: base.hostname, port: base.port, method: "POST", path: req.path, headers: { ...req.headers, "content-length": String(req.body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

/** One POST, for latency probes (shares the keep-alive agent of the caller). */
export { send as postOnce };

export async function closedLoop(options: { url: string; connections: number; warmupMs: number; durationMs: number; next: (i: number) => LoadRequest }): Promise<LoadResult> {
  const base = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const start = Date.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  let seq = 0;
  let ok = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const latencies: number[] = [];
  const loop = async () => {
    while (Date.now() < end) {
      const t0 = performance.now();
      const sentAt = Date.now();
      let good = false;
      try {
        const res = await send(agent, base, options.next(seq++));
        good = res.status >= 200 && res.status < 300;
        if (!good) firstFailure ??= `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
      } catch (e) {
        firstFailure ??= (e as Error).message;
      }
      if (sentAt < measureFrom || Date.now() > end) continue; // warm-up, or ended after the window
      latencies.push(performance.now() - t0);
      if (good) ok++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  agent.destroy();
  const seconds = options.durationMs / 1000;
  return { ok, failed, firstFailure, perSecond: Math.round(ok / seconds), latencyMs: percentiles(latencies), seconds };
}
