// Reading a run's alert the way playbooks need it: the observables of one type, by the role the
// vendor gave them (source vs destination, actor vs target), with alias forms of the same entity
// (CORP\alice and alice@corp.example) counted once. Pure; safe outside steps.
import type { ObservableType } from "../db/schema/enums";
import type { RunAlert } from "./define-playbook";

export interface PickOptions {
  /** Keep only observables with one of these roles; "none" matches observables without a role. */
  roles?: readonly string[];
  /** Drop observables with one of these roles. */
  notRoles?: readonly string[];
  /** Keep only values matching this test (e.g. isPublicIp, or "has an @"). */
  where?: (value: string) => boolean;
}

/** Distinct values of `type` in the alert, first form of each entity only, in the vendor's order. */
export function pickObservables(alert: RunAlert | null, type: ObservableType, options: PickOptions = {}): string[] {
  const picked: string[] = [];
  const covered = new Set<string>();
  for (const o of alert?.normalized.observables ?? []) {
    if (o.type !== type || covered.has(o.value)) continue;
    const role = o.role ?? "none";
    if (options.roles && !options.roles.includes(role)) continue;
    if (options.notRoles?.includes(role)) continue;
    if (options.where && !options.where(o.value)) continue;
    picked.push(o.value);
    covered.add(o.value);
    for (const alias of o.aliases ?? []) covered.add(alias);
  }
  return picked;
}

/** The alert's title and description, for keyword checks ("successful", "accepted"). */
export function alertText(alert: RunAlert | null): string {
  return `${alert?.title ?? ""}\n${alert?.normalized.description ?? ""}`;
}
