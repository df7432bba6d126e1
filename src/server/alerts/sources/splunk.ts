// Splunk: the built-in webhook alert action. Body {result, sid, results_link, search_name, owner,
// app}; `result` is the first row of the triggering search, with CIM field names when the data is
// CIM-mapped (Splunk ES notables add rule_name, urgency, event_id). search_name is null for ad-hoc
// searches; results_link points back at Splunk and is never an observable.
import { createHash } from "node:crypto";
import { resolveCategory } from "../categories";
import { hostOf, ObservableSet } from "../observables";
import { asDate, asString, firstOf, isRecord, requireRecord, textOf, quote, type JsonRecord } from "../paths";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type ParseOptions, type SourceParser } from "../types";

function detectSplunk(payload: unknown): boolean {
  return (
    isRecord(payload) &&
    typeof payload.sid === "string" &&
    isRecord(payload.result) &&
    (Object.hasOwn(payload, "results_link") || Object.hasOwn(payload, "search_name"))
  );
}

function titleOf(body: JsonRecord, result: JsonRecord): string {
  const named = textOf(body.search_name, 1000) ?? textOf(firstOf(result, ["rule_name", "rule_title", "search_name", "signature"]), 1000);
  if (named) return named;
  const sid = textOf(body.sid, 400);
  if (!sid) throw new ParseError("search_name: null and neither result.rule_name/signature nor sid names the alert");
  return `Splunk alert (search ${sid})`;
}

function occurredAtOf(result: JsonRecord, receivedAt: Date): Date {
  const raw = firstOf(result, ["_time", "orig_time", "info_min_time"]);
  if (raw === undefined) return receivedAt;
  const date = asDate(raw);
  if (!date) throw new ParseError(`result._time: ${quote(raw)} is not a date (epoch seconds or ISO 8601)`);
  return date;
}

/** A notable's event_id, else the search id plus a digest of the row ("for each result" alerts share a sid). */
function externalIdOf(body: JsonRecord, result: JsonRecord): string | null {
  const eventId = textOf(result.event_id, 500);
  if (eventId) return eventId;
  const sid = textOf(body.sid, 400);
  if (!sid) return null;
  return `${sid}:${createHash("sha256").update(JSON.stringify(result)).digest("hex").slice(0, 16)}`;
}

function observablesOf(body: JsonRecord, result: JsonRecord): ObservableSet {
  const set = new ObservableSet({ consoleHosts: [hostOf(body.results_link)] });
  set.addIpOrHost(result.src, "src").add("ip", result.src_ip, "src");
  set.addIpOrHost(result.dest, "dst").add("ip", result.dest_ip, "dst");
  set.addUser(asString(result.src_user), "actor");
  set.addUser({ name: result.user, domain: firstOf(result, ["user_domain", "dest_nt_domain"]) }, "target");
  set.addUser(asString(result.dest_user), "target");
  set.add("email", [result.sender, result.src_user_email].flat(), "src").add("email", result.recipient, "dst");
  set.add("url", result.url).add("domain", [result.url_domain, result.query, result.dest_domain].flat());
  set.addHash(result.file_hash).add("md5", result.md5).add("sha1", result.sha1).add("sha256", result.sha256);
  for (const field of ["description", "rule_description", "message", "signature"]) set.addFromText(asString(result[field]));
  return set;
}

function parseSplunk(payload: unknown, options: ParseOptions): NormalizedAlert[] {
  const body = requireRecord(payload, "body");
  const result = requireRecord(body.result, "result");
  const title = titleOf(body, result);
  const description = textOf(firstOf(result, ["description", "rule_description", "message"])) ?? null;
  return [
    {
      title,
      severity: toSeverity(result.urgency) ?? toSeverity(result.severity) ?? "medium",
      occurredAt: occurredAtOf(result, options.receivedAt),
      category: resolveCategory({
        texts: [title, result.signature, result.category],
        tactics: [result.mitre_tactic, readTactics(result)].flat(),
      }),
      description,
      externalId: externalIdOf(body, result),
      observables: observablesOf(body, result).toArray(),
      vendor: "splunk",
      raw: payload,
    },
  ];
}

/** Splunk ES puts ATT&CK annotations under annotations.mitre_attack.mitre_tactic (a multivalue). */
function readTactics(result: JsonRecord): unknown[] {
  const v = result["annotations.mitre_attack.mitre_tactic"];
  return Array.isArray(v) ? v : [v];
}

export const splunkParser: SourceParser = { kind: "splunk", label: "Splunk (webhook alert action)", detect: detectSplunk, parse: parseSplunk };
