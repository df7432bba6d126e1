// playbooks/example-vpn-brute-force.ts
// Someone is guessing a VPN password. Enrich the source IP; block it for a day if it is known bad;
// kick the account out; ask the user whether it was them; if not (or no answer), ask a manager
// before disabling the account.
import { confirmationLink, definePlaybook, NonRetriableError } from "@/server/engine";

export default definePlaybook({
  id: "example-vpn-brute-force",
  title: "Contain a brute-forced VPN account",
  description: "Enrich the IP, block it if malicious, revoke sessions, ask the user, then disable the account after a manager approves.",
  trigger: { category: "brute_force", observables: ["ip", "user"] },
  async run(ctx) {
    // Pure code outside steps: read the alert, compute names. No I/O, no Date.now(), no Math.random().
    const ip = ctx.alert!.observables.ip[0]!;
    const user = ctx.alert!.observables.user[0]!;
    const mailbox = ctx.alert!.observables.email[0];

    const intel = await ctx.step("enrich ip", () => ctx.integrations.enrichment.lookup({ type: "ip", value: ip }), { retries: 2, timeout: 10_000 });
    if (intel.verdict === "malicious")
      await ctx.step("block ip", () => ctx.integrations.crowdsec.blockIp({ ip, duration: "24h", reason: `brute force against ${user}` }));

    await ctx.step("revoke sessions", () => ctx.integrations.identity.revokeSessions({ user, reason: `brute force from ${ip}` }));

    if (mailbox) {
      await ctx.step("ask the user", async () => {
        const link = confirmationLink({ event: "vpn.login.confirmed", data: { runId: ctx.runId }, question: `Did you just sign in to the VPN from ${ip}?`, expiresIn: "1h" });
        await ctx.integrations.email.send({ to: [mailbox], subject: "Was this you?", text: `We saw many failed VPN sign-ins to your account from ${ip}. Answer here: ${link}` });
      });
      const answer = await ctx.waitFor("user answer", { event: "vpn.login.confirmed", match: { runId: ctx.runId }, timeout: "1h" });
      if (answer?.data.answer === "yes") {
        await ctx.comment(`${user} confirmed the sign-in from ${ip}; no further action.`);
        await ctx.setCaseStatus("false_positive", { reason: "confirmed by the user" });
        return { disabled: false, confirmedByUser: true };
      }
    }

    const decision = await ctx.approval("disable account", {
      title: `Disable ${user} for 24 hours`,
      description: `Brute force from ${ip} (verdict: ${intel.verdict ?? "unknown"}); the user did not confirm the sign-in.`,
      role: "manager",
      quorum: 1,
      expiresIn: "30m",
      onTimeout: "reject",
      params: { user, ip },
    });
    if (!decision.approved) {
      await ctx.comment(`Disabling ${user} was not approved (${decision.status} by ${decision.by}).`);
      return { disabled: false, confirmedByUser: false };
    }

    await ctx.step("disable user", async () => {
      const outcome = await ctx.integrations.identity.disableUser({ user, expiresIn: "24h", reason: `approved by ${decision.by}` });
      if (outcome.status === "failed") throw new NonRetriableError(`could not disable ${user}`);
      return { actionId: outcome.actionId };
    });
    await ctx.setCaseStatus("contained", { reason: `${user} disabled for 24 h` });
    const at = await ctx.now("contained at");
    return { disabled: true, confirmedByUser: false, containedAt: at.toISOString() };
  },
});
