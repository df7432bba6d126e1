// Content fingerprint of an alert, the dedup key when a vendor sends no id of its own.
import { createHash } from "node:crypto";
import type { NormalizedAlert } from "./types";

export function fingerprintAlert(alert: Pick<NormalizedAlert, "vendor" | "title" | "category" | "observables" | "occurredAt">): string {
  const observables = alert.observables.map((o) => `${o.type}=${o.value}`).sort();
  return createHash("sha256")
    .update(JSON.stringify([alert.vendor, alert.title, alert.category ?? "", observables, alert.occurredAt.toISOString()]))
    .digest("hex");
}
