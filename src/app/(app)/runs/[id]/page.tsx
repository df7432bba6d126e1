// One run: its journal (steps with status, attempts, duration, redacted input/output, errors),
// the approval it waits for, and cancel / retry.
import type { Metadata } from "next";
import { RunDetail } from "./run-detail";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RunDetail id={id} />;
}
