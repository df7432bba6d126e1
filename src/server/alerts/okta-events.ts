// Which Okta System Log events Vigil alerts on, and as what. An event hook delivers every event of
// the subscribed types, most of them routine (a successful sign-in, a group change); only these are
// relevant, the first matching rule wins:
//   - ThreatInsight detections, lockouts, user-reported suspicious activity, denied/bypassed MFA;
//   - sign-ins that failed, or succeeded with risk signals (ThreatInsight, impossible travel,
//     high/medium risk, anonymizing proxy, new country);
//   - MFA factor changes; admin privilege grants, API token creation; policy and network zone changes.
// Categories follow ATT&CK: weakening MFA or sign-on policy is defense evasion, a new factor or API
// token is persistence (an attacker's way back in), an admin grant is privilege escalation.
import type { Severity } from "../db/schema/enums";
import type { Category } from "./categories";
import { readPath } from "./paths";

export interface OktaRule {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  matches: (event: unknown) => boolean;
}

const SIGN_IN = new Set([
  "user.session.start",
  "user.authentication.sso",
  "user.authentication.auth_via_IDP",
  "user.authentication.auth_via_social",
  "policy.evaluate_sign_on",
]);

const typeOf = (e: unknown) => String(readPath(e, "eventType") ?? "");
const result = (e: unknown) => String(readPath(e, "outcome.result") ?? "").toUpperCase();
const debug = (e: unknown, key: string) => String(readPath(e, `debugContext.debugData.${key}`) ?? "");
const succeeded = (e: unknown) => ["SUCCESS", "ALLOW"].includes(result(e));
const failed = (e: unknown) => ["FAILURE", "DENY"].includes(result(e));
const riskLevel = (e: unknown) => /level=(\w+)/i.exec(debug(e, "risk"))?.[1]?.toUpperCase();
const behavior = (e: unknown, name: string) => new RegExp(`${name}=POSITIVE`, "i").test(debug(e, "behaviors"));

const is = (...types: string[]) => (e: unknown) => types.includes(typeOf(e));
const signIn = (when: (e: unknown) => boolean) => (e: unknown) => SIGN_IN.has(typeOf(e)) && when(e);

export const OKTA_RULES: readonly OktaRule[] = [
  { id: "attack", title: "Okta org under attack (ThreatInsight)", category: "brute_force", severity: "critical", matches: is("security.attack.start") },
  { id: "threat", title: "Okta ThreatInsight detected a threat", category: "brute_force", severity: "high", matches: is("security.threat.detected") },
  { id: "lockout", title: "Okta account locked out", category: "brute_force", severity: "medium", matches: is("user.account.lock", "user.account.lock.limit") },
  { id: "reported", title: "User reported suspicious Okta activity", category: "suspicious_login", severity: "high", matches: is("user.account.report_suspicious_activity_by_enduser") },
  { id: "push-denied", title: "Okta Verify push denied by the user", category: "suspicious_login", severity: "high", matches: is("user.mfa.okta_verify.deny_push") },
  { id: "mfa-bypass", title: "Okta MFA bypass attempt", category: "suspicious_login", severity: "high", matches: is("user.mfa.attempt_bypass") },
  { id: "threat-sign-in", title: "Okta sign-in flagged by ThreatInsight", category: "brute_force", severity: "high", matches: signIn((e) => debug(e, "threatSuspected") === "true") },
  { id: "travel", title: "Okta sign-in with impossible travel", category: "impossible_travel", severity: "high", matches: signIn((e) => succeeded(e) && behavior(e, "Velocity")) },
  { id: "high-risk", title: "High-risk Okta sign-in", category: "suspicious_login", severity: "high", matches: signIn((e) => succeeded(e) && riskLevel(e) === "HIGH") },
  { id: "proxy", title: "Okta sign-in through an anonymizing proxy", category: "suspicious_login", severity: "medium", matches: signIn((e) => succeeded(e) && readPath(e, "securityContext.isProxy") === true) },
  { id: "new-country", title: "Okta sign-in from an unusual location", category: "suspicious_login", severity: "medium", matches: signIn((e) => succeeded(e) && (riskLevel(e) === "MEDIUM" || behavior(e, "New Country"))) },
  { id: "failed-sign-in", title: "Failed Okta sign-in", category: "suspicious_login", severity: "low", matches: signIn(failed) },
  { id: "failed-mfa", title: "Failed Okta MFA challenge", category: "suspicious_login", severity: "medium", matches: (e) => is("user.authentication.auth_via_mfa", "user.authentication.verify")(e) && failed(e) },
  { id: "mfa-reset", title: "All Okta MFA factors reset", category: "defense_evasion", severity: "high", matches: is("user.mfa.factor.reset_all") },
  { id: "mfa-removed", title: "Okta MFA factor removed", category: "defense_evasion", severity: "medium", matches: is("user.mfa.factor.deactivate") },
  { id: "mfa-enrolled", title: "New Okta MFA factor enrolled", category: "persistence", severity: "low", matches: is("user.mfa.factor.activate") },
  { id: "admin-grant", title: "Okta admin privilege granted", category: "privilege_escalation", severity: "high", matches: is("user.account.privilege.grant", "group.privilege.grant") },
  { id: "api-token", title: "Okta API token created", category: "persistence", severity: "medium", matches: is("system.api_token.create") },
  { id: "policy-off", title: "Okta policy disabled or deleted", category: "defense_evasion", severity: "high", matches: is("policy.lifecycle.deactivate", "policy.lifecycle.delete", "policy.rule.deactivate", "policy.rule.delete") },
  { id: "policy-change", title: "Okta policy changed", category: "defense_evasion", severity: "medium", matches: is("policy.lifecycle.update", "policy.rule.update", "policy.rule.add") },
  { id: "zone-change", title: "Okta network zone changed", category: "defense_evasion", severity: "medium", matches: is("zone.update", "zone.delete", "zone.deactivate") },
];

/** The rule an Okta System Log event falls under, or undefined when it is routine. */
export function classifyOktaEvent(event: unknown): OktaRule | undefined {
  return OKTA_RULES.find((rule) => rule.matches(event));
}
