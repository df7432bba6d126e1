// All configuration comes from environment variables, validated once here. A bad value stops
// the process with a message naming the variable, instead of failing later somewhere deep.
import path from "node:path";
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const envSchema = z.object({
  /** Postgres connection string. When unset, `vigil start` runs embedded Postgres in VIGIL_DATA_DIR/pg. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
  /** HTTP port of the web app. (Default: 3000) */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Interface the web app binds to. (Default: 0.0.0.0) */
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  /** Public base URL, used in links sent by email or chat (approval links). (Default: http://localhost:PORT) */
  VIGIL_PUBLIC_URL: z.string().url().optional(),
  /** Where Vigil keeps local state: embedded Postgres, generated secret key. (Default: ./.vigil) */
  VIGIL_DATA_DIR: z.string().min(1).default(".vigil"),
  /** 32 bytes, base64: key for AES-256-GCM encryption of credentials. Generated into VIGIL_DATA_DIR when unset. */
  VIGIL_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes encoded as base64")
    .optional(),
  /** Earlier keys (comma-separated, each 32 bytes base64) still accepted for opening secrets while `vigil secrets rotate` re-seals them. */
  VIGIL_SECRET_KEY_PREVIOUS: z
    .string()
    .refine((v) => v.split(",").every((k) => Buffer.from(k.trim(), "base64").length === 32), "must be 32-byte base64 keys separated by commas")
    .optional(),
  /** Append the JSON logs to this file instead of stdout. (Default: stdout) */
  VIGIL_LOG_FILE: z.string().min(1).optional(),
  /** pino log level. (Default: info) */
  VIGIL_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Jobs one worker process runs at once. (Default: 10) */
  VIGIL_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /** How often each worker records that it is alive, in ms. (Default: 5000) */
  VIGIL_WORKER_HEARTBEAT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** A worker silent this long is presumed dead and the jobs it held are handed to others, in ms. (Default: 30000) */
  VIGIL_WORKER_STALE_MS: z.coerce.number().int().min(500).max(3_600_000).default(30_000),
  /** Extra playbook files or directories a worker loads at start, comma-separated (site playbooks outside playbooks/). */
  VIGIL_EXTRA_PLAYBOOKS: z.string().optional(),
  /** Largest webhook body accepted, in bytes. (Default: 1048576) */
  VIGIL_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Deepest JSON nesting accepted in a webhook body. (Default: 64) */
  VIGIL_MAX_JSON_DEPTH: z.coerce.number().int().min(2).max(10_000).default(64),
  /** Webhook requests per minute one alert source may send, unless the source sets its own limit. (Default: 300000) */
  VIGIL_SOURCE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300_000),
  /** Port of the embedded Postgres used when DATABASE_URL is unset. (Default: 54329) */
  VIGIL_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** Session lifetime in hours (sliding). (Default: 12) */
  VIGIL_SESSION_HOURS: z.coerce.number().min(0.1).max(24 * 30).default(12),
  /** Force the Secure cookie flag on or off; by default it follows the request scheme. */
  VIGIL_COOKIE_SECURE: bool.optional(),
  /** Reverse proxies in front of the web app that append to X-Forwarded-For; the client address is read that many entries from the right. (Default: 0) */
  VIGIL_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Pool size of each process's Postgres pool. (Default: 10) */
  VIGIL_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** When set, GET /api/metrics requires `Authorization: Bearer <this>`. (Default: open, like most exporters) */
  VIGIL_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
/** The process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Absolute path of the project root (where package.json, drizzle/ and playbooks/ live). */
export function projectRoot(): string {
  return process.env.VIGIL_ROOT ?? process.cwd();
}

/** Absolute path of VIGIL_DATA_DIR. */
export function dataDir(): string {
  return path.resolve(projectRoot(), env().VIGIL_DATA_DIR);
}

export function publicUrl(): string {
  return (env().VIGIL_PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");
}
