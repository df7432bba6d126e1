// POST from a confirmation page: uses the signed link once and delivers its signal with the answer.
import { db } from "@/server/db/client";
import { answerConfirmation } from "@/server/engine/confirm-links";
import { isAppError } from "@/server/errors";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const form = await req.formData().catch(() => null);
  const token = String(form?.get("token") ?? "");
  const answer = String(form?.get("answer") ?? "");
  const done = new URLSearchParams();
  try {
    await db().transaction((tx) => answerConfirmation(tx, { token, answer: answer as "yes" | "no" }));
    done.set("answer", answer);
  } catch (e) {
    if (!isAppError(e) && !(e instanceof Error && e.name === "ZodError")) throw e;
    done.set("error", isAppError(e) ? e.message : "this link is malformed; use the link exactly as it was sent");
  }
  return new Response(null, { status: 303, headers: { location: `/confirm/done?${done.toString()}` } });
}
