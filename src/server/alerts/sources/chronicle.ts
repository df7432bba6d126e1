// Google SecOps (Chronicle): a YARA-L rule detection as the Detection Engine API returns it —
// {id, type: "RULE_DETECTION", detection: [{ruleName, ruleLabels, riskScore, urlBackToProduct,
// detectionFields}], collectionElements: [{references: [{event: <UDM event>}]}], detectionTime} —
// or a {detections: [...]} page of them. Observables come from the UDM nouns of the referenced
// events. urlBackToProduct points at the SecOps console and is never an observable.
import { resolveCategory } from "../categories";
import { hostOf, ObservableSet } from "../observables";
import { asDate, asNumber, earliestDate, isRecord, readPath, recordsOf, requireRecord, textOf, type JsonRecord } from "../paths";
import { RISK_SCORE, severityFromBands, toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type ParseOptions, type SourceParser } from "../types";

function isDetection(value: unknown): value is JsonRecord {
  return isRecord(value) && Array.isArray(value.collectionElements) && Array.isArray(value.detection);
}

function detectChronicle(payload: unknown): boolean {
  if (isDetection(payload)) return true;
  return isRecord(payload) && Array.isArray(payload.detections) && isDetection(payload.detections[0]);
}

/** The UDM events a detection references, in order. */
function eventsOf(detection: JsonRecord): JsonRecord[] {
  return recordsOf(detection.collectionElements)
    .flatMap((el) => recordsOf(el.references))
    .map((ref) => ref.event)
    .filter(isRecord);
}

function labelOf(rule: JsonRecord, key: string): unknown {
  return recordsOf(rule.ruleLabels).find((l) => l.key === key)?.value;
}

function severityOf(rule: JsonRecord) {
  const word = toSeverity(rule.severity) ?? toSeverity(labelOf(rule, "severity"));
  if (word) return word;
  const score = asNumber(rule.riskScore);
  return score === undefined ? "medium" : severityFromBands(score, RISK_SCORE);
}

const NOUNS = [
  ["principal", "src", "actor"],
  ["src", "src", "actor"],
  ["target", "dst", "target"],
  ["intermediary", "intermediary", "intermediary"],
] as const;

function addEvent(set: ObservableSet, event: JsonRecord): void {
  for (const [noun, role, userRole] of NOUNS) {
    const n = event[noun];
    if (!isRecord(n)) continue;
    set.addHost({ name: n.hostname ?? readPath(n, "asset.hostname") }, role);
    set.add("ip", [n.ip, readPath(n, "asset.ip")].flat(), role);
    set.addUser({ name: readPath(n, "user.userid"), domain: n.administrativeDomain }, userRole);
    set.add("email", readPath(n, "user.emailAddresses"), userRole).add("url", n.url, role);
    for (const file of [n.file, readPath(n, "process.file")]) {
      if (!isRecord(file)) continue;
      set.add("md5", file.md5).add("sha1", file.sha1).add("sha256", file.sha256);
    }
  }
  for (const q of recordsOf(readPath(event, "network.dns.questions"))) set.add("domain", q.name);
  set.add("email", readPath(event, "network.email.from"), "src").add("email", readPath(event, "network.email.to"), "dst");
}

/** UDM security_result categories that say more than the rule name. */
function udmCategories(events: JsonRecord[]): string[] {
  return events
    .flatMap((e) => recordsOf(e.securityResult))
    .flatMap((r) => [r.category].flat())
    .filter((c): c is string => typeof c === "string")
    .map((c) => c.replace(/_/g, " ").replace(/^SOFTWARE MALICIOUS$/i, "malware"));
}

function toAlert(detection: JsonRecord, index: number, options: ParseOptions): NormalizedAlert {
  const at = (field: string) => (index < 0 ? field : `detections[${index}].${field}`);
  const rule = recordsOf(detection.detection)[0];
  const title = textOf(rule?.ruleName, 1000);
  if (!rule || !title) throw new ParseError(`${at("detection[0].ruleName")}: missing or empty`);
  const events = eventsOf(detection);
  const occurredAt =
    earliestDate(events.map((e) => readPath(e, "metadata.eventTimestamp"))) ??
    asDate(readPath(detection, "timeWindow.startTime")) ??
    asDate(detection.detectionTime) ??
    options.receivedAt;

  const set = new ObservableSet({ consoleHosts: ["chronicle.security", hostOf(rule.urlBackToProduct)] });
  for (const event of events) addEvent(set, event);
  for (const field of recordsOf(rule.detectionFields)) set.addGuess(field.value);
  const description = textOf(rule.description ?? labelOf(rule, "description")) ?? null;
  set.addFromText(description);
  return {
    title,
    severity: severityOf(rule),
    occurredAt,
    category: resolveCategory({
      texts: [title, ...udmCategories(events)],
      tactics: [labelOf(rule, "tactic"), labelOf(rule, "mitre_attack_tactic")],
    }),
    description,
    externalId: textOf(detection.id, 500) ?? null,
    observables: set.toArray(),
    vendor: "chronicle",
    raw: detection,
  };
}

function parseChronicle(payload: unknown, options: ParseOptions): NormalizedAlert[] {
  const body = requireRecord(payload, "body");
  if (Array.isArray(body.detections)) return body.detections.map((d, i) => toAlert(requireRecord(d, `detections[${i}]`), i, options));
  if (!Array.isArray(body.detection)) throw new ParseError(`detection: expected the array of rule matches (detection[0].ruleName)`);
  return [toAlert(body, -1, options)];
}

export const chronicleParser: SourceParser = { kind: "chronicle", label: "Google SecOps / Chronicle (rule detection)", detect: detectChronicle, parse: parseChronicle };
