// Sigma rule matches in Zircolite's JSON output (detected_events.json): an array of
// {title, id, description, sigmafile, sigma, rule_level, tags, count, matches: [<flattened event>]}.
// One alert per matched rule; the matches (Windows event fields, Sysmon, auditd) give the activity
// time (earliest) and the observables. Zircolite results carry no id of their own, so externalId is
// null and dedup falls back to the content fingerprint.
import type { Severity } from "../../db/schema/enums";
import { readAttackTags } from "../attack-tags";
import { resolveCategory } from "../categories";
import { IrrelevantPayloadError } from "../irrelevant";
import { ObservableSet } from "../observables";
import { asString, cleanText, earliestDate, isRecord, quote, recordsOf, requireText, textOf, type JsonRecord } from "../paths";
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
  if (!s) throw new ParseError(`${field}: ${quote(level)} is not a Sigma level (informational/low/medium/high/critical)`);
  return s;
}

/** Machine accounts ("DC01$") act in most Windows events; as observables they would merge unrelated cases. */
const person = (name: unknown) => (typeof name === "string" && !name.trim().endsWith("$") ? name : undefined);

function addMatch(set: ObservableSet, m: JsonRecord): void {
  for (const [f, role] of IP_FIELDS) set.add("ip", m[f], role);
  for (const [f, role] of HOST_FIELDS) set.addHost(asString(m[f]), role);
  set.addUser({ name: person(m.TargetUserName), domain: m.TargetDomainName }, "target");
  set.addUser({ name: person(m.SubjectUserName), domain: m.SubjectDomainName }, "actor");
  set.addUser(person(m.User), "actor");
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
  const title = requireText(d.title, `${prefix}title`);
  const severity = sigmaSeverity(requireText(d.rule_level, `${prefix}rule_level`, 100), `${prefix}rule_level`);
  if (!Array.isArray(d.matches)) throw new ParseError(`${prefix}matches: expected an array of matched events`);
  const matches = recordsOf(d.matches).slice(0, MAX_MATCHES);
  const set = new ObservableSet();
  for (const m of matches) addMatch(set, m);
  const tags = readAttackTags([d.tags].flat());
  const count = typeof d.count === "number" ? d.count : matches.length;
  const rule = textOf(d.id, 200);
  const file = textOf(d.sigmafile, 300);
  const description = [textOf(d.description), `${count} matching event(s)`, rule ? `Sigma rule ${rule}${file ? ` (${file})` : ""}` : undefined];
  return {
    title,
    severity,
    occurredAt: earliestDate(matches.flatMap((m) => TIME_FIELDS.map((f) => m[f]).filter((v) => typeof v === "string"))) ?? receivedAt,
    category: tags.technique ?? resolveCategory({ texts: [title], tactics: tags.tactics }),
    description: cleanText(description.filter(Boolean).join("\n")),
    externalId: null,
    observables: set.toArray(),
    vendor: "sigma",
    raw: d,
  };
}

function parseSigma(payload: unknown, options: { receivedAt: Date }): NormalizedAlert[] {
  const detections = Array.isArray(payload) ? payload : [payload];
  if (detections.length === 0) throw new IrrelevantPayloadError("Zircolite found no detections (an empty array); nothing to alert on", []);
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
