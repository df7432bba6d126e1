// Okta event hooks. Okta sends the shared secret verbatim in the Authorization header it was
// configured with, on the one-time verification GET and on every event POST; the GET carries
// `X-Okta-Verification-Challenge`, which we echo as {"verification": "<value>"}.
// Docs: https://developer.okta.com/docs/concepts/event-hooks/ ("One-time verification request",
// "Event delivery"); https://support.okta.com/help/s/article/Unable-to-verify-event-hook-Hook-hook-name-execution-failed
// (example request `Authorization: my-shared-secret`, response {"verification":"..."}).
import { safeEqual } from "./token-auth";

export const OKTA_CHALLENGE_HEADER = "x-okta-verification-challenge";

/** The Authorization header holds the secret itself; "Bearer <secret>" is accepted too. */
export function verifyOktaAuthorization(req: Request, secret: string): boolean {
  const header = req.headers.get("authorization")?.trim();
  if (!header) return false;
  const value = header.replace(/^Bearer\s+/i, "");
  return safeEqual(value, secret);
}

/** The challenge to echo, or undefined when the header is missing or implausible. */
export function oktaChallenge(req: Request): string | undefined {
  const value = req.headers.get(OKTA_CHALLENGE_HEADER)?.trim();
  return value && value.length <= 512 ? value : undefined;
}
