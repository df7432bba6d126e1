// The one outbound HTTP client of all HTTP integrations: per-attempt timeout, retries with backoff
// on 429/5xx/network errors honouring Retry-After, the SSRF guard, a custom CA, no redirects
// (a redirect could lead past the SSRF guard), and a cap on response size.
import type dns from "node:dns";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { assertPublicHost, guardedLookup, type LookupFunction } from "./ssrf";
import { backoffDelayMs, isRetryableNetworkError, RETRYABLE_STATUS, retryAfterMs } from "./retry";

export interface HttpClientOptions {
  /** Every request path is resolved against it. */
  baseUrl: string;
  /** Let requests reach loopback/private/link-local addresses. (Default: false) */
  allowPrivateNetwork?: boolean;
  /** Per-attempt limit in ms, from connect to the last byte. (Default: 10000) */
  timeoutMs?: number;
  /** Extra attempts after a 429, a 5xx or a network error. (Default: 3) */
  retries?: number;
  /** First backoff wait in ms; doubles per attempt, jittered. (Default: 250) */
  backoffMs?: number;
  /** Longest wait a Retry-After may ask for; a longer one fails the request at once. (Default: 30000) */
  maxRetryAfterMs?: number;
  /** PEM certificate(s) of the CA that signed the server's certificate (replaces the default trust). */
  ca?: string;
  /** Headers sent with every request; a function is called per attempt (fresh tokens). */
  headers?: Record<string, string> | (() => Promise<Record<string, string>>);
  /** Largest response body read, in bytes. (Default: 5 MiB) */
  maxResponseBytes?: number;
  signal?: AbortSignal;
  /** Called before each retry with the wait chosen and why (for logs). */
  onRetry?: (info: { attempt: number; waitMs: number; status?: number; error?: string }) => void;
  /** DNS resolver (tests). (Default: dns.lookup) */
  lookup?: typeof dns.lookup;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the response is JSON, else the text (empty string for no body). */
  body: unknown;
  attempts: number;
}

/** A response with status >= 400 after the retries. The message never contains request headers. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: unknown,
    readonly attempts: number,
  ) {
    super(`${method} ${url} answered ${status}${describeBody(body)}`);
  }
}

export class HttpTimeoutError extends Error {
  override name = "HttpTimeoutError";
  readonly code = "ETIMEOUT";
}

function describeBody(body: unknown): string {
  if (typeof body === "string") return body ? `: ${body.slice(0, 200)}` : "";
  return body === undefined || body === null ? "" : `: ${JSON.stringify(body).slice(0, 300)}`;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

function buildUrl(baseUrl: string, req: HttpRequest): URL {
  const url = new URL(req.path.replace(/^\//, ""), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`only http(s) URLs are allowed, got ${url.protocol}`);
  return url;
}

function encodeBody(req: HttpRequest): { body?: Buffer; contentType?: string } {
  if (req.json !== undefined) return { body: Buffer.from(JSON.stringify(req.json)), contentType: "application/json" };
  if (req.form) return { body: Buffer.from(new URLSearchParams(req.form).toString()), contentType: "application/x-www-form-urlencoded" };
  return {};
}

function parseBody(text: string, headers: IncomingHttpHeaders): unknown {
  if (!text) return "";
  if (/json/i.test(headers["content-type"] ?? "")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

export function createHttpClient(options: HttpClientOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxResponseBytes ?? 5 * 1024 * 1024;
  const lookup = options.allowPrivateNetwork ? (options.lookup as LookupFunction | undefined) : guardedLookup(options.lookup);

  /** One attempt: resolves with the response, whatever its status. */
  async function attempt(url: URL, req: HttpRequest): Promise<Omit<HttpResponse, "attempts">> {
    if (!options.allowPrivateNetwork) assertPublicHost(url);
    const extra = typeof options.headers === "function" ? await options.headers() : (options.headers ?? {});
    const { body, contentType } = encodeBody(req);
    const headers: Record<string, string> = { accept: "application/json", "user-agent": "Vigil-SOAR", ...extra, ...req.headers };
    if (contentType) headers["content-type"] = contentType;
    if (body) headers["content-length"] = String(body.length);
    const transport = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(url, { method: req.method, headers, lookup, ca: options.ca, signal: options.signal, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) request.destroy(new Error(`response from ${url.host} exceeds ${maxBytes} bytes`));
          else chunks.push(chunk);
        });
        res.on("end", () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parseBody(text, res.headers) });
        });
        res.on("error", reject);
      });
      const timer = setTimeout(() => request.destroy(new HttpTimeoutError(`${req.method} ${url.origin}${url.pathname} timed out after ${timeoutMs} ms`)), timeoutMs);
      request.on("error", (e) => (clearTimeout(timer), reject(e)));
      request.end(body);
    });
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const url = buildUrl(options.baseUrl, req);
    const maxAttempts = 1 + (options.retries ?? 3);
    const shownUrl = `${url.origin}${url.pathname}`;
    for (let n = 1; ; n++) {
      let wait: number | undefined;
      let why: { status?: number; error?: string };
      try {
        const res = await attempt(url, req);
        if (res.status < 400) return { ...res, attempts: n };
        if (!RETRYABLE_STATUS.has(res.status) || n >= maxAttempts) throw new HttpError(req.method, shownUrl, res.status, res.body, n);
        wait = retryAfterMs(res.headers);
        why = { status: res.status };
        if (wait !== undefined && wait > (options.maxRetryAfterMs ?? 30_000)) throw new HttpError(req.method, shownUrl, res.status, res.body, n);
      } catch (error) {
        if (error instanceof HttpError || !isRetryableNetworkError(error) || n >= maxAttempts || options.signal?.aborted) throw error;
        why = { error: (error as Error).message };
      }
      const waitMs = wait ?? backoffDelayMs(n, options.backoffMs ?? 250);
      options.onRetry?.({ attempt: n, waitMs, ...why });
      await sleep(waitMs, options.signal);
    }
  }

  return {
    request,
    get: (path: string, rest: Omit<HttpRequest, "method" | "path"> = {}) => request({ method: "GET", path, ...rest }),
    post: (path: string, rest: Omit<HttpRequest, "method" | "path"> = {}) => request({ method: "POST", path, ...rest }),
    put: (path: string, rest: Omit<HttpRequest, "method" | "path"> = {}) => request({ method: "PUT", path, ...rest }),
    patch: (path: string, rest: Omit<HttpRequest, "method" | "path"> = {}) => request({ method: "PATCH", path, ...rest }),
    delete: (path: string, rest: Omit<HttpRequest, "method" | "path"> = {}) => request({ method: "DELETE", path, ...rest }),
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
