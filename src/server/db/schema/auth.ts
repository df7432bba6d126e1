// Users and their DB-backed sessions. A session row is keyed by the SHA-256 of the cookie token,
// so a database leak does not hand out live sessions.
import { boolean, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamps, tstz, uuidPk } from "../columns";
import { roleEnum } from "./enums";

export const users = pgTable("users", {
  id: uuidPk(),
  email: text().notNull().unique(),
  name: text().notNull(),
  role: roleEnum().notNull().default("analyst"),
  passwordHash: text().notNull(),
  disabled: boolean().notNull().default(false),
  failedLogins: integer().notNull().default(0),
  lockedUntil: tstz(),
  lastLoginAt: tstz(),
  ...timestamps(),
});

export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(), // sha256(token) hex
    userId: uuid().notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: tstz().notNull().defaultNow(),
    lastSeenAt: tstz().notNull().defaultNow(),
    expiresAt: tstz().notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId), index().on(t.expiresAt)],
);

/**
 * Failed sign-ins per client address in a fixed window (auth/login-throttle.ts). Kept in Postgres
 * so every web replica sees the same count.
 */
export const loginThrottle = pgTable(
  "login_throttle",
  {
    key: text().primaryKey(), // "ip:203.0.113.7" or "ip:2001:db8:1:2::/64"
    windowStart: tstz().notNull().defaultNow(),
    failures: integer().notNull().default(0),
  },
  (t) => [index().on(t.windowStart)],
);
