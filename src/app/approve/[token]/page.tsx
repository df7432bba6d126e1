// Target of a signed one-time approval link. The approver must be signed in as the user the link
// was sent to (else: sign in first, or a message naming the problem); the page shows the exact
// params and decides only on an explicit click, so a mail scanner opening the link decides nothing.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/server/auth/server-session";
import { db } from "@/server/db/client";
import { verifyApprovalLink } from "@/server/engine/approval-links";
import { linkUsed } from "@/server/engine/signed-links";
import { LinkShell } from "../../confirm/link-shell";
import { LinkDecision } from "./link-decision";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Approval" };

export default async function ApproveByLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const session = await currentSession();
  if (!session) redirect(`/login?next=${encodeURIComponent(`/approve/${token}`)}`);
  let problem: string | null = null;
  try {
    const payload = verifyApprovalLink(token, session.user);
    if (await linkUsed(db(), payload)) problem = "This link was already used; each link works once. Open the approvals inbox to see the decision.";
  } catch (e) {
    problem = (e as Error).message;
  }
  return (
    <LinkShell wide>
      {problem ? (
        <p role="alert" data-testid="link-problem" className="text-sm text-red-600 dark:text-red-400">{problem}</p>
      ) : (
        <LinkDecision token={token} />
      )}
      <p className="mt-6 text-xs text-slate-500">
        Signed in as {session.user.name}. <a href="/approvals" className="hover:underline">Approvals inbox</a>
      </p>
    </LinkShell>
  );
}
