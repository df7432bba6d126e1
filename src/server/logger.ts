// Structured JSON logs (pino). Credentials are redacted three ways, so a careless
// `log.info({ connection })` or `log.error({ err })` cannot print a secret: pino's fast path
// redaction for known paths, a deep walk of every logged object and child binding (keys that look
// secret, at any depth), and credential shapes inside strings, messages and error messages
// (audit/redact.ts).
import pino from "pino";
import { redactSecrets, redactString } from "./audit/redact";

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

/** A logger writing to `destination`, else to VIGIL_LOG_FILE (appended) when set, else stdout. */
export function createLogger(name: string, level = process.env.VIGIL_LOG_LEVEL ?? "info", destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    name,
    level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    formatters: {
      log: (obj) => redactSecrets(obj),
      bindings: (bindings) => redactSecrets(bindings),
    },
    // A serialized error is not a plain object (nor is its cause); a JSON round trip makes it one.
    serializers: { err: (err: Error) => redactSecrets(JSON.parse(JSON.stringify(pino.stdSerializers.err(err))) as unknown) },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === "string" ? redactString(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  const file = process.env.VIGIL_LOG_FILE;
  if (!destination && file) destination = pino.destination({ dest: file, append: true, mkdir: true, sync: true });
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = pino.Logger;

let root: Logger | undefined;
/** The process-wide logger. */
export function logger(): Logger {
  root ??= createLogger(process.env.VIGIL_PROCESS ?? "vigil");
  return root;
}
