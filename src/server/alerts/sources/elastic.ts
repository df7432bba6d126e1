// Elastic Security through the Kibana webhook connector. The connector posts the body the rule's
// action templates; we accept the documented alert-schema documents either alone or as the
// `alerts` array ({{{context.alerts}}}) of a summary body. Alert documents mix flattened dotted keys
// ("kibana.alert.rule.name") with nested ECS objects (host.name), so every field is read with
// readDotted. kibana.alert.url and context.results_link point back at Kibana: never observables.
// The connector body to configure on the rule's action (triple braces: no string escaping):
//   {"rule": {"id": "{{rule.id}}", "name": "{{rule.name}}"}, "results_link": "{{{context.results_link}}}",
//    "alerts": {{{context.alerts}}}}
import { resolveCategory } from "../categories";
import { hostOf, ObservableSet } from "../observables";
import { asDate, asNumber, firstDotted, isRecord, readDotted, recordsOf, requireRecord, textOf, quote, type JsonRecord } from "../paths";
import { RISK_SCORE, severityFromBands, toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type ParseOptions, type SourceParser } from "../types";

const RULE_NAME = "kibana.alert.rule.name";

function alertDocsOf(body: JsonRecord): JsonRecord[] | undefined {
  if (readDotted(body, RULE_NAME) !== undefined) return [body];
  const list = body.alerts ?? readDotted(body, "context.alerts");
  return Array.isArray(list) ? recordsOf(list) : undefined;
}

function detectElastic(payload: unknown): boolean {
  if (!isRecord(payload)) return false;
  const docs = alertDocsOf(payload);
  return !!docs && docs.length > 0 && readDotted(docs[0], RULE_NAME) !== undefined;
}

const get = (doc: JsonRecord, ...paths: string[]) => firstDotted(doc, paths);

function severityOf(doc: JsonRecord) {
  const word = toSeverity(get(doc, "kibana.alert.severity", "kibana.alert.rule.severity"));
  if (word) return word;
  const score = asNumber(get(doc, "kibana.alert.risk_score", "kibana.alert.rule.risk_score"));
  return score === undefined ? "medium" : severityFromBands(score, RISK_SCORE);
}

function occurredAtOf(doc: JsonRecord, index: number, receivedAt: Date): Date {
  const raw = get(doc, "kibana.alert.original_time", "@timestamp");
  if (raw === undefined) return receivedAt;
  const date = asDate(raw);
  if (!date) throw new ParseError(`alerts[${index}].kibana.alert.original_time: ${quote(raw)} is not a date`);
  return date;
}

function tacticsOf(doc: JsonRecord): unknown[] {
  const threats = [...recordsOf(readDotted(doc, "kibana.alert.rule.threat")), ...recordsOf(readDotted(doc, "threat"))];
  return threats.map((t) => readDotted(t, "tactic.name"));
}

function observablesOf(doc: JsonRecord, consoleHosts: (string | undefined)[]): ObservableSet {
  const set = new ObservableSet({ consoleHosts: [...consoleHosts, hostOf(readDotted(doc, "kibana.alert.url"))] });
  set.addHost({ name: get(doc, "host.name", "host.hostname"), domain: get(doc, "host.domain") }, "host");
  set.add("ip", get(doc, "host.ip"), "host");
  set.addUser({ name: get(doc, "user.name"), domain: get(doc, "user.domain") }, "actor");
  set.addUser({ name: get(doc, "winlog.event_data.TargetUserName"), domain: get(doc, "winlog.event_data.TargetDomainName") }, "target");
  set.add("email", get(doc, "user.email"), "actor");
  set.add("ip", get(doc, "source.ip", "client.ip"), "src").add("ip", get(doc, "destination.ip", "server.ip"), "dst");
  set.add("domain", [get(doc, "source.domain"), get(doc, "destination.domain"), get(doc, "dns.question.name")].flat());
  set.add("url", get(doc, "url.full", "url.original"));
  for (const prefix of ["file.hash", "process.hash", "process.parent.hash", "dll.hash"])
    set.add("md5", get(doc, `${prefix}.md5`)).add("sha1", get(doc, `${prefix}.sha1`)).add("sha256", get(doc, `${prefix}.sha256`));
  set.add("email", get(doc, "email.from.address"), "src").add("email", get(doc, "email.to.address"), "dst");
  set.add("ip", get(doc, "related.ip")).addHash(get(doc, "related.hash"));
  set.add("ip", get(doc, "threat.indicator.ip")).add("domain", get(doc, "threat.indicator.url.domain")).add("url", get(doc, "threat.indicator.url.full"));
  set.addFromText(get(doc, "kibana.alert.reason"));
  return set;
}

function toAlert(doc: JsonRecord, index: number, body: JsonRecord, options: ParseOptions): NormalizedAlert {
  const title = textOf(get(doc, RULE_NAME), 1000) ?? textOf(readDotted(body, "rule.name"), 1000);
  if (!title) throw new ParseError(`alerts[${index}].${RULE_NAME}: missing or empty`);
  const consoleHosts = [hostOf(body.results_link), hostOf(readDotted(body, "context.results_link")), hostOf(body.kibanaBaseUrl)];
  return {
    title,
    severity: severityOf(doc),
    occurredAt: occurredAtOf(doc, index, options.receivedAt),
    category: resolveCategory({ texts: [title], tactics: tacticsOf(doc) }),
    description: textOf(get(doc, "kibana.alert.reason", "kibana.alert.rule.description", "message")) ?? null,
    externalId: textOf(get(doc, "kibana.alert.uuid", "_id"), 500) ?? null,
    observables: observablesOf(doc, consoleHosts).toArray(),
    vendor: "elastic",
    raw: doc,
  };
}

function parseElastic(payload: unknown, options: ParseOptions): NormalizedAlert[] {
  const body = requireRecord(payload, "body");
  const docs = alertDocsOf(body);
  if (!docs) throw new ParseError(`${RULE_NAME}: missing; expected an alert document or an "alerts" array of them ({{{context.alerts}}})`);
  return docs.map((doc, i) => toAlert(doc, i, body, options));
}

export const elasticParser: SourceParser = { kind: "elastic", label: "Elastic Security (Kibana webhook)", detect: detectElastic, parse: parseElastic };
