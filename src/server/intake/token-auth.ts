// Bearer-token authentication of webhook senders, compared in constant time.
import { createHash, timingSafeEqual } from "node:crypto";

/** Constant-time string comparison (hashing first makes the lengths equal). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

export function verifyBearer(req: Request, secret: string): boolean {
  const token = bearerToken(req);
  return token !== undefined && safeEqual(token, secret);
}
