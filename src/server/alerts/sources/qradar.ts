// IBM QRadar offenses, as the QRadar REST API returns them (GET /api/siem/offenses/{id}, or the list
// from GET /api/siem/offenses), pushed by a custom action or a forwarder. One alert per offense.
// Title: first line of the description; severity: magnitude (0-10); occurredAt: start_time (epoch
// ms, the first event); observable: offense_source, typed by offense_type.
import type { ObservableType } from "../../db/schema/enums";
import { categoryFromText } from "../category-hints";
import { ObservableSet } from "../observables";
import { readPath } from "../paths";
import { arrayAt, isRecord, requireText, requireTime } from "../payload";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type SourceParser } from "../types";

// Offense types (GET /api/siem/offense_types) whose offense_source is an observable.
const SOURCE_TYPES: Record<number, [ObservableType, string]> = {
  0: ["ip", "src"],
  1: ["ip", "dst"],
  3: ["user", "actor"],
  7: ["host", "host"],
  10: ["ip", "src"],
  11: ["ip", "dst"],
};

function isOffense(p: unknown): boolean {
  return isRecord(p) && "offense_source" in p && typeof p.offense_type === "number" && typeof p.magnitude === "number";
}

function offenseToAlert(offense: unknown, at: string, raw: unknown): NormalizedAlert {
  if (!isRecord(offense)) throw new ParseError(`${at || "body"}: expected a QRadar offense object`);
  const field = (name: string) => (at ? `${at}.${name}` : name);
  const id = requireText(offense, "id", field("id"));
  const description = requireText(offense, "description", field("description"));
  const magnitude = offense.magnitude;
  if (typeof magnitude !== "number" || magnitude < 0 || magnitude > 10)
    throw new ParseError(`${field("magnitude")}: ${JSON.stringify(magnitude ?? null)} is not a number from 0 to 10`);
  const categories = arrayAt(offense, "categories", field("categories")).filter((c): c is string => typeof c === "string");
  const set = new ObservableSet();
  const sourceType = SOURCE_TYPES[Number(offense.offense_type)];
  if (sourceType) set.add(sourceType[0], readPath(offense, "offense_source"), sourceType[1]);
  set.addFromText(description);
  return {
    title: description.split("\n")[0]!.trim().slice(0, 1000),
    severity: toSeverity(magnitude, 10)!,
    occurredAt: requireTime(offense, ["start_time"], field("start_time")),
    category: categoryFromText(description, categories.join("\n")) ?? "other",
    description: [description, categories.length ? `Categories: ${categories.join(", ")}` : undefined].filter(Boolean).join("\n"),
    externalId: id,
    observables: set.toArray(),
    vendor: "qradar",
    raw,
  };
}

function parseQRadar(payload: unknown): NormalizedAlert[] {
  if (Array.isArray(payload)) {
    if (payload.length === 0) throw new ParseError("body: an empty list of offenses");
    return payload.map((o, i) => offenseToAlert(o, `[${i}]`, o));
  }
  return [offenseToAlert(payload, "", payload)];
}

export const qradarParser: SourceParser = {
  kind: "qradar",
  label: "IBM QRadar offense",
  detect: (p) => (Array.isArray(p) ? p.length > 0 && isOffense(p[0]) : isOffense(p)),
  parse: parseQRadar,
};
