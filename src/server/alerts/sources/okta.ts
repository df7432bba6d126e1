// Okta event hooks: {"eventType": "com.okta.event_hook", "data": {"events": [<System Log event>]}}.
// One alert per RELEVANT event (see okta-events.ts for what that means); routine events are skipped.
// A batch with no relevant event throws IrrelevantPayloadError, listing the event types it skipped.
import { IrrelevantPayloadError } from "../irrelevant";
import { ObservableSet } from "../observables";
import { classifyOktaEvent, type OktaRule } from "../okta-events";
import { asString, cleanText, isRecord, readPath, recordsOf, requireDate, requireText, textOf, type JsonRecord } from "../paths";
import { ParseError, type NormalizedAlert, type SourceParser } from "../types";

function observablesOf(event: JsonRecord): ObservableSet {
  const set = new ObservableSet();
  set.add("ip", readPath(event, "client.ipAddress"), "src");
  for (const hop of recordsOf(readPath(event, "request.ipChain"))) set.add("ip", hop.ip, "src");
  if (readPath(event, "actor.type") === "User") set.addUser(asString(readPath(event, "actor.alternateId")), "actor");
  for (const target of recordsOf(event.target)) if (target.type === "User") set.addUser(asString(target.alternateId), "target");
  return set;
}

function who(entity: unknown): string | undefined {
  const id = textOf(readPath(entity, "alternateId"), 300);
  const name = textOf(readPath(entity, "displayName"), 300);
  if (!id && !name) return undefined;
  return name && id && name !== id ? `${name} <${id}>` : (id ?? name);
}

/** What an analyst needs without opening the raw event: message, outcome, who, from where, risk. */
function describe(event: JsonRecord, eventType: string): string {
  const text = (path: string) => textOf(readPath(event, path), 2000);
  const place = ["city", "state", "country"].map((k) => text(`client.geographicalContext.${k}`)).filter(Boolean);
  const client = [text("client.ipAddress"), place.join(", ")].filter(Boolean).join(", ");
  const outcome = [text("outcome.result"), text("outcome.reason")].filter(Boolean).join(" - ");
  const targets = recordsOf(event.target).map(who).filter(Boolean).join("; ");
  const lines: [string, string | undefined][] = [
    ["", text("displayMessage")],
    ["Event type: ", eventType],
    ["Outcome: ", outcome],
    ["Actor: ", who(event.actor)],
    ["Client: ", client],
    ["Targets: ", targets],
    ["Risk: ", text("debugContext.debugData.risk")],
    ["Behaviors: ", text("debugContext.debugData.behaviors")],
  ];
  return lines.filter(([, v]) => v).map(([label, v]) => `${label}${v}`).join("\n");
}

function toAlert(event: JsonRecord, at: string, eventType: string, rule: OktaRule): NormalizedAlert {
  return {
    title: rule.title,
    severity: rule.severity,
    occurredAt: requireDate(event.published, `${at}.published`),
    category: rule.category,
    description: cleanText(describe(event, eventType)),
    externalId: requireText(event.uuid, `${at}.uuid`, 500),
    observables: observablesOf(event).toArray(),
    vendor: "okta",
    raw: event,
  };
}

function parseOkta(payload: unknown): NormalizedAlert[] {
  if (!isRecord(payload)) throw new ParseError('body: expected an Okta event hook object {"data": {"events": [...]}}');
  const events = readPath(payload, "data.events");
  if (!Array.isArray(events)) throw new ParseError("data.events: missing; an Okta event hook carries System Log events in data.events[]");
  const alerts: NormalizedAlert[] = [];
  const skipped = new Set<string>();
  events.forEach((event, i) => {
    const at = `data.events[${i}]`;
    if (!isRecord(event)) throw new ParseError(`${at}: expected an object`);
    const eventType = requireText(event.eventType, `${at}.eventType`, 200);
    const rule = classifyOktaEvent(event);
    if (rule) alerts.push(toAlert(event, at, eventType, rule));
    else skipped.add(eventType);
  });
  if (alerts.length > 0) return alerts;
  throw new IrrelevantPayloadError(
    events.length === 0
      ? "Okta event hook: data.events is empty; nothing to alert on"
      : `Okta event hook: none of the ${events.length} event(s) is security-relevant (${[...skipped].join(", ")}); ` +
          "Vigil alerts on failed or risky sign-ins, lockouts, ThreatInsight detections, MFA changes and admin/policy changes",
    [...skipped],
  );
}

export const oktaParser: SourceParser = {
  kind: "okta",
  label: "Okta event hook",
  detect: (p) => isRecord(p) && p.eventType === "com.okta.event_hook" && Array.isArray(readPath(p, "data.events")),
  parse: parseOkta,
};
