// Settings every connection has besides its system's own: guardrails (protected entities, rate
// limits) and, for identity systems, which user domains it answers for. Field titles and
// descriptions (zod .meta) become the labels and help texts of the connection form.
import { z } from "zod";
import { networkGuardrailsSchema } from "./network/block-policy";

const lines = (title: string, description: string, defaults: string[] = []) =>
  z
    .array(z.string().trim().min(1).max(500))
    .max(500)
    .default(defaults)
    .meta({ title, description, format: "lines" });

export interface Guardrails {
  protectedUsers: string[];
  protectedPatterns: string[];
  protectedGroups: string[];
  maxPerHourPerPlaybook: number;
  maxPerHourPerConnection: number;
}

/**
 * The guardrails of a connection. `defaults` are the integration's own (e.g. Domain Admins on
 * LDAP); they apply per field, so a config that sets only some fields keeps the others' defaults.
 */
export function guardrailsSchema(defaults: Partial<Guardrails> = {}) {
  return z
    .object({
      protectedUsers: lines("Protected accounts", "Never contained: exact names, one per line (break-glass accounts). Matched case-insensitively against every name the account goes by.", defaults.protectedUsers),
      protectedPatterns: lines("Protected name patterns", "Glob patterns, one per line: * any text, ? one character (e.g. svc-* for service accounts).", defaults.protectedPatterns),
      protectedGroups: lines("Protected groups", "Members of these groups are never contained (e.g. Domain Admins); names or DNs, one per line.", defaults.protectedGroups),
      maxPerHourPerPlaybook: z
        .number()
        .int()
        .min(0)
        .max(10_000)
        .default(defaults.maxPerHourPerPlaybook ?? 10)
        .meta({ title: "Per playbook, per hour", description: "How many times one playbook may run each containment action on this connection within an hour (0 = never)." }),
      maxPerHourPerConnection: z
        .number()
        .int()
        .min(0)
        .max(100_000)
        .default(defaults.maxPerHourPerConnection ?? 50)
        .meta({ title: "Per connection, per hour", description: "How many times each containment action may run on this connection within an hour, all playbooks together." }),
    })
    .meta({ title: "Guardrails" });
}

/** Guardrails with every field filled from the defaults. */
export function guardrailDefaults(overrides: Partial<Guardrails> = {}): Guardrails {
  return guardrailsSchema().parse(overrides);
}

export const userDomainsSchema = lines(
  "User domains",
  "Users whose name ends in @<domain> are routed to this connection by ctx.integrations.identity (one domain per line; empty = any).",
);

/** Adds the common settings to a system's own config schema. */
export function withCommonConfig<T extends z.ZodRawShape>(shape: T, defaults: Partial<Guardrails> = {}) {
  return z.object({
    ...shape,
    guardrails: guardrailsSchema(defaults).prefault({}),
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
  guardrails: guardrailsSchema().prefault({}),
  userDomains: z.array(z.string()).default([]),
  allowPrivateNetwork: z.boolean().default(false),
});
export type CommonConfig = z.output<typeof commonConfigSchema>;

/** For HTTP systems: the SSRF guard's one switch. */
export const allowPrivateNetworkSchema = z
  .boolean()
  .default(false)
  .meta({ title: "Allow private network", description: "Let Vigil reach loopback, private and link-local addresses for this connection (on-premises systems). Off: such destinations are refused." });
