// Settings every connection has besides its system's own: guardrails (protected entities, rate
// limits) and, for identity systems, which user domains it answers for. Field titles and
// descriptions (zod .meta) become the labels and help texts of the connection form.
import { z } from "zod";
import { networkGuardrailsSchema } from "./network/block-policy";

const lines = (title: string, description: string) =>
  z
    .array(z.string().trim().min(1).max(500))
    .max(500)
    .default([])
    .meta({ title, description, format: "lines" });

export const guardrailsSchema = z
  .object({
    protectedUsers: lines("Protected accounts", "Never contained: exact names, one per line (break-glass accounts). Matched case-insensitively against every name the account goes by."),
    protectedPatterns: lines("Protected name patterns", "Glob patterns, one per line: * any text, ? one character (e.g. svc-* for service accounts)."),
    protectedGroups: lines("Protected groups", "Members of these groups are never contained (e.g. Domain Admins); names or DNs, one per line."),
    maxPerHourPerPlaybook: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .default(10)
      .meta({ title: "Per playbook, per hour", description: "How many times one playbook may run each containment action on this connection within an hour (0 = never)." }),
    maxPerHourPerConnection: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(50)
      .meta({ title: "Per connection, per hour", description: "How many times each containment action may run on this connection within an hour, all playbooks together." }),
  })
  .meta({ title: "Guardrails" });
export type Guardrails = z.output<typeof guardrailsSchema>;

/** Defaults for new connections: a protected-groups list that is safe on Active Directory. */
export function guardrailDefaults(overrides: Partial<Guardrails> = {}): Guardrails {
  return { ...guardrailsSchema.parse({}), ...overrides };
}

export const userDomainsSchema = lines(
  "User domains",
  "Users whose name ends in @<domain> are routed to this connection by ctx.integrations.identity (one domain per line; empty = any).",
);

/** Adds the common settings to a system's own config schema. */
export function withCommonConfig<T extends z.ZodRawShape>(shape: T, defaults: Partial<Guardrails> = {}) {
  return z.object({
    ...shape,
    guardrails: guardrailsSchema.default(guardrailDefaults(defaults)),
  });
}

/** Same, for identity systems: also the user domains used for routing. */
export function withIdentityConfig<T extends z.ZodRawShape>(shape: T, defaults: Partial<Guardrails> = {}) {
  return withCommonConfig({ ...shape, userDomains: userDomainsSchema }, defaults);
}

/** Same, for network systems: also the network guardrails (protected ranges, longest block). */
export function withNetworkConfig<T extends z.ZodRawShape>(shape: T, defaults: Partial<Guardrails> = {}) {
  return withCommonConfig({ ...shape, network: networkGuardrailsSchema.default(networkGuardrailsSchema.parse({})) }, defaults);
}

/** The common part of any stored config (for code that does not know the system). */
export const commonConfigSchema = z.looseObject({
  guardrails: guardrailsSchema.default(guardrailDefaults()),
  userDomains: z.array(z.string()).default([]),
  allowPrivateNetwork: z.boolean().default(false),
});
export type CommonConfig = z.output<typeof commonConfigSchema>;

/** For HTTP systems: the SSRF guard's one switch. */
export const allowPrivateNetworkSchema = z
  .boolean()
  .default(false)
  .meta({ title: "Allow private network", description: "Let Vigil reach loopback, private and link-local addresses for this connection (on-premises systems). Off: such destinations are refused." });
