// CrowdStrike Falcon: a DetectionSummaryEvent from the Event Streams API (as the SIEM connector
// writes it): {metadata: {eventType, eventCreationTime, offset, customerIDString}, event: {DetectId,
// DetectName, DetectDescription, Severity, SeverityName, ComputerName, UserName, MachineDomain,
// hashes, CommandLine, Tactic, Technique, FalconHostLink, ...}}. FalconHostLink points at the Falcon
// console and is never an observable.
import { resolveCategory } from "../categories";
import { ObservableSet } from "../observables";
import { asDate, asNumber, asString, isRecord, readPath, recordsOf, requireRecord, textOf, quote, type JsonRecord } from "../paths";
import { ONE_TO_FIVE, RISK_SCORE, severityFromBands, toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type ParseOptions, type SourceParser } from "../types";
import type { ObservableType, Severity } from "../../db/schema/enums";

const EVENT_TYPE = "DetectionSummaryEvent";

function detectCrowdStrike(payload: unknown): boolean {
  return isRecord(payload) && readPath(payload, "metadata.eventType") === EVENT_TYPE && isRecord(payload.event);
}

/** SeverityName when given; Severity is 1-5 in older events and 0-100 in newer ones. */
function severityOf(event: JsonRecord): Severity {
  const word = toSeverity(event.SeverityName);
  if (word) return word;
  const n = asNumber(event.Severity);
  if (n === undefined) return "medium";
  return n <= 5 ? severityFromBands(n, ONE_TO_FIVE) : severityFromBands(n, RISK_SCORE);
}

const IOC_TYPES = new Map<unknown, ObservableType>([
  ["hash_sha256", "sha256"], ["hash_md5", "md5"], ["hash_sha1", "sha1"], ["domain", "domain"], ["ipv4", "ip"], ["ipv6", "ip"], ["url", "url"],
]);

function observablesOf(event: JsonRecord): ObservableSet {
  const set = new ObservableSet({ consoleHosts: ["crowdstrike.com"] });
  set.addHost({ name: event.ComputerName, domain: event.MachineDomain }, "host").add("ip", event.LocalIP, "host");
  set.addUser({ name: event.UserName, domain: event.MachineDomain }, "actor");
  set.add("sha256", event.SHA256String).add("sha1", event.SHA1String).add("md5", event.MD5String);
  const iocType = IOC_TYPES.get(event.IOCType);
  if (iocType) set.add(iocType, event.IOCValue, "ioc");
  for (const access of recordsOf(event.NetworkAccesses)) set.add("ip", access.RemoteAddress, "dst");
  for (const dns of recordsOf(event.DnsRequests)) set.add("domain", dns.DomainName);
  set.addFromText(asString(event.CommandLine)).addFromText(asString(event.DetectDescription));
  return set;
}

function parseCrowdStrike(payload: unknown, options: ParseOptions): NormalizedAlert[] {
  const body = requireRecord(payload, "body");
  const metadata = requireRecord(body.metadata, "metadata");
  if (metadata.eventType !== EVENT_TYPE)
    throw new ParseError(`metadata.eventType: expected "${EVENT_TYPE}", got ${quote(metadata.eventType)}`);
  const event = requireRecord(body.event, "event");
  const title = textOf(event.DetectName ?? event.Name, 1000);
  if (!title) throw new ParseError("event.DetectName: missing or empty");
  // ProcessStartTime is when the detected process ran; eventCreationTime when Falcon reported it.
  const occurredAt = asDate(event.ProcessStartTime) ?? asDate(event.ContextTimeStamp) ?? asDate(metadata.eventCreationTime) ?? options.receivedAt;

  return [
    {
      title,
      severity: severityOf(event),
      occurredAt,
      category: resolveCategory({ texts: [title, event.Technique], tactics: [event.Tactic] }),
      description: textOf(event.DetectDescription) ?? null,
      externalId: textOf(event.DetectId ?? event.CompositeId, 500) ?? null,
      observables: observablesOf(event).toArray(),
      vendor: "crowdstrike",
      raw: payload,
    },
  ];
}

export const crowdstrikeParser: SourceParser = { kind: "crowdstrike", label: "CrowdStrike Falcon (DetectionSummaryEvent)", detect: detectCrowdStrike, parse: parseCrowdStrike };
