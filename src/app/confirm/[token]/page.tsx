// "Was this you?": the page a confirmation link opens, for people without a Vigil account. It
// shows the question; the answer is a POST (a mail scanner fetching the link answers nothing).
import type { Metadata } from "next";
import { db } from "@/server/db/client";
import { verifyConfirmationLink } from "@/server/engine/confirm-links";
import { linkUsed } from "@/server/engine/signed-links";
import { LinkShell } from "../link-shell";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Please confirm" };

export default async function ConfirmPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let question: string | null = null;
  let problem: string | null = null;
  try {
    const payload = verifyConfirmationLink(token);
    if (await linkUsed(db(), payload)) problem = "This link was already used. Thank you, your answer was recorded.";
    else question = payload.question;
  } catch (e) {
    problem = (e as Error).message;
  }
  return (
    <LinkShell>
      {problem ? (
        <p role="alert" data-testid="link-problem" className="text-sm text-slate-600 dark:text-slate-300">{problem}</p>
      ) : (
        <form method="post" action="/api/confirm" className="space-y-5">
          <h1 className="text-lg font-medium" data-testid="confirm-question">{question}</h1>
          <input type="hidden" name="token" value={token} />
          <div className="flex gap-3">
            <button type="submit" name="answer" value="yes" className="flex-1 rounded-md bg-emerald-600 px-3 py-2 font-medium text-white hover:bg-emerald-500">Yes, it was me</button>
            <button type="submit" name="answer" value="no" className="flex-1 rounded-md border border-red-500/60 px-3 py-2 font-medium text-red-600 hover:bg-red-500/10 dark:text-red-400">No, it was not me</button>
          </div>
          <p className="text-xs text-slate-500">Your security team asked this. The link works once.</p>
        </form>
      )}
    </LinkShell>
  );
}
