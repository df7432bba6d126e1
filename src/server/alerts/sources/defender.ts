// Microsoft Defender XDR: Graph security alerts_v2 (microsoft.graph.security.alert), one alert
// object as GET /security/alerts_v2/{id} returns it, or a {value: [...]} page of them. Observables
// come from the typed `evidence` list; alertWebUrl and incidentWebUrl point at the Defender portal
// and are never observables.
import { resolveCategory } from "../categories";
import { hostOf, ObservableSet } from "../observables";
import { asDate, asString, isRecord, readPath, recordsOf, requireRecord, textOf, quote, type JsonRecord } from "../paths";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type ParseOptions, type SourceParser } from "../types";

const ALERT_TYPE = /microsoft\.graph\.security\.alert$/i;

function isGraphAlert(value: unknown): value is JsonRecord {
  if (!isRecord(value)) return false;
  const odataType = value["@odata.type"];
  if (typeof odataType === "string") return ALERT_TYPE.test(odataType);
  return typeof value.providerAlertId === "string" && typeof value.serviceSource === "string" && Array.isArray(value.evidence);
}

function detectDefender(payload: unknown): boolean {
  if (isGraphAlert(payload)) return true;
  return isRecord(payload) && Array.isArray(payload.value) && payload.value.length > 0 && isGraphAlert(payload.value[0]);
}

function addAccount(set: ObservableSet, account: unknown, role?: string): void {
  if (!isRecord(account)) return;
  set.addUser({ name: account.accountName, domain: account.domainName, upn: account.userPrincipalName }, role);
}

function addFile(set: ObservableSet, file: unknown, role?: string): void {
  if (!isRecord(file)) return;
  set.add("md5", file.md5, role).add("sha1", file.sha1, role).add("sha256", file.sha256, role);
}

function addEvidence(set: ObservableSet, ev: JsonRecord): void {
  const kind = String(ev["@odata.type"] ?? "").replace(/^#?microsoft\.graph\.security\./i, "");
  const role = asString(Array.isArray(ev.roles) ? ev.roles[0] : undefined);
  switch (kind) {
    case "deviceEvidence":
      set.addHost(asString(ev.deviceDnsName), role ?? "host");
      set.add("ip", ev.ipInterfaces, role ?? "host");
      for (const user of recordsOf(ev.loggedOnUsers)) addAccount(set, user, "logged_on");
      break;
    case "fileEvidence":
      addFile(set, ev.fileDetails, role);
      break;
    case "processEvidence":
      addFile(set, ev.imageFile, role);
      addAccount(set, ev.userAccount, role ?? "actor");
      break;
    case "userEvidence":
      addAccount(set, ev.userAccount, role);
      break;
    case "ipEvidence":
      set.add("ip", ev.ipAddress, role);
      break;
    case "urlEvidence":
      set.add("url", ev.url, role);
      break;
    case "mailboxEvidence":
      set.add("email", ev.primaryAddress, role);
      addAccount(set, ev.userAccount, role);
      break;
    case "analyzedMessageEvidence":
      set.add("ip", ev.senderIp, "src").add("email", [readPath(ev, "p1Sender.emailAddress"), readPath(ev, "p2Sender.emailAddress")], "src");
      set.add("email", ev.recipientEmailAddress, "dst").add("url", ev.urls);
      break;
  }
}

function toAlert(alert: JsonRecord, index: number, options: ParseOptions): NormalizedAlert {
  const at = (field: string) => (index < 0 ? field : `value[${index}].${field}`);
  const title = textOf(alert.title, 1000);
  if (!title) throw new ParseError(`${at("title")}: missing or empty`);
  const occurredRaw = alert.firstActivityDateTime ?? alert.createdDateTime;
  const occurredAt = occurredRaw == null ? options.receivedAt : asDate(occurredRaw);
  if (!occurredAt) throw new ParseError(`${at("firstActivityDateTime")}: ${quote(occurredRaw)} is not a date`);

  const set = new ObservableSet({ consoleHosts: ["security.microsoft.com", hostOf(alert.alertWebUrl), hostOf(alert.incidentWebUrl)] });
  for (const ev of recordsOf(alert.evidence)) addEvidence(set, ev);
  const description = textOf(alert.description) ?? null;
  set.addFromText(description);
  return {
    title,
    severity: toSeverity(alert.severity) ?? "medium",
    occurredAt,
    category: resolveCategory({ texts: [title, alert.threatFamilyName], tactics: [alert.category] }),
    description,
    externalId: textOf(alert.id, 500) ?? textOf(alert.providerAlertId, 500) ?? null,
    observables: set.toArray(),
    vendor: "defender",
    raw: alert,
  };
}

function parseDefender(payload: unknown, options: ParseOptions): NormalizedAlert[] {
  const body = requireRecord(payload, "body");
  if (Array.isArray(body.value) && isRecord(body.value[0]) && isRecord(body.value[0].resourceData))
    throw new ParseError("value[0].resourceData: this is a Graph change notification, which carries only the alert id; post the alert itself (GET /security/alerts_v2/{id})");
  if (Array.isArray(body.value)) return body.value.map((a, i) => toAlert(requireRecord(a, `value[${i}]`), i, options));
  return [toAlert(body, -1, options)];
}

export const defenderParser: SourceParser = { kind: "defender", label: "Microsoft Defender XDR (Graph alerts_v2)", detect: detectDefender, parse: parseDefender };
