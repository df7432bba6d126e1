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
import type { Severity } from "../../db/schema/enums";
import { readAttackTags } from "../attack-tags";
import { resolveCategory } from "../categories";
import { ObservableSet } from "../observables";
import { asDate, asString, cleanText, isRecord, quote, readPath, textOf, type JsonRecord } from "../paths";
import { ParseError, type NormalizedAlert, type SourceParser } from "../types";

const CONSOLE_HOSTS = ["datadoghq.com", "datadoghq.eu", "ddog-gov.com", "datadoghq.com.au"];
/** $SECURITY_SIGNAL_SEVERITY values (Datadog rule case statuses). */
const SEVERITIES: Readonly<Record<string, Severity>> = { info: "low", low: "low", medium: "medium", high: "high", critical: "critical" };

/** Template placeholders a sender forgot to fill ("$SECURITY_SIGNAL_ID") count as absent. */
const filled = (v: string | undefined) => (v === undefined || /^\$[A-Z0-9_]+$/.test(v) ? undefined : v);
const text = (p: JsonRecord, key: string, max?: number) => filled(textOf(p[key], max));

/** A JSON-valued variable, sent as a value or as JSON text; a ParseError when the text is not JSON. */
function jsonField(p: JsonRecord, key: string): unknown {
  const v = p[key];
  if (typeof v !== "string") return v;
  if (!filled(v.trim()) || !v.trim()) return undefined;
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
  for (const key of [path, `@${path}`]) if (Object.hasOwn(source, key)) return source[key];
  return undefined;
}

/** Standard Datadog attributes: network.client.ip, usr.*, host, http.url, dns.question.name. */
function observablesOf(attributes: unknown, groupBy: unknown, description: string | undefined): ObservableSet {
  const set = new ObservableSet({ consoleHosts: CONSOLE_HOSTS });
  for (const source of [groupBy, attributes]) {
    const at = (path: string) => attribute(source, path);
    set.add("ip", at("network.client.ip"), "src").add("ip", at("network.destination.ip"), "dst");
    for (const user of [at("usr.id"), at("usr.name")].flat()) set.addUser(asString(user), "actor");
    set.add("email", at("usr.email"), "actor");
    for (const host of [at("host"), at("hostname")].flat()) set.addHost(asString(host), "host");
    set.add("url", at("http.url"), "dst").add("domain", at("dns.question.name"), "dst");
  }
  set.addFromText(description);
  return set;
}

function parseDatadog(payload: unknown, options: { receivedAt: Date }): NormalizedAlert[] {
  if (!isRecord(payload)) throw new ParseError("body: expected a JSON object built from Vigil's Datadog webhook payload");
  const signalId = text(payload, "security_signal_id", 500);
  if (!signalId) throw new ParseError("security_signal_id: missing; use Vigil's Datadog webhook payload ($SECURITY_SIGNAL_ID)");
  const title = text(payload, "security_signal_title", 1000) ?? text(payload, "security_rule_name", 1000) ?? text(payload, "event_title", 1000);
  if (!title) throw new ParseError("security_signal_title: missing (and no security_rule_name to fall back on)");
  const severityWord = text(payload, "security_signal_severity")?.toLowerCase();
  const severity = severityWord && Object.hasOwn(SEVERITIES, severityWord) ? SEVERITIES[severityWord] : undefined;
  if (!severity) throw new ParseError(`security_signal_severity: ${quote(payload.security_signal_severity ?? null)} is not info/low/medium/high/critical`);
  const dateText = text(payload, "date");
  const occurredAt = dateText === undefined ? options.receivedAt : asDate(dateText);
  if (!occurredAt) throw new ParseError(`date: ${quote(dateText)} is not a time; send $DATE (epoch milliseconds)`);
  const description = text(payload, "security_signal_msg") ?? text(payload, "event_msg");
  const tags = readAttackTags((text(payload, "tags", 10_000) ?? "").split(","));
  return [
    {
      title,
      severity,
      occurredAt,
      category: tags.technique ?? resolveCategory({ texts: [text(payload, "security_rule_name"), title], tactics: tags.tactics }),
      description: description ? cleanText(description) : null,
      externalId: signalId,
      observables: observablesOf(jsonField(payload, "security_signal_attributes"), jsonField(payload, "security_rule_group_by_fields"), description).toArray(),
      vendor: "datadog",
      raw: payload,
    },
  ];
}

export const datadogParser: SourceParser = {
  kind: "datadog",
  label: "Datadog security signal (webhook)",
  detect: (p) => isRecord(p) && typeof p.security_signal_id === "string" && filled(p.security_signal_id.trim()) !== undefined && p.security_signal_id.trim() !== "",
  parse: parseDatadog,
};
