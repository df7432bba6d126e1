// What travels on the `vigil_live` channel and down the SSE stream: which kind of thing changed
// and the ids it concerns ("*" when too many to list). Never data: clients refetch through tRPC,
// where their role is checked.
import { z } from "zod";

export const LIVE_CHANNEL = "vigil_live";
export const LIVE_TOPICS = ["cases", "runs", "approvals", "containment", "resync"] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];
/** More ids than this in one notification are sent as "*" (NOTIFY payloads are capped at 8000 bytes). */
export const MAX_IDS = 50;

const ids = z.union([z.literal("*"), z.array(z.string().max(64)).max(MAX_IDS)]).default([]);
export const liveEventSchema = z.object({ topic: z.enum(LIVE_TOPICS), caseIds: ids, runIds: ids });
export type LiveEvent = z.infer<typeof liveEventSchema>;

export function parseLiveEvent(payload: string | undefined): LiveEvent | null {
  try {
    const parsed = liveEventSchema.safeParse(JSON.parse(payload ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
