// Okta actions. Suspend/unsuspend only apply to ACTIVE/SUSPENDED users, so each reads the user
// first: already suspended means nothing changed and no inverse. Inverses name the Okta ids.
//   disableUser   POST /api/v1/users/{id}/lifecycle/suspend      (inverse: unsuspend)
//   revokeSessions DELETE /api/v1/users/{id}/sessions?oauthTokens=true   (irreversible)
//   resetFactors  POST /api/v1/users/{id}/lifecycle/reset_factors   (irreversible)
//   removeFromGroup DELETE /api/v1/groups/{gid}/users/{id}          (inverse: PUT)
import { actionsFor } from "../define";
import { IntegrationError } from "../errors";
import type { IdentityGroup, IdentityUser } from "../identity";
import { reversiblePair, userGroupParams, userParams } from "../identity-actions";
import type { OktaClient, OktaUser } from "./client";

const action = actionsFor<OktaClient>();

export function toIdentityUser(u: OktaUser): IdentityUser {
  const name = [u.profile.firstName, u.profile.lastName].filter(Boolean).join(" ");
  return { id: u.id, username: u.profile.login, email: u.profile.email ?? null, displayName: name || null, disabled: u.status === "SUSPENDED" || u.status === "DEPROVISIONED" };
}

async function setSuspended(client: OktaClient, name: string, suspend: boolean) {
  const u = await client.getUser(name);
  const [from, to] = suspend ? ["ACTIVE", "SUSPENDED"] : ["SUSPENDED", "ACTIVE"];
  if (u.status === to) return { userId: u.id, changed: false };
  if (u.status !== from) throw new IntegrationError(`Okta can only ${suspend ? "suspend ACTIVE" : "unsuspend SUSPENDED"} users; ${u.profile.login} is ${u.status}`);
  await client.call({ method: "POST", path: `/api/v1/users/${u.id}/lifecycle/${suspend ? "suspend" : "unsuspend"}` }, `user ${u.id}`);
  return { userId: u.id, changed: true };
}

async function setMembership(client: OktaClient, p: { user: string; group: string }, member: boolean) {
  const [u, g] = await Promise.all([client.getUser(p.user), client.findGroup(p.group)]);
  const isMember = (await client.groupsOf(u.id)).some((x) => x.id === g.id);
  if (isMember === member) return { userId: u.id, groupId: g.id, group: g.profile.name, changed: false };
  await client.call({ method: member ? "PUT" : "DELETE", path: `/api/v1/groups/${g.id}/users/${u.id}` }, `membership of ${u.id} in ${g.id}`);
  return { userId: u.id, groupId: g.id, group: g.profile.name, changed: true };
}

const [disableUser, enableUser] = reversiblePair({
  params: userParams,
  names: ["disableUser", "enableUser"],
  summaries: ["Suspend the user (lifecycle/suspend)", "Unsuspend the user (lifecycle/unsuspend)"],
  run: (client: OktaClient, p, forward) => setSuspended(client, p.user, forward),
  inverseParams: (r) => ({ user: r.userId }),
});
const [removeFromGroup, addToGroup] = reversiblePair({
  params: userGroupParams,
  names: ["removeFromGroup", "addToGroup"],
  summaries: ["Remove the user from a group", "Add the user to a group (restores a removal)"],
  run: (client: OktaClient, p, forward) => setMembership(client, p, !forward),
  inverseParams: (r) => ({ user: r.userId, group: r.groupId }),
});

export const oktaActions = {
  findUser: action.read({
    summary: "Find a user by login, email or id",
    params: userParams,
    run: async (client, p): Promise<IdentityUser> => toIdentityUser(await client.getUser(p.user)),
  }),
  getUserGroups: action.read({
    summary: "Read the user's groups",
    params: userParams,
    run: async (client, p): Promise<IdentityGroup[]> => {
      const u = await client.getUser(p.user);
      return (await client.groupsOf(u.id)).map((g) => ({ id: g.id, name: g.profile.name }));
    },
  }),
  disableUser,
  enableUser,
  revokeSessions: action.containment({
    summary: "Clear all sessions and revoke OAuth tokens (irreversible)",
    params: userParams,
    target: (p) => ({ type: "user", value: p.user }),
    run: async (client, p) => {
      const u = await client.getUser(p.user);
      await client.call({ method: "DELETE", path: `/api/v1/users/${u.id}/sessions`, query: { oauthTokens: true } }, `user ${u.id}`);
      return { userId: u.id, revoked: true };
    },
  }),
  resetFactors: action.containment({
    summary: "Reset all enrolled MFA factors (irreversible; the user enrolls again)",
    params: userParams,
    target: (p) => ({ type: "user", value: p.user }),
    run: async (client, p) => {
      const u = await client.getUser(p.user);
      await client.call({ method: "POST", path: `/api/v1/users/${u.id}/lifecycle/reset_factors` }, `user ${u.id}`);
      return { userId: u.id, reset: true };
    },
  }),
  removeFromGroup,
  addToGroup,
};
