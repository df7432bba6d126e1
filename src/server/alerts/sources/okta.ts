// Okta event hooks: {"eventType": "com.okta.event_hook", "data": {"events": [<System Log event>]}}.
// One alert per RELEVANT event (see okta-events.ts for what that means); routine events are skipped.
// A batch with no relevant event throws IrrelevantPayloadError, listing the event types it skipped.
import { IrrelevantPayloadError } from "../irrelevant";
import { ObservableSet } from "../observables";
import { readPath } from "../paths";
import { arrayAt, isRecord, optionalText, requireText, requireTime } from "../payload";
import { classifyOktaEvent, type OktaRule } from "../okta-events";
import { ParseError, type NormalizedAlert, type SourceParser } from "../types";

function observablesOf(event: unknown): ObservableSet {
  const set = new ObservableSet();
  set.add("ip", readPath(event, "client.ipAddress"), "src");
  for (const hop of arrayAt(event, "request.ipChain")) set.add("ip", readPath(hop, "ip"), "src");
  if (readPath(event, "actor.type") === "User") set.add("user", readPath(event, "actor.alternateId"), "actor");
  for (const target of arrayAt(event, "target")) {
    if (readPath(target, "type") === "User") set.add("user", readPath(target, "alternateId"), "target");
  }
  return set;
}

function who(entity: unknown): string | undefined {
  const id = optionalText(entity, "alternateId");
  const name = optionalText(entity, "displayName");
  if (!id && !name) return undefined;
  return name && id && name !== id ? `${name} <${id}>` : (id ?? name);
}

function describe(event: unknown, eventType: string): string {
  const outcome = [optionalText(event, "outcome.result"), optionalText(event, "outcome.reason")].filter(Boolean);
  const place = ["city", "state", "country"].map((k) => optionalText(event, `client.geographicalContext.${k}`)).filter(Boolean);
  const client = [optionalText(event, "client.ipAddress"), place.join(", ")].filter(Boolean).join(", ");
  const targets = arrayAt(event, "target").map(who).filter(Boolean);
  const actor = who(readPath(event, "actor"));
  const risk = optionalText(event, "debugContext.debugData.risk");
  const behaviors = optionalText(event, "debugContext.debugData.behaviors");
  return [
    optionalText(event, "displayMessage"),
    `Event type: ${eventType}`,
    outcome.length ? `Outcome: ${outcome.join(" - ")}` : undefined,
    actor ? `Actor: ${actor}` : undefined,
    client ? `Client: ${client}` : undefined,
    targets.length ? `Targets: ${targets.join("; ")}` : undefined,
    risk ? `Risk: ${risk}` : undefined,
    behaviors ? `Behaviors: ${behaviors}` : undefined,
  ]
    .filter(Boolean)
    .join("\n");
}

function toAlert(event: unknown, index: number, rule: OktaRule): NormalizedAlert {
  const at = `data.events[${index}]`;
  const eventType = requireText(event, "eventType", `${at}.eventType`);
  return {
    title: rule.title,
    severity: rule.severity,
    occurredAt: requireTime(event, ["published"], `${at}.published`),
    category: rule.category,
    description: describe(event, eventType),
    externalId: requireText(event, "uuid", `${at}.uuid`),
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
  const skipped: string[] = [];
  events.forEach((event, i) => {
    if (!isRecord(event)) throw new ParseError(`data.events[${i}]: expected an object`);
    const eventType = requireText(event, "eventType", `data.events[${i}].eventType`);
    const rule = classifyOktaEvent(event);
    if (rule) alerts.push(toAlert(event, i, rule));
    else skipped.push(eventType);
  });
  if (alerts.length === 0) {
    const types = [...new Set(skipped)];
    throw new IrrelevantPayloadError(
      events.length === 0
        ? "Okta event hook: data.events is empty; nothing to alert on"
        : `Okta event hook: none of the ${events.length} event(s) is security-relevant (${types.join(", ")}); ` +
            "Vigil alerts on failed or risky sign-ins, lockouts, ThreatInsight detections, MFA changes and admin/policy changes",
      types,
    );
  }
  return alerts;
}

export const oktaParser: SourceParser = {
  kind: "okta",
  label: "Okta event hook",
  detect: (p) => isRecord(p) && p.eventType === "com.okta.event_hook" && Array.isArray(readPath(p, "data.events")),
  parse: parseOkta,
};
