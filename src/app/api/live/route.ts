// GET /api/live: server-sent events telling a signed-in browser what changed (ids only).
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { readCookie, readSession, SESSION_COOKIE } from "@/server/auth/sessions";
import { liveListener } from "@/server/live/listener";
import { sessionStillValid } from "@/server/live/session-check";
import { liveStreamResponse } from "@/server/live/sse";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const token = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
  if (!(await readSession(db(), token))) return Response.json({ error: "sign in first" }, { status: 401 });
  return liveStreamResponse(liveListener(env().DATABASE_URL!), {
    signal: req.signal,
    stillAuthorized: () => sessionStillValid(db(), token),
  });
}
