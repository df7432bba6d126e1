// One error type for domain failures, carrying a code that maps to an HTTP status and a tRPC code
// in exactly one place (here). The message is written for the person who has to act on it.
export const APP_ERROR_CODES = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  override name = "AppError";
  readonly code: AppErrorCode;
  /** Extra response headers (e.g. Retry-After). */
  readonly headers: Record<string, string>;

  constructor(code: AppErrorCode, message: string, options: { cause?: unknown; headers?: Record<string, string> } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return APP_ERROR_CODES[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** tRPC error codes for our codes (tRPC has no 415/503 equivalents with the same name). */
export function trpcCodeFor(code: AppErrorCode) {
  switch (code) {
    case "UNSUPPORTED_MEDIA_TYPE":
      return "UNSUPPORTED_MEDIA_TYPE" as const;
    case "SERVICE_UNAVAILABLE":
      return "SERVICE_UNAVAILABLE" as const;
    default:
      return code;
  }
}

// Postgres cannot serve the request right now, but will later: the connection is gone or the server
// is restarting (08xxx, 57P0x), or the statement was cut short by load rather than by its content:
// statement_timeout or a cancel (57014), lock_timeout (55P03), a deadlock or serialization failure
// (40P01, 40001), insufficient resources such as a full disk or too many connections (class 53).
// Callers answer 503 / retry the job instead of reporting the payload or the run as broken.
const TRANSIENT_CODES = ["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "08006", "08001", "08003", "57014", "55P03", "40P01", "40001"];

/** True when Postgres cannot be reached or cannot serve the request now (see TRANSIENT_CODES). */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let i = 0; i < 5 && current; i++) {
    const e = current as { code?: string; message?: string; cause?: unknown };
    if (e.code && (TRANSIENT_CODES.includes(e.code) || /^53[0-9A-Z]{3}$/.test(e.code))) return true;
    if (e.message && /Connection terminated|connection timeout|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Client has encountered a connection error/i.test(e.message))
      return true;
    current = e.cause;
  }
  return false;
}
