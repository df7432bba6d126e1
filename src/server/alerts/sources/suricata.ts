// Suricata: one EVE JSON record with event_type "alert" ({timestamp, flow_id, src_ip, dest_ip,
// proto, alert: {action, gid, signature_id, rev, signature, category, severity, metadata}, plus the
// app-layer object: http, dns, tls, fileinfo, email}). EVE has no alert id, so externalId is null
// and intake deduplicates on the content fingerprint.
import { isIP } from "node:net";
import { resolveCategory } from "../categories";
import { ObservableSet } from "../observables";
import { asDate, asNumber, asString, isRecord, readPath, recordsOf, requireRecord, textOf, quote, type JsonRecord } from "../paths";
import type { Severity } from "../../db/schema/enums";
import { ParseError, type NormalizedAlert, type ParseOptions, type SourceParser } from "../types";

function detectSuricata(payload: unknown): boolean {
  return isRecord(payload) && payload.event_type === "alert" && isRecord(payload.alert) && payload.alert.signature_id !== undefined;
}

/** Suricata severity is a priority: 1 is the most severe, 3 the least. */
function severityOf(value: unknown): Severity {
  const n = asNumber(value);
  if (n === undefined) return "medium";
  return n <= 1 ? "high" : n === 2 ? "medium" : "low";
}

/** The full URL of an HTTP transaction: EVE gives host and path separately. */
function httpUrl(http: JsonRecord): string | undefined {
  const path = asString(http.url);
  if (!path) return undefined;
  if (/^https?:\/\//i.test(path)) return path;
  const host = asString(http.hostname);
  if (!host || !path.startsWith("/")) return undefined;
  const port = asNumber(http.http_port);
  return `http://${host}${port && port !== 80 ? `:${port}` : ""}${path}`;
}

function observablesOf(event: JsonRecord): ObservableSet {
  const set = new ObservableSet();
  set.add("ip", event.src_ip, "src").add("ip", event.dest_ip, "dst");
  const http = isRecord(event.http) ? event.http : undefined;
  if (http) {
    const host = asString(http.hostname);
    if (host) set.add(isIP(host) ? "ip" : "domain", host, "dst");
    set.add("url", httpUrl(http), "dst");
  }
  set.add("domain", readPath(event, "tls.sni"), "dst");
  set.add("domain", [readPath(event, "dns.rrname"), ...recordsOf(readPath(event, "dns.query")).map((q) => q.rrname)]);
  const file = isRecord(event.fileinfo) ? event.fileinfo : {};
  set.add("md5", file.md5).add("sha1", file.sha1).add("sha256", file.sha256);
  for (const address of [readPath(event, "email.from"), readPath(event, "email.to")].flat()) set.addFromText(asString(address));
  return set;
}

function parseSuricata(payload: unknown, options: ParseOptions): NormalizedAlert[] {
  const event = requireRecord(payload, "body");
  if (event.event_type !== "alert") throw new ParseError(`event_type: expected "alert", got ${quote(event.event_type)}`);
  const alert = requireRecord(event.alert, "alert");
  const title = textOf(alert.signature, 1000);
  if (!title) throw new ParseError("alert.signature: missing or empty");
  const occurredAt = event.timestamp === undefined ? options.receivedAt : asDate(event.timestamp);
  if (!occurredAt) throw new ParseError(`timestamp: ${quote(event.timestamp)} is not a date`);

  const classtype = textOf(alert.category, 200);
  const sid = [alert.gid ?? 1, alert.signature_id, alert.rev ?? 0].join(":");
  return [
    {
      title,
      severity: severityOf(alert.severity),
      occurredAt,
      category: resolveCategory({ texts: [title, classtype], tactics: [readPath(alert, "metadata.mitre_tactic_name")].flat() }),
      description: `${classtype ?? "Suricata alert"} (sid ${sid}, action ${textOf(alert.action, 40) ?? "unknown"})`,
      externalId: null,
      observables: observablesOf(event).toArray(),
      vendor: "suricata",
      raw: payload,
    },
  ];
}

export const suricataParser: SourceParser = { kind: "suricata", label: "Suricata (EVE alert)", detect: detectSuricata, parse: parseSuricata };
