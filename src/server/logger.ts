// Structured JSON logs (pino). Anything that looks like a credential is redacted by path,
// so a careless `log.info({ connection })` cannot print a secret.
import pino from "pino";

export const REDACT_PATHS = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "secret",
  "*.secret",
  "*.secretCiphertext",
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "*.api_key",
  "*.clientSecret",
  "*.privateKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  '*.headers["x-vigil-signature"]',
];

export function createLogger(name: string, level = process.env.VIGIL_LOG_LEVEL ?? "info") {
  return pino({ name, level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } });
}

export type Logger = pino.Logger;

let root: Logger | undefined;
/** The process-wide logger. */
export function logger(): Logger {
  root ??= createLogger(process.env.VIGIL_PROCESS ?? "vigil");
  return root;
}
