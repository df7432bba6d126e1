// A graphile task whose payload is parsed with zod first: the queue is a boundary (old or
// SQL-added jobs may not match today's shape); a malformed payload is logged and dropped.
import type { JobHelpers, Task } from "graphile-worker";
import type { z } from "zod";
import type { Logger } from "../../server/logger";

export function parsedTask<S extends z.ZodType>(name: string, schema: S, log: Logger, body: (payload: z.infer<S>, helpers: JobHelpers) => Promise<void>): Task {
  return async (raw, helpers) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      log.error({ payload: raw }, `${name}: malformed payload; job dropped`);
      return;
    }
    await body(parsed.data, helpers);
  };
}
