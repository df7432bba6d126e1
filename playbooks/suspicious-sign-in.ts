// Shipped playbook: impossible travel or a risky sign-in (Okta, Entra ID / Sentinel, Datadog).
// Sessions are revoked at once (cheap to redo for the real user); then the user is asked by email
// "was this you?" through a signed one-time link. "Yes" ends it. "No" asks a manager to disable
// the account. No answer within the hour escalates: the case goes critical, the SOC channel hears
// about it, and the manager is asked as for "no".
import { confirmationLink, definePlaybook, pickObservables, settle } from "@/server/engine";

const CONFIRM_EVENT = "sign-in.confirmed";
const ANSWER_WITHIN = "1h";
const hasAt = (v: string) => v.includes("@");

export default definePlaybook({
  id: "suspicious-sign-in",
  title: "Suspicious sign-in: revoke sessions, ask the user, lock on denial",
  description:
    "Revokes the user's sessions, emails a 'was this you?' link and waits; on 'no' or no answer (escalated to critical), asks a manager to disable the account.",
  trigger: {
    category: ["impossible_travel", "suspicious_login"],
    observables: ["user"],
    // A single failed or low-risk sign-in is routine: only impossible travel or a high-risk sign-in
    // of an identity-provider account (user@domain) ends sessions.
    when: (a) =>
      (a.normalized.category === "impossible_travel" || a.normalized.severity === "high" || a.normalized.severity === "critical") &&
      !/\bfail(ed|ure)?\b/i.test(a.normalized.title) &&
      a.observables.user.some(hasAt),
  },
  async run(ctx) {
    const user = pickObservables(ctx.alert, "user", { where: hasAt })[0];
    if (!user) return ctx.comment("Suspicious sign-in: the alert names no user@domain account; nothing was done.");
    const where = pickObservables(ctx.alert, "ip", { notRoles: ["dst", "target"] })[0] ?? "an unknown address";

    const revoked = await ctx.step("revoke sessions", () => settle(() => ctx.integrations.identity.revokeSessions({ user, reason: ctx.alert?.title ?? "suspicious sign-in" })));
    await ctx.comment(revoked.ok ? `Revoked all sessions of ${user}.` : `Could not revoke the sessions of ${user}: ${revoked.error}`);

    const email = pickObservables(ctx.alert, "email", { where: (v) => v.toLowerCase() === user.toLowerCase() })[0] ?? user;
    const asked = await ctx.step("ask the user", () =>
      settle(async () => {
        const question = `Did you sign in to your account from ${where} (${ctx.alert?.occurredAt ?? "recently"})?`;
        const link = confirmationLink({ event: CONFIRM_EVENT, data: { runId: ctx.runId }, question, expiresIn: ANSWER_WITHIN });
        await ctx.integrations.email.send({
          to: [email],
          subject: "Security check: was this you?",
          text: `${question}\n\nAnswer here within ${ANSWER_WITHIN}: ${link}\n\nYour sessions were ended as a precaution; sign in again as usual.`,
        });
        return email;
      }),
    );
    const answer = asked.ok ? await ctx.waitFor("user answer", { event: CONFIRM_EVENT, match: { runId: ctx.runId }, timeout: ANSWER_WITHIN }) : null;
    if (answer?.data.answer === "yes") {
      await ctx.comment(`${user} confirmed the sign-in from ${where}; no further action.`);
      return { user, answer: "yes", disabled: false };
    }

    let why: string;
    if (answer) why = `${user} answered that the sign-in from ${where} was NOT them`;
    else {
      why = asked.ok ? `${user} did not answer within ${ANSWER_WITHIN}` : `${user} could not be asked (${asked.error})`;
      await ctx.step("escalate", () => settle(() => ctx.integrations.cases.raiseSeverity({ severity: "critical", reason: why })));
      const posted = await ctx.step("notify soc", () => settle(() => ctx.integrations.slack.post({ text: `Escalated: ${why} after a suspicious sign-in from ${where}. A manager must decide on disabling the account.` })));
      await ctx.comment(`Escalated to critical: ${why}.${posted.ok ? " The SOC channel was notified." : ""}`);
    }
    const decision = await ctx.approval("approve disabling", {
      title: `Disable ${user}`,
      description: `${why}.`,
      role: "manager",
      expiresIn: "4h",
      onTimeout: "reject",
      params: { user, sourceIp: where },
    });
    if (!decision.approved) {
      await ctx.comment(`Disabling ${user} was ${decision.status} by ${decision.by}; the account stays enabled.`);
      return { user, answer: answer ? "no" : null, disabled: false };
    }
    const disabled = await ctx.step("disable account", () => settle(() => ctx.integrations.identity.disableUser({ user, reason: why })));
    await ctx.comment(disabled.ok ? `Disabled ${user} (approved by ${decision.by}).` : `Disabling ${user} was approved by ${decision.by} but failed: ${disabled.error}`);
    return { user, answer: answer ? "no" : null, disabled: disabled.ok };
  },
});
