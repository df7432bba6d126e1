// Datadog security signals (Cloud SIEM, App and API Protection, Workload Protection) sent by the
// Datadog Webhooks integration. Datadog lets you write the webhook payload; use this one, whose keys
// are the documented variable names in lower case (https://docs.datadoghq.com/integrations/webhooks/):
//   {"id": "$ID", "date": "$DATE", "link": "$LINK", "tags": "$TAGS",
//    "event_title": "$EVENT_TITLE", "event_msg": "$TEXT_ONLY_MSG",
//    "security_signal_id": "$SECURITY_SIGNAL_ID", "security_signal_title": "$SECURITY_SIGNAL_TITLE",
//    "security_signal_severity": "$SECURITY_SIGNAL_SEVERITY", "security_signal_msg": "$SECURITY_SIGNAL_MSG",
//    "security_signal_attributes": $SECURITY_SIGNAL_ATTRIBUTES,
//    "security_rule_id": "$SECURITY_RULE_ID", "security_rule_name": "$SECURITY_RULE_NAME",
//    "security_rule_type": "$SECURITY_RULE_TYPE",
//    "security_rule_group_by_fields": $SECURITY_RULE_GROUP_BY_FIELDS,
//    "security_rule_matched_queries": $SECURITY_RULE_MATCHED_QUERIES}
// The JSON-valued variables may also be quoted (sent as JSON text); both forms are read.
import type { ObservableType } from "../../db/schema/enums";
import { categoryFromAttackTags, categoryFromText } from "../category-hints";
import { ObservableSet } from "../observables";
import { readPath } from "../paths";
import { isRecord, optionalText, optionalTime, unfilled, type JsonObject } from "../payload";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type SourceParser } from "../types";

const CONSOLE_HOSTS = ["datadoghq.com", "datadoghq.eu", "ddog-gov.com", "datadoghq.com.au"];

// Attribute paths (standard Datadog attributes) that name observables.
const ATTRIBUTES: [string, ObservableType, string][] = [
  ["network.client.ip", "ip", "src"],
  ["network.destination.ip", "ip", "dst"],
  ["usr.id", "user", "actor"],
  ["usr.name", "user", "actor"],
  ["usr.email", "email", "actor"],
  ["host", "host", "host"],
  ["hostname", "host", "host"],
  ["http.url", "url", "dst"],
  ["dns.question.name", "domain", "dst"],
];

const text = (p: JsonObject, key: string) => unfilled(optionalText(p, key));

/** A JSON-valued variable, sent as a value or as JSON text; a ParseError when the text is not JSON. */
function jsonField(p: JsonObject, key: string): unknown {
  const v = p[key];
  if (typeof v !== "string") return v;
  if (!unfilled(v.trim())) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    throw new ParseError(`${key}: not JSON; put $${key.toUpperCase()} in the payload without quotes`);
  }
}

/** Reads "a.b" from nested objects, flattened "a.b" keys, or "@a.b" group-by keys. */
function attribute(source: unknown, path: string): unknown {
  if (!isRecord(source)) return undefined;
  const nested = readPath(source, path);
  if (nested !== undefined) return nested;
  for (const key of [path, `@${path}`]) if (Object.prototype.hasOwnProperty.call(source, key)) return source[key];
  return undefined;
}

function observablesOf(attributes: unknown, groupBy: unknown, description: string | null): ObservableSet {
  const set = new ObservableSet();
  for (const source of [groupBy, attributes])
    for (const [path, type, role] of ATTRIBUTES) set.add(type, attribute(source, path), role);
  set.addFromText(description, CONSOLE_HOSTS);
  return set;
}

function parseDatadog(payload: unknown, options: { receivedAt: Date }): NormalizedAlert[] {
  if (!isRecord(payload)) throw new ParseError("body: expected a JSON object built from Vigil's Datadog webhook payload");
  const signalId = text(payload, "security_signal_id");
  if (!signalId) throw new ParseError("security_signal_id: missing; use Vigil's Datadog webhook payload ($SECURITY_SIGNAL_ID)");
  const title = text(payload, "security_signal_title") ?? text(payload, "security_rule_name") ?? text(payload, "event_title");
  if (!title) throw new ParseError("security_signal_title: missing (and no security_rule_name to fall back on)");
  const severityRaw = text(payload, "security_signal_severity");
  const severity = severityRaw ? toSeverity(severityRaw) : undefined;
  if (!severity) throw new ParseError(`security_signal_severity: ${JSON.stringify(severityRaw ?? null)} is not info/low/medium/high/critical`);
  const occurredAt = (unfilled(optionalText(payload, "date")) && optionalTime(payload, "date")) || options.receivedAt;
  const attributes = jsonField(payload, "security_signal_attributes");
  const groupBy = jsonField(payload, "security_rule_group_by_fields");
  const description = text(payload, "security_signal_msg") ?? text(payload, "event_msg") ?? null;
  const tags = (text(payload, "tags") ?? "").split(",").map((t) => t.trim());
  const ruleName = text(payload, "security_rule_name");
  return [
    {
      title: title.slice(0, 1000),
      severity,
      occurredAt,
      category: categoryFromAttackTags(tags) ?? categoryFromText(ruleName, title) ?? "other",
      description,
      externalId: signalId,
      observables: observablesOf(attributes, groupBy, description).toArray(),
      vendor: "datadog",
      raw: payload,
    },
  ];
}

export const datadogParser: SourceParser = {
  kind: "datadog",
  label: "Datadog security signal (webhook)",
  detect: (p) => isRecord(p) && typeof p.security_signal_id === "string" && unfilled(p.security_signal_id) !== undefined,
  parse: parseDatadog,
};
