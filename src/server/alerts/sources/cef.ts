// CEF (ArcSight Common Event Format) events, as raw text (one record per line) or wrapped as
// {"message": "CEF:0|..."} by a log shipper. One alert per CEF record.
// Fields: header Name -> title, Severity (0-10 or Low/Medium/High/Very-High) -> severity,
// start/rt/end -> occurredAt, externalId -> externalId, msg -> description, and the address,
// host, user, URL and hash extension keys (short or full names) -> observables.
import type { Severity } from "../../db/schema/enums";
import { resolveCategory } from "../categories";
import { cefLines, looksLikeCef, parseCefLine, parseCefTime, type CefRecord } from "../cef";
import { ObservableSet } from "../observables";
import { cleanText, isRecord, quote, textOf } from "../paths";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type SourceParser } from "../types";

const TIME_KEYS = [["start", "startTime"], ["rt", "deviceReceiptTime"], ["end", "endTime"]] as const;

/** CEF severity: 0-3 Low, 4-6 Medium, 7-8 High, 9-10 Very-High (critical here). */
export function cefSeverity(value: string): Severity {
  const v = value.trim().toLowerCase();
  if (v === "very-high" || v === "veryhigh" || v === "very high") return "critical";
  if (v === "unknown") return "medium";
  if (/^\d+$/.test(v) && Number(v) > 10) throw new ParseError(`CEF Severity: ${v} is outside 0-10`);
  const s = ["low", "medium", "high"].includes(v) || /^\d+$/.test(v) ? toSeverity(v, 10) : undefined;
  if (!s) throw new ParseError(`CEF Severity: ${quote(value)} is not 0-10 or Low/Medium/High/Very-High`);
  return s;
}

/** The first non-blank value among the keys (CEF allows the short or the full name). */
function pick(ext: Record<string, string>, ...keys: readonly string[]): string | undefined {
  for (const k of keys) if (ext[k]?.trim()) return ext[k];
  return undefined;
}

function occurredAt(ext: Record<string, string>, receivedAt: Date): Date {
  for (const keys of TIME_KEYS) {
    const v = pick(ext, ...keys);
    if (v !== undefined) return parseCefTime(v, keys[0], receivedAt);
  }
  return receivedAt;
}

function observablesOf(rec: CefRecord): ObservableSet {
  const e = rec.extensions;
  const set = new ObservableSet();
  set.add("ip", [pick(e, "src", "sourceAddress"), e.c6a2, e.sourceTranslatedAddress], "src");
  set.add("ip", [pick(e, "dst", "destinationAddress"), e.c6a3, e.destinationTranslatedAddress], "dst");
  set.addHost({ name: pick(e, "shost", "sourceHostName"), domain: e.sourceDnsDomain }, "src");
  set.addHost({ name: pick(e, "dhost", "destinationHostName"), domain: e.destinationDnsDomain }, "dst");
  set.addUser({ name: pick(e, "suser", "sourceUserName"), domain: pick(e, "sntdom", "sourceNtDomain") }, "actor");
  set.addUser({ name: pick(e, "duser", "destinationUserName"), domain: pick(e, "dntdom", "destinationNtDomain") }, "target");
  set.add("url", pick(e, "request", "requestURL"), "dst");
  set.addHash([e.fileHash, e.oldFileHash]);
  set.addFromText(e.msg);
  return set;
}

/** One CEF record to an alert; `raw` is what the sender sent for it (the line, or the wrapper). */
export function cefRecordToAlert(rec: CefRecord, raw: unknown, receivedAt: Date): NormalizedAlert {
  const title = textOf(rec.name, 1000);
  if (!title) throw new ParseError("CEF Name (header field 6): empty; it is the alert title");
  const ext = rec.extensions;
  const source = [rec.deviceVendor, rec.deviceProduct, rec.deviceVersion].filter(Boolean).join(" ");
  const description = [textOf(ext.msg), `Reported by ${source || "an unnamed device"} (signature ${rec.signatureId || "none"})`]
    .filter(Boolean)
    .join("\n");
  return {
    title,
    severity: cefSeverity(rec.severity),
    occurredAt: occurredAt(ext, receivedAt),
    category: resolveCategory({ texts: [title, ext.cat] }),
    description: cleanText(description),
    externalId: textOf(ext.externalId, 500) ?? null,
    observables: observablesOf(rec).toArray(),
    vendor: "cef",
    raw,
  };
}

function parseCef(payload: unknown, options: { receivedAt: Date }): NormalizedAlert[] {
  if (typeof payload === "string") {
    const lines = cefLines(payload);
    if (lines.length === 0) throw new ParseError('body: no line starts with "CEF:<version>|"');
    const many = payload.split("\n").length > 1;
    return lines.map(({ line, number }) => {
      try {
        return cefRecordToAlert(parseCefLine(line), line, options.receivedAt);
      } catch (e) {
        if (e instanceof ParseError && many) throw new ParseError(`line ${number}: ${e.message}`);
        throw e;
      }
    });
  }
  if (!isRecord(payload)) throw new ParseError('body: expected CEF text or {"message": "CEF:0|..."}');
  if (typeof payload.message !== "string") throw new ParseError('message: missing; expected {"message": "CEF:0|..."}');
  return [cefRecordToAlert(parseCefLine(payload.message), payload, options.receivedAt)];
}

export const cefParser: SourceParser = {
  kind: "cef",
  acceptsText: true,
  label: "CEF (ArcSight Common Event Format)",
  detect: (p) => looksLikeCef(p) || (isRecord(p) && looksLikeCef(p.message)),
  parse: parseCef,
};
