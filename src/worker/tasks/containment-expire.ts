// graphile task "containment.expire": rolls a containment action back when its expiry comes.
// A failure throws, so graphile-worker retries with backoff; an action no longer active is a no-op.
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { Db } from "../../server/db/client";
import { rollbackContainment } from "../../server/integrations/rollback";
import type { Logger } from "../../server/logger";

const payloadSchema = z.object({ actionId: z.string().uuid() });

export function containmentExpireTask(db: Db, log: Logger): Task {
  return async (raw, helpers) => {
    const parsed = payloadSchema.safeParse(raw);
    if (!parsed.success) {
      log.error({ payload: raw }, "containment.expire: malformed payload; job dropped");
      return;
    }
    const result = await rollbackContainment(db, { actionId: parsed.data.actionId, actor: "system:expiry", reason: "expiry", log, signal: helpers.abortSignal });
    if (result.performed) log.info({ actionId: result.actionId }, "containment expired and rolled back");
  };
}
