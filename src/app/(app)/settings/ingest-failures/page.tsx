// The dead letter: bodies Vigil refused from authenticated senders, with replay.
import type { Metadata } from "next";
import { FailureList } from "./failure-list";

export const metadata: Metadata = { title: "Ingest failures" };

export default function IngestFailuresPage() {
  return <FailureList />;
}
