// Sends one demo payload through the real webhook over HTTP, authenticated the way the source's
// vendor would: a bearer token, an HMAC signature (X-Vigil-Signature) or Okta's verbatim secret.
import { z } from "zod";
import { AppError } from "../errors";
import { SIGNATURE_HEADER, signatureHeader } from "../intake/hmac-auth";
import type { DemoSource } from "./demo-sources";

const acceptedBody = z.object({ alertIds: z.array(z.string()), caseIds: z.array(z.string()).default([]), duplicate: z.boolean() });
export type WebhookAnswer = z.infer<typeof acceptedBody>;

function authHeaders(source: DemoSource, body: string): Record<string, string> {
  if (source.auth === "hmac") return { [SIGNATURE_HEADER]: signatureHeader(source.secret, body) };
  if (source.auth === "okta") return { authorization: source.secret };
  return { authorization: `Bearer ${source.secret}` };
}

/** The webhook could not be reached or refused a demo alert; the message carries Vigil's answer. */
export class DemoSendError extends AppError {
  override name = "DemoSendError";
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("SERVICE_UNAVAILABLE", message, options);
  }
}

function parseAnswer(text: string) {
  try {
    return acceptedBody.safeParse(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function unreachable(url: string, e: unknown): DemoSendError {
  const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
  return new DemoSendError(`cannot reach ${url} (${cause}); is Vigil running there? (vigil demo --url <base URL>)`, { cause: e });
}

/** Before changing anything: is a web server answering at baseUrl? Any HTTP answer will do. */
export async function assertReachable(baseUrl: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  const url = `${baseUrl.replace(/\/$/, "")}/api/health`;
  try {
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
    await res.body?.cancel();
  } catch (e) {
    throw unreachable(url, e);
  }
}

/** POSTs the payload to `${baseUrl}/api/webhooks/<slug>`; throws DemoSendError with Vigil's own answer when it is refused. */
export async function sendDemoAlert(baseUrl: string, source: DemoSource, payload: unknown, fetchImpl: typeof fetch = fetch): Promise<WebhookAnswer> {
  const url = `${baseUrl.replace(/\/$/, "")}/api/webhooks/${source.slug}`;
  const body = JSON.stringify(payload);
  let res: Response;
  try {
    res = await fetchImpl(url, { method: "POST", headers: { "content-type": "application/json", ...authHeaders(source, body) }, body, signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    throw unreachable(url, e);
  }
  const text = await res.text();
  if (res.status !== 200 && res.status !== 202) throw new DemoSendError(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  const parsed = parseAnswer(text);
  if (!parsed?.success) throw new DemoSendError(`${url} answered ${res.status} with an unexpected body: ${text.slice(0, 300)}`);
  return parsed.data;
}
