// DB-backed sessions. The cookie holds a random token; the table holds only its SHA-256, so a
// read of the sessions table cannot be replayed as a login.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { sessions, users } from "../db/schema";
import { env } from "../env";
import type { Role } from "../db/schema/enums";

/** Cookie name over plain http (development, tests on 127.0.0.1). */
export const SESSION_COOKIE = "vigil_session";
/**
 * Cookie name over https. The __Host- prefix makes the browser refuse it unless it is Secure,
 * Path=/ and has no Domain, so a sibling subdomain or an http page cannot plant a session cookie.
 */
export const SECURE_SESSION_COOKIE = "__Host-vigil_session";

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface Session {
  id: string;
  user: SessionUser;
  expiresAt: Date;
}

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

function ttlMs(): number {
  return env().VIGIL_SESSION_HOURS * 3600_000;
}

export async function createSession(db: DbOrTx, userId: string, meta: { ip?: string | null; userAgent?: string | null } = {}) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttlMs());
  await db.insert(sessions).values({ id: tokenHash(token), userId, expiresAt, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null });
  return { token, expiresAt };
}

/** The live session for a cookie token, or null. Disabled users have no live session. Slides expiry. */
export async function readSession(db: DbOrTx, token: string | undefined | null): Promise<Session | null> {
  if (!token || token.length > 200) return null;
  const id = tokenHash(token);
  const now = new Date();
  const [row] = await db
    .select({ id: sessions.id, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt, user: { id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.user.disabled) return null;
  let expiresAt = row.expiresAt;
  // Slide the expiry at most once a minute, to keep reads cheap.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    expiresAt = new Date(now.getTime() + ttlMs());
    await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
  }
  const { disabled: _disabled, ...user } = row.user;
  return { id, user, expiresAt };
}

export async function deleteSession(db: DbOrTx, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, tokenHash(token)));
}

export async function deleteUserSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: DbOrTx): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [
    `${sessionCookieName(secure)}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
    secure ? "Secure" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return [`${sessionCookieName(secure)}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", secure ? "Secure" : ""].filter(Boolean).join("; ");
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Whether cookies get the Secure flag (and the __Host- name): VIGIL_COOKIE_SECURE, else the
 * request's scheme. Inside Next, X-Forwarded-Proto is always set (by the TLS proxy, else by Next
 * from the socket), so pages (headers() only) and route handlers decide alike.
 */
export function cookieSecure(req: Request): boolean {
  return requestIsSecure(req.headers, req.url);
}

export function requestIsSecure(headers: Headers, url?: string): boolean {
  const forced = env().VIGIL_COOKIE_SECURE;
  if (forced !== undefined) return forced;
  return headers.get("x-forwarded-proto") === "https" || (url !== undefined && new URL(url).protocol === "https:");
}

/** The session token of a request: only the cookie name that matches its scheme is accepted. */
export function sessionTokenFrom(headers: Headers, secure: boolean): string | undefined {
  return readCookie(headers.get("cookie"), sessionCookieName(secure));
}

/** Whether a Cookie header carries a Vigil session cookie under either name (for the CSRF guard). */
export function hasSessionCookie(cookieHeader: string | null): boolean {
  return readCookie(cookieHeader, SESSION_COOKIE) !== undefined || readCookie(cookieHeader, SECURE_SESSION_COOKIE) !== undefined;
}
