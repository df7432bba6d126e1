// User accounts: creation, role changes, disabling, and login with lockout after repeated failures.
import { randomBytes } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { users } from "../db/schema";
import { ROLES, type Role } from "../db/schema/enums";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append";
import { dummyPasswordHash, hashPassword, passwordSchema, verifyPassword } from "./password";
import { deleteUserSessions } from "./sessions";
import { IP_MAX_FAILURES, IP_WINDOW_MINUTES, pruneLoginThrottle, releaseLoginAttempt, reserveLoginAttempt } from "./login-throttle";

export const emailSchema = z.string().trim().toLowerCase().email("email must be a valid address").max(254);

export const createUserInput = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "name is required").max(200),
  role: z.enum(ROLES),
  password: passwordSchema,
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

export async function createUser(tx: DbOrTx, actor: string, input: CreateUserInput) {
  const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
  if (existing.length) throw new AppError("CONFLICT", `a user with email ${input.email} already exists`);
  const [user] = await tx
    .insert(users)
    .values({ email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
  await appendAudit(tx, { actor, action: "user.create", subject: `user:${user!.id}`, data: { email: input.email, role: input.role } });
  return user!;
}

export async function setUserRole(tx: DbOrTx, actor: string, userId: string, role: Role) {
  const [user] = await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, userId)).returning({ id: users.id, role: users.role });
  if (!user) throw new AppError("NOT_FOUND", `user ${userId} not found`);
  await appendAudit(tx, { actor, action: "user.set_role", subject: `user:${userId}`, data: { role } });
  return user;
}

/** Disabling kills every session of the user at once. */
export async function setUserDisabled(tx: DbOrTx, actor: string, userId: string, disabled: boolean) {
  const [user] = await tx.update(users).set({ disabled, updatedAt: new Date() }).where(eq(users.id, userId)).returning({ id: users.id });
  if (!user) throw new AppError("NOT_FOUND", `user ${userId} not found`);
  if (disabled) await deleteUserSessions(tx, userId);
  await appendAudit(tx, { actor, action: disabled ? "user.disable" : "user.enable", subject: `user:${userId}` });
  return user;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export type AuthResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role } }
  | { ok: false; error: AppError };

/**
 * Checks email + password. Failures count towards a temporary lockout of the account and, when
 * the client address is known, of the address (login-throttle.ts); every outcome is audited
 * (a throttled address once per window, so a flood cannot flood the audit trail).
 * Failures are returned, not thrown, so the caller can commit the failure count and audit row
 * before reporting the error. The error never says whether the email exists.
 */
export async function authenticate(tx: DbOrTx, email: string, password: string, client: { ip?: string | null } = {}): Promise<AuthResult> {
  const throttleKey = client.ip ? `ip:${client.ip}` : null;
  if (throttleKey) {
    const verdict = await reserveLoginAttempt(tx, throttleKey);
    if (!verdict.allowed) {
      if (verdict.justBlocked)
        await appendAudit(tx, { actor: "anonymous", action: "auth.ip_throttled", subject: throttleKey, data: { failures: IP_MAX_FAILURES, windowMinutes: IP_WINDOW_MINUTES } });
      return { ok: false, error: new AppError("TOO_MANY_REQUESTS", `too many failed sign-ins from your address; try again after ${verdict.retryAfter.toISOString()}`, { headers: retryAfterHeader(verdict.retryAfter) }) };
    }
  }
  const result = await checkCredentials(tx, email, password);
  if (result.ok && throttleKey) {
    await releaseLoginAttempt(tx, throttleKey);
    await pruneLoginThrottle(tx);
  }
  return result;
}

function retryAfterHeader(at: Date): Record<string, string> {
  return { "retry-after": String(Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000))) };
}

/** Email + password against the users table, with the per-account lockout. */
async function checkCredentials(tx: DbOrTx, email: string, password: string): Promise<AuthResult> {
  const normalized = email.trim().toLowerCase();
  const [user] = await tx.select().from(users).where(eq(users.email, normalized)).limit(1);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    await appendAudit(tx, { actor: "anonymous", action: "auth.login_failed", subject: `email:${normalized}`, data: { reason: "unknown email" } });
    return { ok: false, error: new AppError("UNAUTHORIZED", "email or password is incorrect") };
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await appendAudit(tx, { actor: "anonymous", action: "auth.login_locked", subject: `user:${user.id}` });
    return { ok: false, error: new AppError("TOO_MANY_REQUESTS", `too many failed logins; try again after ${user.lockedUntil.toISOString()}`, { headers: retryAfterHeader(user.lockedUntil) }) };
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok || user.disabled) {
    const failed = user.failedLogins + 1;
    const lockedUntil = failed >= LOCKOUT_THRESHOLD ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : null;
    await tx.update(users).set({ failedLogins: lockedUntil ? 0 : failed, lockedUntil }).where(eq(users.id, user.id));
    await appendAudit(tx, { actor: "anonymous", action: lockedUntil ? "auth.lockout" : "auth.login_failed", subject: `user:${user.id}`, data: { reason: user.disabled ? "disabled" : "bad password" } });
    return { ok: false, error: new AppError("UNAUTHORIZED", user.disabled && ok ? "this account is disabled" : "email or password is incorrect") };
  }
  await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
  await appendAudit(tx, { actor: `user:${user.id}`, action: "auth.login", subject: `user:${user.id}` });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/** A readable random password for generated accounts (first admin). */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
