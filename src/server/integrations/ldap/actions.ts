// Active Directory / OpenLDAP actions. Every change first reads the current state, so an action
// that finds the account already so changes nothing and declares no inverse (a rollback must not
// undo what someone else did). Inverses name the user by DN, the exact object that was changed.
//   disable: AD userAccountControl |= 0x2 (ACCOUNTDISABLE); OpenLDAP ppolicy pwdAccountLockedTime
//            = 000001010000Z ("locked by an administrator"), or the configured lock attribute.
//   force password change: AD pwdLastSet = 0; OpenLDAP ppolicy pwdReset = TRUE.
import { actionsFor } from "../define";
import type { IdentityGroup, IdentityUser } from "../identity";
import { reversiblePair, userGroupParams, userParams } from "../identity-actions";
import type { LdapClient, LdapUser } from "./client";

const ACCOUNTDISABLE = 0x2;
/** ppolicy: a lock time of 000001010000Z means locked by an administrator until unlocked. */
export const ADMIN_LOCK_TIME = "000001010000Z";

const action = actionsFor<LdapClient>();

type Change = { dn: string; changed: boolean };
type GroupChange = { userDn: string; groupDn: string; changed: boolean };

/** AD userAccountControl with ACCOUNTDISABLE set or cleared, other flags kept (0x200 = NORMAL_ACCOUNT). */
export function withAccountDisabled(userAccountControl: number | null, disabled: boolean): number {
  const uac = userAccountControl ?? 0x200;
  return disabled ? uac | ACCOUNTDISABLE : uac & ~ACCOUNTDISABLE;
}

export function isDisabled(client: Pick<LdapClient, "isAd" | "config">, u: LdapUser): boolean {
  if (client.isAd) return ((u.userAccountControl ?? 0) & ACCOUNTDISABLE) !== 0;
  return client.config.lockAttribute ? u.lockValue === client.config.lockValue : u.lockValue !== null;
}

export function toIdentityUser(client: LdapClient, u: LdapUser): IdentityUser {
  return { id: u.dn, username: u.username, email: u.email ?? u.userPrincipalName, displayName: u.displayName, disabled: isDisabled(client, u) };
}

async function setDisabled(client: LdapClient, name: string, disabled: boolean): Promise<Change> {
  const u = await client.findUser(name);
  if (isDisabled(client, u) === disabled) return { dn: u.dn, changed: false };
  if (client.isAd) {
    await client.replace(u.dn, "userAccountControl", String(withAccountDisabled(u.userAccountControl, disabled)));
  } else {
    const attribute = client.config.lockAttribute ?? "pwdAccountLockedTime";
    if (disabled) await client.replace(u.dn, attribute, client.config.lockAttribute ? client.config.lockValue : ADMIN_LOCK_TIME);
    else await client.deleteAttribute(u.dn, attribute);
  }
  return { dn: u.dn, changed: true };
}

async function setPasswordChange(client: LdapClient, name: string, forced: boolean): Promise<Change> {
  const u = await client.findUser(name);
  const isForced = client.isAd ? u.pwdLastSet === "0" : u.pwdReset;
  if (isForced === forced) return { dn: u.dn, changed: false };
  if (client.isAd) await client.replace(u.dn, "pwdLastSet", forced ? "0" : "-1"); // -1: "now", cancels the forced change
  else if (forced) await client.replace(u.dn, "pwdReset", "TRUE");
  else await client.deleteAttribute(u.dn, "pwdReset");
  return { dn: u.dn, changed: true };
}

async function setMembership(client: LdapClient, p: { user: string; group: string }, member: boolean): Promise<GroupChange> {
  const [u, g] = await Promise.all([client.findUser(p.user), client.findGroup(p.group)]);
  if ((await client.isMember(g.dn, u.dn)) === member) return { userDn: u.dn, groupDn: g.dn, changed: false };
  await client.changeMember(g.dn, u.dn, member ? "add" : "delete");
  return { userDn: u.dn, groupDn: g.dn, changed: true };
}

const [disableUser, enableUser] = reversiblePair({
  params: userParams,
  names: ["disableUser", "enableUser"],
  summaries: ["Disable the account (AD userAccountControl ACCOUNTDISABLE; OpenLDAP ppolicy lock)", "Enable the account again"],
  run: (client: LdapClient, p, forward) => setDisabled(client, p.user, forward),
  inverseParams: (r) => ({ user: r.dn }),
});
const [forcePasswordChange, clearPasswordChange] = reversiblePair({
  params: userParams,
  names: ["forcePasswordChange", "clearPasswordChange"],
  summaries: ["Force a password change at next logon (AD pwdLastSet=0; OpenLDAP pwdReset=TRUE)", "Cancel a forced password change (AD pwdLastSet=-1; OpenLDAP removes pwdReset)"],
  run: (client: LdapClient, p, forward) => setPasswordChange(client, p.user, forward),
  inverseParams: (r) => ({ user: r.dn }),
});
const [removeFromGroup, addToGroup] = reversiblePair({
  params: userGroupParams,
  names: ["removeFromGroup", "addToGroup"],
  summaries: ["Remove the user from a group (member attribute)", "Add the user to a group (restores a removal)"],
  run: (client: LdapClient, p, forward) => setMembership(client, p, !forward),
  inverseParams: (r) => ({ user: r.userDn, group: r.groupDn }),
});

export const ldapActions = {
  findUser: action.read({
    summary: "Find a user by sAMAccountName, userPrincipalName, mail, uid or DN",
    params: userParams,
    run: async (client, p): Promise<IdentityUser> => toIdentityUser(client, await client.findUser(p.user)),
  }),
  getUserGroups: action.read({
    summary: "Read the user's group memberships (nested on AD)",
    params: userParams,
    run: async (client, p): Promise<IdentityGroup[]> => {
      const u = await client.findUser(p.user);
      return (await client.groupsOf(u.dn, { nested: true })).map((g) => ({ id: g.dn, name: g.name }));
    },
  }),
  disableUser,
  enableUser,
  forcePasswordChange,
  clearPasswordChange,
  removeFromGroup,
  addToGroup,
};
