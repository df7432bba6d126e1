// CSRF guard for cookie-authenticated, state-changing requests (tRPC mutations; any route handler
// that acts on the session cookie must call crossSiteRefusal too). The rules follow Go 1.25's
// net/http CrossOriginProtection, plus one fail-closed rule for requests that carry our cookie:
// 1. GET, HEAD and OPTIONS are safe and pass (tRPC refuses mutations over GET).
// 2. Sec-Fetch-Site, sent by every current browser to secure origins: only "same-origin" and
//    "none" (typed or bookmarked by the user) pass; "same-site" and "cross-site" are refused.
// 3. Else Origin, sent by every current browser on POST: it must be one of our origins: the host
//    the request was sent to (Host or X-Forwarded-Host, which a browser cannot set on a cross-site
//    request without a CORS preflight we never grant) or VIGIL_PUBLIC_URL. "null" is refused.
// 4. Neither header: not a browser, or an outdated one. Without a session cookie there is nothing
//    to forge (webhooks, scripts); with one it is refused, since only browsers hold our HttpOnly
//    cookie and every browser we support sends Origin.
import { hasSessionCookie } from "../auth/sessions";
import { env } from "../env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type CrossSiteVerdict = { ok: true } | { ok: false; reason: string };

/** Origins configured as ours besides the request's own host: VIGIL_PUBLIC_URL when set. */
function configuredOrigins(): string[] {
  const url = env().VIGIL_PUBLIC_URL;
  return url ? [new URL(url).origin] : [];
}

export function checkCrossSite(req: Request, ourOrigins: string[] = configuredOrigins()): CrossSiteVerdict {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return { ok: true };
  const site = req.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none" ? { ok: true } : { ok: false, reason: `Sec-Fetch-Site is ${site}` };
  const origin = req.headers.get("origin");
  if (origin) return isOurOrigin(req, origin, ourOrigins) ? { ok: true } : { ok: false, reason: `Origin ${origin} is not this site` };
  if (hasSessionCookie(req.headers.get("cookie"))) return { ok: false, reason: "a signed-in request without Origin or Sec-Fetch-Site" };
  return { ok: true };
}

function isOurOrigin(req: Request, origin: string, ourOrigins: string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file:, some redirects) and garbage
  }
  if (ourOrigins.includes(url.origin)) return true;
  const hosts = [req.headers.get("host"), req.headers.get("x-forwarded-host")?.split(",")[0]?.trim()];
  return hosts.some((h) => !!h && sameHost(h, url));
}

/** Host header vs the Origin's host, with default ports dropped the way URL does. */
function sameHost(host: string, origin: URL): boolean {
  try {
    return new URL(`${origin.protocol}//${host}`).host === origin.host;
  } catch {
    return false;
  }
}

/** A 403 response for a cross-site state-changing request, or null when the request may proceed. */
export function crossSiteRefusal(req: Request): Response | null {
  const verdict = checkCrossSite(req);
  if (verdict.ok) return null;
  return Response.json({ error: { message: `cross-site request refused: ${verdict.reason}` } }, { status: 403 });
}
