// The identity facade: one set of verbs (disableUser, revokeSessions, ...) over every identity
// system (AD/LDAP, Okta, Entra ID), and the rule that picks the connection for a user. Each
// identity integration names its actions with these verbs and returns these shapes.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { connections } from "../db/schema";
import type { ContainmentOutcome } from "./ledger";
import type { ContainmentOptions } from "./invoke";
import { IntegrationUsageError } from "./errors";
import { openConnectionRow, type OpenConnection } from "./open-connection";
import { getIntegration } from "./registry";

/** A user as every identity system describes it. */
export type IdentityUser = {
  /** The system's id: DN on LDAP, Okta user id, Entra object id. */
  id: string;
  username: string;
  email: string | null;
  displayName: string | null;
  disabled: boolean;
};

export type IdentityGroup = {
  id: string;
  name: string;
};

/** Every call names the user; `connection` picks one explicitly (else see routeIdentityConnection). */
export interface UserParams {
  user: string;
  connection?: string;
}
export interface GroupParams extends UserParams {
  /** Group name (cn / Okta name / Entra displayName), DN or id. */
  group: string;
}

export interface IdentityApi {
  findUser(params: UserParams): Promise<IdentityUser>;
  getUserGroups(params: UserParams): Promise<IdentityGroup[]>;
  /** Disable (AD userAccountControl, OpenLDAP ppolicy lock, Okta suspend, Entra accountEnabled=false). Inverse: enableUser. */
  disableUser(params: UserParams & ContainmentOptions): Promise<ContainmentOutcome>;
  enableUser(params: UserParams & ContainmentOptions): Promise<ContainmentOutcome>;
  /** End sessions and refresh tokens (Okta, Entra). Irreversible. */
  revokeSessions(params: UserParams & ContainmentOptions): Promise<ContainmentOutcome>;
  /** Force a password change at next logon (AD pwdLastSet=0, OpenLDAP pwdReset). Inverse: clearPasswordChange. */
  forcePasswordChange(params: UserParams & ContainmentOptions): Promise<ContainmentOutcome>;
  clearPasswordChange(params: UserParams & ContainmentOptions): Promise<ContainmentOutcome>;
  /** Reset all enrolled MFA factors (Okta). Irreversible. */
  resetFactors(params: UserParams & ContainmentOptions): Promise<ContainmentOutcome>;
  /** Inverse: addToGroup. */
  removeFromGroup(params: GroupParams & ContainmentOptions): Promise<ContainmentOutcome>;
  addToGroup(params: GroupParams & ContainmentOptions): Promise<ContainmentOutcome>;
  /** Mark the user compromised in Entra ID Protection (riskyUsers/confirmCompromised). Irreversible. */
  confirmCompromised(params: UserParams & ContainmentOptions): Promise<ContainmentOutcome>;
}

export const IDENTITY_VERBS = [
  "findUser",
  "getUserGroups",
  "disableUser",
  "enableUser",
  "revokeSessions",
  "forcePasswordChange",
  "clearPasswordChange",
  "resetFactors",
  "removeFromGroup",
  "addToGroup",
  "confirmCompromised",
] as const satisfies readonly (keyof IdentityApi)[];

const isIdentity = (integrationId: string) => getIntegration(integrationId)?.category === "identity";

/**
 * The identity connection for a user: the one named; else the enabled identity connection whose
 * "user domains" list the user's @domain; else the only enabled identity connection without a
 * domain list. Anything ambiguous is an error asking the playbook to name the connection.
 */
export async function routeIdentityConnection(db: DbOrTx, user: string, name?: string): Promise<OpenConnection> {
  if (name) {
    const [row] = await db.select().from(connections).where(eq(connections.name, name)).limit(1);
    if (!row || !isIdentity(row.integration)) throw new IntegrationUsageError(`there is no identity connection named "${name}"`);
    if (!row.enabled) throw new IntegrationUsageError(`connection "${name}" is disabled; an admin can enable it on the connections page`);
    return openConnectionRow(row);
  }
  const rows = (await db.select().from(connections).where(eq(connections.enabled, true))).filter((r) => isIdentity(r.integration));
  const domain = user.includes("@") ? user.split("@").pop()!.toLowerCase() : null;
  const domainsOf = (r: (typeof rows)[number]) => ((r.config as { userDomains?: string[] }).userDomains ?? []).map((d) => d.toLowerCase().replace(/^@/, ""));
  const specific = domain ? rows.filter((r) => domainsOf(r).includes(domain)) : [];
  const candidates = specific.length ? specific : rows.filter((r) => domainsOf(r).length === 0);
  if (candidates.length === 1) return openConnectionRow(candidates[0]!);
  if (candidates.length === 0)
    throw new IntegrationUsageError(rows.length ? `no enabled identity connection answers for "${user}"; name one with { connection }` : "there is no enabled identity connection; an admin can add one on the connections page");
  throw new IntegrationUsageError(`several identity connections could handle "${user}" (${candidates.map((r) => r.name).join(", ")}); name one with { connection }`);
}
