// Approvals inbox: pending approvals first, with exactly the params they bind and who asked;
// managers approve or reject with a reason, and the run continues at once.
import type { Metadata } from "next";
import { ApprovalsInbox } from "./approvals-inbox";

export const metadata: Metadata = { title: "Approvals" };

export default function ApprovalsPage() {
  return <ApprovalsInbox />;
}
