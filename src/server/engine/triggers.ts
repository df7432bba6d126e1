// Trigger matching: which enabled playbooks a new alert starts. Pure, so it is cheap to test.
import type { AnyPlaybook, ObservableMap, PlaybookTrigger, TriggerAlert } from "./define-playbook";
import { OBSERVABLE_TYPES } from "../db/schema/enums";
import type { Observable } from "../alerts/types";

const asList = <T>(v: T | readonly T[] | undefined): readonly T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? (v as readonly T[]) : [v as T]);

export function observableMap(observables: readonly Observable[]): ObservableMap {
  const map = Object.fromEntries(OBSERVABLE_TYPES.map((t) => [t, [] as string[]])) as ObservableMap;
  for (const o of observables) map[o.type].push(o.value);
  return map;
}

export function triggerMatches(trigger: PlaybookTrigger | undefined, alert: TriggerAlert): boolean {
  if (!trigger) return false;
  const sources = asList(trigger.source);
  if (sources && !sources.includes("*") && !sources.includes(alert.sourceSlug)) return false;
  const categories = asList(trigger.category);
  if (categories && !categories.includes(alert.normalized.category ?? "")) return false;
  const severities = asList(trigger.severity);
  if (severities && !severities.includes(alert.normalized.severity)) return false;
  if (trigger.observables?.some((t) => alert.observables[t].length === 0)) return false;
  if ((trigger.on ?? "alert") === "case" && !alert.newCase) return false;
  if (trigger.when) {
    try {
      return trigger.when(alert) === true;
    } catch {
      return false; // a throwing predicate must not reject the alert
    }
  }
  return true;
}

export function matchingPlaybooks(playbooks: readonly AnyPlaybook[], enabled: (id: string, fallback: boolean) => boolean, alert: TriggerAlert): AnyPlaybook[] {
  return playbooks.filter((p) => enabled(p.id, p.enabledByDefault ?? true) && triggerMatches(p.trigger, alert));
}
