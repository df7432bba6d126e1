// Amazon GuardDuty findings delivered through EventBridge ({"source": "aws.guardduty",
// "detail-type": "GuardDuty Finding", "detail": <finding>}), or a bare finding object.
// Severity follows GuardDuty's bands (Low < 4, Medium < 7, High < 9, Critical 9-10); occurredAt is
// service.eventFirstSeen, the first time the activity was seen; externalId is the finding id.
import { categoryFromText } from "../category-hints";
import { ObservableSet } from "../observables";
import { readPath } from "../paths";
import { arrayAt, isRecord, optionalText, requireText, requireTime, type JsonObject } from "../payload";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type SourceParser } from "../types";

// ThreatPurpose (the part before ":" in the finding type) to a category; family names refine it.
const PURPOSES: Record<string, string> = {
  backdoor: "c2", cryptocurrency: "malware", trojan: "malware", execution: "malware",
  exfiltration: "data_exfiltration", privilegeescalation: "privilege_escalation",
  persistence: "privilege_escalation", recon: "recon", discovery: "recon", pentest: "recon",
  policy: "policy_violation", stealth: "policy_violation", defenseevasion: "policy_violation",
  unauthorizedaccess: "suspicious_login", initialaccess: "suspicious_login", credentialaccess: "suspicious_login",
};

export function guardDutyCategory(type: string): string {
  if (/bruteforce/i.test(type)) return "brute_force";
  if (/c&cactivity|dgadomainrequest|blackholetraffic/i.test(type)) return "c2";
  if (/portprobe|portscan/i.test(type)) return "recon";
  const purpose = type.split(":")[0]!.toLowerCase();
  return PURPOSES[purpose] ?? categoryFromText(type) ?? "other";
}

function addRemote(set: ObservableSet, details: unknown, role: string): void {
  set.add("ip", readPath(details, "ipAddressV4"), role);
  set.add("ip", readPath(details, "ipAddressV6"), role);
}

/** Observables from the finding's action (who acted) and resource (what was hit). */
function observablesOf(finding: JsonObject): ObservableSet {
  const set = new ObservableSet();
  const action = readPath(finding, "service.action");
  const network = readPath(action, "networkConnectionAction");
  const inbound = readPath(network, "connectionDirection") !== "OUTBOUND";
  addRemote(set, readPath(network, "remoteIpDetails"), inbound ? "src" : "dst");
  addRemote(set, readPath(action, "awsApiCallAction.remoteIpDetails"), "src");
  set.add("domain", readPath(action, "awsApiCallAction.domainDetails.domain"), "dst");
  addRemote(set, readPath(action, "kubernetesApiCallAction.remoteIpDetails"), "src");
  addRemote(set, readPath(action, "rdsLoginAttemptAction.remoteIpDetails"), "src");
  for (const probe of arrayAt(action, "portProbeAction.portProbeDetails")) addRemote(set, readPath(probe, "remoteIpDetails"), "src");
  set.add("domain", readPath(action, "dnsRequestAction.domain"), "dst");

  const resource = readPath(finding, "resource");
  set.add("user", readPath(resource, "accessKeyDetails.userName"), "target");
  for (const nic of arrayAt(resource, "instanceDetails.networkInterfaces")) {
    set.add("ip", readPath(nic, "privateIpAddress"), "target");
    set.add("ip", readPath(nic, "publicIp"), "target");
    set.add("host", readPath(nic, "privateDnsName"), "target");
    set.add("host", readPath(nic, "publicDnsName"), "target");
  }
  set.add("sha256", readPath(finding, "service.runtimeDetails.process.executableSha256"));
  return set;
}

function findingOf(payload: unknown): JsonObject {
  if (!isRecord(payload)) throw new ParseError("body: expected a GuardDuty EventBridge event (a JSON object)");
  if (payload["detail-type"] === undefined && isRecord(payload) && typeof payload.arn === "string") return payload;
  const detailType = payload["detail-type"];
  if (detailType !== "GuardDuty Finding")
    throw new ParseError(`detail-type: ${JSON.stringify(detailType ?? null)} is not "GuardDuty Finding"`);
  if (!isRecord(payload.detail)) throw new ParseError("detail: missing; it holds the GuardDuty finding");
  return payload.detail;
}

function parseGuardDuty(payload: unknown): NormalizedAlert[] {
  const finding = findingOf(payload);
  const prefix = finding === payload ? "" : "detail.";
  const id = requireText(finding, "id", `${prefix}id`);
  const type = requireText(finding, "type", `${prefix}type`);
  const severityRaw = readPath(finding, "severity");
  const severity = typeof severityRaw === "number" && severityRaw >= 0 && severityRaw <= 10 ? toSeverity(severityRaw, 10) : undefined;
  if (!severity) throw new ParseError(`${prefix}severity: ${JSON.stringify(severityRaw ?? null)} is not a number from 0 to 10`);
  const occurredAt = requireTime(finding, ["service.eventFirstSeen", "createdAt"], `${prefix}service.eventFirstSeen`);
  const description = optionalText(finding, "description") ?? null;
  const set = observablesOf(finding);
  set.addFromText(description, ["aws.amazon.com", "amazonaws.com"]);
  return [
    {
      title: (optionalText(finding, "title") ?? type).slice(0, 1000),
      severity,
      occurredAt,
      category: guardDutyCategory(type),
      description: description ? `${description}\nFinding type: ${type}` : `Finding type: ${type}`,
      externalId: id,
      observables: set.toArray(),
      vendor: "guardduty",
      raw: payload,
    },
  ];
}

export const guardDutyParser: SourceParser = {
  kind: "guardduty",
  label: "Amazon GuardDuty (EventBridge)",
  detect: (p) =>
    isRecord(p) &&
    ((p.source === "aws.guardduty" && p["detail-type"] === "GuardDuty Finding") ||
      (typeof p.arn === "string" && /^arn:aws[\w-]*:guardduty:.*\/finding\//.test(p.arn))),
  parse: parseGuardDuty,
};
