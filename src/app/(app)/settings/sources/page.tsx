// Alert sources: create (secret shown once), rotate, enable/disable, edit field mapping.
import type { Metadata } from "next";
import { SourceSettings } from "./source-settings";

export const metadata: Metadata = { title: "Alert sources" };

export default function SourcesPage() {
  return <SourceSettings />;
}
