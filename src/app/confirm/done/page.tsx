// After answering a confirmation link.
import type { Metadata } from "next";
import { LinkShell } from "../link-shell";

export const metadata: Metadata = { title: "Thank you" };

export default async function ConfirmDonePage({ searchParams }: { searchParams: Promise<{ answer?: string; error?: string }> }) {
  const { answer, error } = await searchParams;
  return (
    <LinkShell>
      {error ? (
        <p role="alert" data-testid="confirm-result" className="text-sm text-red-600 dark:text-red-400">{error}</p>
      ) : (
        <p data-testid="confirm-result" className="text-sm">
          Thank you. {answer === "no" ? "Your security team has been told it was not you and will follow up." : "Your answer was recorded."}
        </p>
      )}
    </LinkShell>
  );
}
