// Wazuh: an alert as wazuh-integratord hands it to an integration (<alert_format>json</alert_format>),
// the same JSON as alerts.json: {timestamp, rule: {level, description, id, mitre, groups}, agent,
// manager, id, full_log, decoder, data, location, syscheck}, posted as is or wrapped in "all_fields"
// by the bundled shuffle integration. Includes the VirusTotal integration's alerts (data.virustotal
// with source.md5/sha1 and a permalink, which is a report link, not an indicator).
import { resolveCategory } from "../categories";
import { ObservableSet } from "../observables";
import { asDate, asNumber, asString, isRecord, readPath, requireRecord, textOf, quote, type JsonRecord } from "../paths";
import { severityFromBands } from "../severity";
import { ParseError, type NormalizedAlert, type ParseOptions, type SourceParser } from "../types";

/** Wazuh rule levels 0-15: 12 "high importance event", 15 "severe attack". */
const LEVELS = { critical: 15, high: 12, medium: 7 };

function isWazuhAlert(value: unknown): value is JsonRecord {
  if (!isRecord(value) || !isRecord(value.rule) || !isRecord(value.agent)) return false;
  return asNumber(value.rule.level) !== undefined && typeof value.rule.description === "string" && typeof value.timestamp === "string";
}

/** The alert itself, unwrapped from the shuffle integration's {pretext, title, ..., all_fields}. */
function alertOf(payload: unknown): unknown {
  return isRecord(payload) && isWazuhAlert(payload.all_fields) ? payload.all_fields : payload;
}

function detectWazuh(payload: unknown): boolean {
  return isWazuhAlert(alertOf(payload));
}

function addWindowsEvent(set: ObservableSet, win: unknown): void {
  const e = readPath(win, "eventdata");
  if (!isRecord(e)) return;
  set.addUser({ name: e.targetUserName, domain: e.targetDomainName }, "target");
  set.addUser({ name: e.subjectUserName, domain: e.subjectDomainName }, "actor");
  set.add("ip", e.ipAddress, "src").addHost(asString(e.workstationName), "src");
}

function observablesOf(alert: JsonRecord): ObservableSet {
  const set = new ObservableSet({ consoleHosts: ["virustotal.com"] });
  set.addHost(asString(readPath(alert, "agent.name")), "host").add("ip", readPath(alert, "agent.ip"), "host");
  const data = isRecord(alert.data) ? alert.data : {};
  set.add("ip", [data.srcip, data.src_ip], "src").add("ip", [data.dstip, data.dst_ip], "dst");
  set.addUser(asString(data.srcuser), "actor").addUser(asString(data.dstuser), "target");
  addWindowsEvent(set, data.win);
  set.addHost(asString(readPath(data, "win.system.computer")), "host");
  set.add("url", data.url);
  const sys = alert.syscheck;
  if (isRecord(sys)) set.add("md5", sys.md5_after).add("sha1", sys.sha1_after).add("sha256", sys.sha256_after);
  const vt = data.virustotal;
  if (isRecord(vt)) set.add("md5", readPath(vt, "source.md5")).add("sha1", [readPath(vt, "source.sha1"), vt.sha1]);
  set.addFromText(asString(alert.full_log));
  return set;
}

function parseWazuh(payload: unknown, options: ParseOptions): NormalizedAlert[] {
  const alert = requireRecord(alertOf(payload), "body");
  const rule = requireRecord(alert.rule, "rule");
  const title = textOf(rule.description, 1000);
  if (!title) throw new ParseError("rule.description: missing or empty");
  const level = asNumber(rule.level);
  if (level === undefined) throw new ParseError(`rule.level: expected a number 0-15, got ${quote(rule.level)}`);
  // Windows events carry the time the activity happened; `timestamp` is when the manager alerted.
  const occurredAt = asDate(readPath(alert, "data.win.system.systemTime")) ?? (alert.timestamp === undefined ? options.receivedAt : asDate(alert.timestamp));
  if (!occurredAt) throw new ParseError(`timestamp: ${quote(alert.timestamp)} is not a date`);

  const groups = [rule.groups].flat().filter((g): g is string => typeof g === "string");
  return [
    {
      title,
      severity: severityFromBands(level, LEVELS),
      occurredAt,
      category: resolveCategory({
        texts: [title, ...groups.map((g) => g.replace(/_/g, " "))],
        tactics: [readPath(rule, "mitre.tactic")].flat(),
      }),
      description: textOf(alert.full_log) ?? null,
      externalId: textOf(alert.id, 500) ?? null,
      observables: observablesOf(alert).toArray(),
      vendor: "wazuh",
      raw: payload,
    },
  ];
}

export const wazuhParser: SourceParser = { kind: "wazuh", label: "Wazuh (integratord JSON alert)", detect: detectWazuh, parse: parseWazuh };
