// Amazon GuardDuty findings delivered through EventBridge ({"source": "aws.guardduty",
// "detail-type": "GuardDuty Finding", "detail": <finding>}), or a bare finding object.
// Severity follows GuardDuty's bands (Low < 4, Medium < 7, High < 9, Critical 9-10); occurredAt is
// service.eventFirstSeen, the first time the activity was seen; externalId is the finding id.
import type { Category } from "../categories";
import { categoryFromTactic, categoryFromText } from "../categories";
import { ObservableSet } from "../observables";
import { asString, firstOf, isRecord, quote, readPath, recordsOf, requireDate, requireText, textOf, type JsonRecord } from "../paths";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type SourceParser } from "../types";

// Finding types are ThreatPurpose:ResourceType/ThreatFamily.Mechanism. Purposes named after ATT&CK
// tactics go through categoryFromTactic; these are GuardDuty's own words.
const PURPOSES: Readonly<Record<string, Category>> = {
  backdoor: "c2", cryptocurrency: "malware", trojan: "malware", recon: "recon", pentest: "recon",
  policy: "policy_violation", stealth: "defense_evasion", unauthorizedaccess: "suspicious_login",
};

export function guardDutyCategory(type: string): Category {
  if (/bruteforce/i.test(type)) return "brute_force";
  if (/c&cactivity|dgadomainrequest|blackholetraffic/i.test(type)) return "c2";
  if (/portprobe|portscan/i.test(type)) return "recon";
  const purpose = type.split(":")[0]!.toLowerCase();
  return (Object.hasOwn(PURPOSES, purpose) ? PURPOSES[purpose] : undefined) ?? categoryFromTactic(purpose) ?? categoryFromText(type) ?? "other";
}

function addRemote(set: ObservableSet, details: unknown, role: string): void {
  set.add("ip", [readPath(details, "ipAddressV4"), readPath(details, "ipAddressV6")], role);
}

/** Observables from the finding's action (who acted) and resource (what was hit). */
function observablesOf(finding: JsonRecord, description: string | undefined): ObservableSet {
  const set = new ObservableSet({ consoleHosts: ["console.aws.amazon.com"] });
  const action = readPath(finding, "service.action");
  const network = readPath(action, "networkConnectionAction");
  addRemote(set, readPath(network, "remoteIpDetails"), readPath(network, "connectionDirection") === "OUTBOUND" ? "dst" : "src");
  addRemote(set, readPath(action, "awsApiCallAction.remoteIpDetails"), "src");
  set.add("domain", readPath(action, "awsApiCallAction.domainDetails.domain"), "dst");
  addRemote(set, readPath(action, "kubernetesApiCallAction.remoteIpDetails"), "src");
  addRemote(set, readPath(action, "rdsLoginAttemptAction.remoteIpDetails"), "src");
  for (const probe of recordsOf(readPath(action, "portProbeAction.portProbeDetails"))) addRemote(set, probe.remoteIpDetails, "src");
  set.add("domain", readPath(action, "dnsRequestAction.domain"), "dst");

  const resource = readPath(finding, "resource");
  set.addUser(asString(readPath(resource, "accessKeyDetails.userName")), "target");
  for (const nic of recordsOf(readPath(resource, "instanceDetails.networkInterfaces"))) {
    set.add("ip", [nic.privateIpAddress, nic.publicIp], "target");
    set.addHost(asString(nic.privateDnsName), "target").addHost(asString(nic.publicDnsName), "target");
  }
  set.add("sha256", readPath(finding, "service.runtimeDetails.process.executableSha256"));
  set.addFromText(description);
  return set;
}

function findingOf(payload: unknown): JsonRecord {
  if (!isRecord(payload)) throw new ParseError("body: expected a GuardDuty EventBridge event (a JSON object)");
  if (payload["detail-type"] === undefined && typeof payload.arn === "string") return payload;
  if (payload["detail-type"] !== "GuardDuty Finding")
    throw new ParseError(`detail-type: ${quote(payload["detail-type"] ?? null)} is not "GuardDuty Finding"`);
  if (!isRecord(payload.detail)) throw new ParseError("detail: missing; it holds the GuardDuty finding");
  return payload.detail;
}

function parseGuardDuty(payload: unknown): NormalizedAlert[] {
  const finding = findingOf(payload);
  const at = finding === payload ? "" : "detail.";
  const type = requireText(finding.type, `${at}type`);
  const severity = typeof finding.severity === "number" && finding.severity >= 0 && finding.severity <= 10 ? toSeverity(finding.severity, 10) : undefined;
  if (!severity) throw new ParseError(`${at}severity: ${quote(finding.severity ?? null)} is not a number from 0 to 10`);
  const description = textOf(finding.description);
  return [
    {
      title: textOf(finding.title, 1000) ?? type,
      severity,
      occurredAt: requireDate(firstOf(finding, ["service.eventFirstSeen", "createdAt"]), `${at}service.eventFirstSeen`),
      category: guardDutyCategory(type),
      description: description ? `${description}\nFinding type: ${type}` : `Finding type: ${type}`,
      externalId: requireText(finding.id, `${at}id`, 500),
      observables: observablesOf(finding, description).toArray(),
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
