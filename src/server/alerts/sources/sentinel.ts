// Microsoft Sentinel: the incident trigger of a playbook (Logic App) forwarding triggerBody() —
// {objectSchemaType: "Incident", workspaceInfo, object: <incident resource>} — or the incident
// resource itself as the Incidents REST API returns it. One alert per incident; entities come from
// properties.relatedEntities. incidentUrl and alerts' alertLink point at the portal: never observables.
import { resolveCategory } from "../categories";
import { hostOf, ObservableSet } from "../observables";
import { asDate, earliestDate, isRecord, readPath, recordsOf, requireRecord, textOf, quote, type JsonRecord } from "../paths";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type ParseOptions, type SourceParser } from "../types";

const INCIDENT_TYPE = /^Microsoft\.SecurityInsights\/incidents$/i;
const PORTALS = ["portal.azure.com", "security.microsoft.com"];

/** The incident resource inside a trigger body (also one wrapped in a Logic App {body}). */
function incidentOf(payload: unknown): JsonRecord | undefined {
  if (!isRecord(payload)) return undefined;
  if (isRecord(payload.body) && payload.body.objectSchemaType === "Incident") return incidentOf(payload.body);
  if (payload.objectSchemaType === "Incident") return isRecord(payload.object) ? payload.object : undefined;
  return typeof payload.type === "string" && INCIDENT_TYPE.test(payload.type) ? payload : undefined;
}

function detectSentinel(payload: unknown): boolean {
  return incidentOf(payload) !== undefined;
}

function addEntity(set: ObservableSet, entity: JsonRecord): void {
  const p = isRecord(entity.properties) ? entity.properties : {};
  switch (entity.kind) {
    case "Account":
      set.addUser({ name: p.accountName ?? p.name, domain: p.ntDomain, upn: p.userPrincipalName, upnSuffix: p.upnSuffix }, "account");
      break;
    case "Host":
      set.addHost({ name: p.hostName, domain: p.dnsDomain }, "host");
      break;
    case "Ip":
      set.add("ip", p.address);
      break;
    case "Url":
      set.add("url", p.url);
      break;
    case "FileHash":
      set.addHash(p.hashValue);
      break;
    case "DnsResolution":
      set.add("domain", p.domainName);
      break;
    case "MailMessage":
      set.add("email", [p.sender, p.p1Sender, p.p2Sender].flat(), "src").add("email", p.recipient, "dst");
      set.add("ip", p.senderIP, "src").add("url", p.urls);
      break;
    case "Mailbox":
      set.add("email", p.mailboxPrimaryAddress).addUser({ upn: p.upn });
      break;
  }
}

function parseSentinel(payload: unknown, options: ParseOptions): NormalizedAlert[] {
  requireRecord(payload, "body");
  const incident = incidentOf(payload);
  if (!incident) throw new ParseError(`object: missing; expected objectSchemaType "Incident" with the incident in "object"`);
  const props = requireRecord(incident.properties, "object.properties");
  const title = textOf(props.title, 1000);
  if (!title) throw new ParseError("object.properties.title: missing or empty");
  const alerts = recordsOf(props.alerts).map((a) => (isRecord(a.properties) ? a.properties : {}));

  const occurredRaw = props.firstActivityTimeUtc;
  const occurredAt = asDate(occurredRaw) ?? earliestDate(alerts.map((a) => a.startTimeUtc)) ?? asDate(props.createdTimeUtc) ?? options.receivedAt;
  if (occurredRaw !== undefined && occurredRaw !== null && !asDate(occurredRaw))
    throw new ParseError(`object.properties.firstActivityTimeUtc: ${quote(occurredRaw)} is not a date`);

  const set = new ObservableSet({ consoleHosts: [...PORTALS, hostOf(props.incidentUrl), ...alerts.map((a) => hostOf(a.alertLink))] });
  for (const entity of recordsOf(props.relatedEntities)) addEntity(set, entity);
  const description = textOf(props.description) ?? null;
  set.addFromText(description);

  return [
    {
      title,
      severity: toSeverity(props.severity) ?? "medium",
      occurredAt,
      category: resolveCategory({
        texts: [title, ...alerts.map((a) => a.alertDisplayName)],
        tactics: [readPath(props, "additionalData.tactics"), ...alerts.map((a) => a.tactics)].flat(),
      }),
      description,
      externalId: textOf(incident.name, 500) ?? textOf(incident.id, 500) ?? null,
      observables: set.toArray(),
      vendor: "sentinel",
      raw: payload,
    },
  ];
}

export const sentinelParser: SourceParser = { kind: "sentinel", label: "Microsoft Sentinel (incident trigger)", detect: detectSentinel, parse: parseSentinel };
