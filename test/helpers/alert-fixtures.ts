// Vendor alert fixtures (test/fixtures/alerts/<vendor>/<file>) as the engine sees them: parsed by
// the vendor's parser, then shaped as a trigger's TriggerAlert or a run's RunAlert.
import fs from "node:fs";
import path from "node:path";
import { normalizeAlerts } from "@/server/alerts/normalize";
import type { NormalizedAlert } from "@/server/alerts/types";
import type { RunAlert, TriggerAlert } from "@/server/engine/define-playbook";
import { observableMap } from "@/server/engine/triggers";

export const ALERT_FIXTURES = "test/fixtures/alerts";
/** A generic-JSON phishing report (the format phishing-reported documents); not under alerts/, whose folders are vendors with detectors. */
export const GENERIC_PHISHING_REPORT = "test/fixtures/playbooks/generic-phishing-report.json";

/** Every fixture as "<vendor>/<file>". */
export function listAlertFixtures(): string[] {
  return fs.readdirSync(ALERT_FIXTURES).flatMap((vendor) => fs.readdirSync(path.join(ALERT_FIXTURES, vendor)).map((f) => `${vendor}/${f}`)).sort();
}

/** The fixture's body: parsed JSON, or text for non-JSON files (CEF lines). `name` is "<vendor>/<file>" or a path from the repo root. */
export function fixtureBody(name: string): unknown {
  const text = fs.readFileSync(name.startsWith("test/") ? name : path.join(ALERT_FIXTURES, name), "utf8");
  return name.endsWith(".json") ? (JSON.parse(text) as unknown) : text;
}

/** The fixture parsed by its vendor's parser (the folder name is the source kind). */
export function fixtureAlerts(name: string): NormalizedAlert[] {
  const kind = name === GENERIC_PHISHING_REPORT ? "generic" : name.split("/")[0]!;
  return normalizeAlerts(kind, fixtureBody(name), { receivedAt: new Date("2026-11-23T10:00:00Z") });
}

export function triggerAlertOf(alert: NormalizedAlert, sourceSlug = alert.vendor, newCase = true): TriggerAlert {
  const { raw: _raw, ...normalized } = alert;
  return { sourceSlug, sourceKind: alert.vendor, normalized, observables: observableMap(alert.observables), newCase };
}

export function runAlertOf(alert: NormalizedAlert, id = "alert-1"): RunAlert {
  const { raw: _raw, ...rest } = alert;
  const occurredAt = alert.occurredAt.toISOString();
  return {
    id,
    title: alert.title,
    severity: alert.severity,
    category: alert.category,
    sourceSlug: alert.vendor,
    occurredAt,
    normalized: { ...rest, occurredAt },
    observables: observableMap(alert.observables),
  };
}

/** The first alert of a fixture as a RunAlert. */
export function fixtureRunAlert(name: string, index = 0): RunAlert {
  const alert = fixtureAlerts(name)[index];
  if (!alert) throw new Error(`fixture ${name} has no alert #${index}`);
  return runAlertOf(alert);
}
