// IBM QRadar offenses, as the QRadar REST API returns them (GET /api/siem/offenses/{id}, or the list
// from GET /api/siem/offenses), pushed by a custom action or a forwarder. One alert per offense.
// Title: first line of the description; severity: magnitude (0-10); occurredAt: start_time (epoch
// ms, the first event); observable: offense_source, typed by offense_type.
import { resolveCategory } from "../categories";
import { ObservableSet } from "../observables";
import { asString, isRecord, quote, requireDate, requireRecord, requireText, textOf } from "../paths";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type SourceParser } from "../types";

/** QRadar's own brute-force rules ("Multiple Login Failures for the Same User/from the Same Source"). */
const QRADAR_BRUTE_FORCE = /multiple (?:login|logon) failures/i;

function isOffense(p: unknown): boolean {
  return isRecord(p) && Object.hasOwn(p, "offense_source") && typeof p.offense_type === "number" && typeof p.magnitude === "number";
}

/** offense_source as an observable, by offense_type (GET /api/siem/offense_types). */
function observablesOf(source: string | undefined, type: unknown, description: string): ObservableSet {
  const set = new ObservableSet();
  if (type === 0 || type === 10) set.add("ip", source, "src");
  else if (type === 1 || type === 11) set.add("ip", source, "dst");
  else if (type === 3) set.addUser(source, "actor");
  else if (type === 7) set.addHost(source, "host");
  return set.addFromText(description);
}

function offenseToAlert(value: unknown, at: string): NormalizedAlert {
  const offense = requireRecord(value, at || "body");
  const field = (name: string) => (at ? `${at}.${name}` : name);
  const description = requireText(offense.description, field("description"), 100_000);
  const magnitude = offense.magnitude;
  if (typeof magnitude !== "number" || magnitude < 0 || magnitude > 10)
    throw new ParseError(`${field("magnitude")}: ${quote(magnitude ?? null)} is not a number from 0 to 10`);
  const categories = [offense.categories].flat().filter((c): c is string => typeof c === "string");
  const title = description.split("\n")[0]!.trim().slice(0, 1000);
  return {
    title,
    severity: toSeverity(magnitude, 10)!,
    occurredAt: requireDate(offense.start_time, field("start_time")),
    category: QRADAR_BRUTE_FORCE.test(title) ? "brute_force" : resolveCategory({ texts: [title, ...categories] }),
    description: [description, categories.length ? `Categories: ${textOf(categories.join(", "))}` : undefined].filter(Boolean).join("\n"),
    externalId: requireText(offense.id, field("id"), 500),
    observables: observablesOf(asString(offense.offense_source), offense.offense_type, description).toArray(),
    vendor: "qradar",
    raw: value,
  };
}

function parseQRadar(payload: unknown): NormalizedAlert[] {
  if (!Array.isArray(payload)) return [offenseToAlert(payload, "")];
  if (payload.length === 0) throw new ParseError("body: an empty list of offenses");
  return payload.map((o, i) => offenseToAlert(o, `[${i}]`));
}

export const qradarParser: SourceParser = {
  kind: "qradar",
  label: "IBM QRadar offense",
  detect: (p) => (Array.isArray(p) ? p.length > 0 && isOffense(p[0]) : isOffense(p)),
  parse: parseQRadar,
};
