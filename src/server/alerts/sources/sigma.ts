// Sigma rule matches in Zircolite's JSON output (detected_events.json): an array of
// {title, id, description, sigmafile, sigma, rule_level, tags, count, matches: [<flattened event>]}.
// One alert per matched rule; the matches (Windows event fields, Sysmon, auditd) give the activity
// time (earliest) and the observables. Zircolite results carry no id of their own, so externalId is
// null and dedup falls back to the content fingerprint.
import type { Severity } from "../../db/schema/enums";
import { categoryFromAttackTags, categoryFromText } from "../category-hints";
import { ObservableSet } from "../observables";
import { arrayAt, isRecord, optionalText, requireText } from "../payload";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type SourceParser } from "../types";

const TIME_FIELDS = ["SystemTime", "UtcTime", "TimeCreated", "timestamp", "@timestamp", "EventTime"];
// Windows Security, Sysmon and auditd field names, with the role they play in the event.
const IP_FIELDS: [string, string][] = [
  ["IpAddress", "src"], ["SourceIp", "src"], ["SourceAddress", "src"], ["ClientAddress", "src"],
  ["DestinationIp", "dst"], ["DestAddress", "dst"],
];
const HOST_FIELDS: [string, string][] = [
  ["Computer", "host"], ["WorkstationName", "src"], ["SourceHostname", "src"], ["DestinationHostname", "dst"],
];
const MAX_MATCHES = 100; // enough for observables; a rule can match thousands of events

export function sigmaSeverity(level: string, field = "rule_level"): Severity {
  const v = level.trim().toLowerCase();
  if (v === "unknown") return "medium";
  const s = ["informational", "low", "medium", "high", "critical"].includes(v) ? toSeverity(v) : undefined;
  if (!s) throw new ParseError(`${field}: "${level.slice(0, 40)}" is not a Sigma level (informational/low/medium/high/critical)`);
  return s;
}

/** Zircolite times are UTC ("2021-04-24T20:03:23.592431Z", or without the zone when flattened). */
function utcTime(value: unknown): Date | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return undefined;
  const iso = value.trim().replace(" ", "T");
  const d = new Date(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Windows accounts: "DOMAIN\user" when the domain is given; "-" and machine accounts ("HOST$") skipped. */
function account(user: unknown, domain: unknown): string | undefined {
  if (typeof user !== "string" || !user.trim() || user === "-" || user.endsWith("$")) return undefined;
  if (user.includes("\\") || user.includes("@")) return user;
  return typeof domain === "string" && domain.trim() && domain !== "-" ? `${domain}\\${user}` : user;
}

function addMatch(set: ObservableSet, m: Record<string, unknown>): void {
  for (const [f, role] of IP_FIELDS) set.add("ip", m[f], role);
  for (const [f, role] of HOST_FIELDS) set.add("host", m[f], role);
  set.add("user", account(m.TargetUserName, m.TargetDomainName), "target");
  set.add("user", account(m.SubjectUserName, m.SubjectDomainName), "actor");
  set.add("user", account(m.User, undefined), "actor");
  set.add("domain", m.QueryName, "dst");
  for (const [type, field] of [["md5", "MD5"], ["sha1", "SHA1"], ["sha256", "SHA256"]] as const) set.add(type, m[field]);
  if (typeof m.Hashes === "string") {
    for (const [, algo, value] of m.Hashes.matchAll(/\b(MD5|SHA1|SHA256)=([a-fA-F0-9]+)/g))
      set.add(algo!.toLowerCase() as "md5" | "sha1" | "sha256", value);
  }
  set.addFromText(m.CommandLine);
}

/** `prefix` locates the detection in the body for error messages: "[2]." in an array, "" alone. */
function detectionToAlert(d: unknown, prefix: string, receivedAt: Date): NormalizedAlert {
  if (!isRecord(d)) throw new ParseError(`${prefix ? prefix.slice(0, -1) : "body"}: expected a Zircolite detection object`);
  const title = requireText(d, "title", `${prefix}title`);
  const severity = sigmaSeverity(requireText(d, "rule_level", `${prefix}rule_level`), `${prefix}rule_level`);
  const matches = arrayAt(d, "matches", `${prefix}matches`).filter(isRecord).slice(0, MAX_MATCHES);
  const set = new ObservableSet();
  let first: Date | undefined;
  for (const m of matches) {
    addMatch(set, m);
    for (const f of TIME_FIELDS) {
      const t = utcTime(m[f]);
      if (t && (!first || t < first)) first = t;
    }
  }
  const tags = arrayAt(d, "tags", `${prefix}tags`);
  const count = typeof d.count === "number" ? d.count : matches.length;
  const description = [
    optionalText(d, "description"),
    `${count} matching event(s)`,
    optionalText(d, "id") ? `Sigma rule ${optionalText(d, "id")}${optionalText(d, "sigmafile") ? ` (${optionalText(d, "sigmafile")})` : ""}` : undefined,
  ];
  return {
    title: title.slice(0, 1000),
    severity,
    occurredAt: first ?? receivedAt,
    category: categoryFromAttackTags(tags) ?? categoryFromText(title) ?? "other",
    description: description.filter(Boolean).join("\n"),
    externalId: null,
    observables: set.toArray(),
    vendor: "sigma",
    raw: d,
  };
}

function parseSigma(payload: unknown, options: { receivedAt: Date }): NormalizedAlert[] {
  const detections = Array.isArray(payload) ? payload : [payload];
  if (detections.length === 0) throw new ParseError("body: Zircolite found no detections (empty array)");
  return detections.map((d, i) => detectionToAlert(d, Array.isArray(payload) ? `[${i}].` : "", options.receivedAt));
}

const isDetection = (p: unknown) =>
  isRecord(p) && typeof p.rule_level === "string" && Array.isArray(p.matches) && (Array.isArray(p.sigma) || "sigmafile" in p);

export const sigmaParser: SourceParser = {
  kind: "sigma",
  label: "Sigma matches (Zircolite JSON)",
  detect: (p) => (Array.isArray(p) ? p.length > 0 && isDetection(p[0]) : isDetection(p)),
  parse: parseSigma,
};
