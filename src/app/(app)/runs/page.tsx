// Runs list (latest first).
import type { Metadata } from "next";
import { RunList } from "./run-list";

export const metadata: Metadata = { title: "Runs" };

export default function RunsPage() {
  return <RunList />;
}
