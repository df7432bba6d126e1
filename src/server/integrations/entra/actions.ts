// Entra ID actions over Microsoft Graph. Each reads the current state first, so "already so"
// changes nothing and declares no inverse. Inverses name object ids.
//   disableUser     PATCH /users/{id} {accountEnabled:false} -> 204        (inverse: true)
//                   learn.microsoft.com/graph/api/user-update
//   revokeSessions  POST /users/{id}/revokeSignInSessions -> 200 {value:true}   (irreversible)
//                   learn.microsoft.com/graph/api/user-revokesigninsessions
//   removeFromGroup DELETE /groups/{gid}/members/{id}/$ref -> 204   (inverse: POST members/$ref)
//                   learn.microsoft.com/graph/api/group-delete-members
//   confirmCompromised POST /identityProtection/riskyUsers/confirmCompromised {userIds} -> 204
//                   learn.microsoft.com/graph/api/riskyuser-confirmcompromised   (irreversible)
import { z } from "zod";
import { actionsFor } from "../define";
import type { IdentityGroup, IdentityUser } from "../identity";
import { reversiblePair, userGroupParams, userParams } from "../identity-actions";
import type { GraphClient, GraphUser } from "./client";

const action = actionsFor<GraphClient>();

export function toIdentityUser(u: GraphUser): IdentityUser {
  return { id: u.id, username: u.userPrincipalName, email: u.mail ?? null, displayName: u.displayName ?? null, disabled: u.accountEnabled === false };
}

async function setEnabled(client: GraphClient, name: string, enabled: boolean) {
  const u = await client.getUser(name);
  if ((u.accountEnabled ?? true) === enabled) return { userId: u.id, changed: false };
  await client.call({ method: "PATCH", path: `users/${u.id}`, json: { accountEnabled: enabled } }, `user ${u.id}`);
  return { userId: u.id, changed: true };
}

async function setMembership(client: GraphClient, p: { user: string; group: string }, member: boolean) {
  const [u, g] = await Promise.all([client.getUser(p.user), client.findGroup(p.group)]);
  const isMember = (await client.groupsOf(u.id)).some((x) => x.id === g.id);
  if (isMember === member) return { userId: u.id, groupId: g.id, group: g.displayName, changed: false };
  if (member)
    await client.call({ method: "POST", path: `groups/${g.id}/members/$ref`, json: { "@odata.id": `${client.config.graphUrl.replace(/\/$/, "")}/v1.0/directoryObjects/${u.id}` } }, `group ${g.id}`);
  else await client.call({ method: "DELETE", path: `groups/${g.id}/members/${u.id}/$ref` }, `membership of ${u.id} in ${g.id}`);
  return { userId: u.id, groupId: g.id, group: g.displayName, changed: true };
}

const [disableUser, enableUser] = reversiblePair({
  params: userParams,
  names: ["disableUser", "enableUser"],
  summaries: ["Block sign-in (accountEnabled = false)", "Allow sign-in again (accountEnabled = true)"],
  run: (client: GraphClient, p, forward) => setEnabled(client, p.user, !forward),
  inverseParams: (r) => ({ user: r.userId }),
});
const [removeFromGroup, addToGroup] = reversiblePair({
  params: userGroupParams,
  names: ["removeFromGroup", "addToGroup"],
  summaries: ["Remove the user from a group (members/$ref)", "Add the user to a group (restores a removal)"],
  run: (client: GraphClient, p, forward) => setMembership(client, p, !forward),
  inverseParams: (r) => ({ user: r.userId, group: r.groupId }),
});

export const entraActions = {
  findUser: action.read({
    summary: "Find a user by userPrincipalName or object id",
    params: userParams,
    run: async (client, p): Promise<IdentityUser> => toIdentityUser(await client.getUser(p.user)),
  }),
  getUserGroups: action.read({
    summary: "Read the user's groups (transitive)",
    params: userParams,
    run: async (client, p): Promise<IdentityGroup[]> => {
      const u = await client.getUser(p.user);
      return (await client.groupsOf(u.id, { transitive: true })).map((g) => ({ id: g.id, name: g.displayName ?? g.id }));
    },
  }),
  disableUser,
  enableUser,
  revokeSessions: action.containment({
    summary: "Revoke refresh tokens and session cookies (revokeSignInSessions; irreversible)",
    params: userParams,
    target: (p) => ({ type: "user", value: p.user }),
    run: async (client, p) => {
      const u = await client.getUser(p.user);
      const res = await client.call({ method: "POST", path: `users/${u.id}/revokeSignInSessions` }, `user ${u.id}`, z.looseObject({ value: z.boolean() }));
      return { userId: u.id, revoked: res.value };
    },
  }),
  removeFromGroup,
  addToGroup,
  confirmCompromised: action.containment({
    summary: "Confirm the user compromised in ID Protection (risk = high; irreversible)",
    params: userParams,
    target: (p) => ({ type: "user", value: p.user }),
    run: async (client, p) => {
      const u = await client.getUser(p.user);
      await client.call({ method: "POST", path: "identityProtection/riskyUsers/confirmCompromised", json: { userIds: [u.id] } }, `risky user ${u.id}`);
      return { userId: u.id, confirmed: true };
    },
  }),
};
