// One line describing a playbook's trigger (as recorded by sync-playbooks' describeTrigger).
export function triggerText(trigger: Record<string, unknown>): string {
  if (!trigger || trigger.manual) return "started by hand";
  const parts: string[] = [];
  const list = (v: unknown) => (Array.isArray(v) ? v.join(" or ") : String(v));
  if (trigger.source && trigger.source !== "*") parts.push(`source ${list(trigger.source)}`);
  if (trigger.category) parts.push(`category ${list(trigger.category)}`);
  if (trigger.severity) parts.push(`severity ${list(trigger.severity)}`);
  if (trigger.observables) parts.push(`with ${list(trigger.observables)}`);
  if (trigger.when) parts.push("and a custom predicate");
  const on = trigger.on === "case" ? "every new case" : "every new alert";
  return parts.length ? `${on}: ${parts.join(", ")}` : on;
}
