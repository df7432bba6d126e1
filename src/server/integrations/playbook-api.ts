// What a playbook reaches as `ctx.integrations`. The engine calls createPlaybookIntegrations() once
// per run execution; every call must happen inside ctx.step, whose scope supplies the idempotency
// key and the abort signal.
//
// Two ways in, on purpose:
//   await ctx.step("disable", () => ctx.integrations.identity.disableUser({ user, expiresIn: "4h" }));
//     The facade: the same verbs on AD/LDAP, Okta and Entra ID. The connection is the one named
//     ({ connection: "corp-ad" }), else the one whose "user domains" match the user's @domain, else
//     the only identity connection. A playbook written this way survives a change of IdP.
//   await ctx.step("okta", () => ctx.integrations.okta.resetFactors({ user }));
//   await ctx.step("ad", () => ctx.integrations.ldap("corp-ad").forcePasswordChange({ user }));
//     Per system, typed by that system's actions: `ctx.integrations.<system>` uses its only enabled
//     connection, `ctx.integrations.<system>("<connection name>")` a named one. For what only one
//     system can do, or when a playbook must hit one connection in particular.
//   await ctx.step("enrich", () => ctx.integrations.enrichment.lookup({ type: "ip", value: ip }));
//     Every enrichment connection at once, cached per observable and within each key's quota.
//   await ctx.step("block", () => ctx.integrations.network.blockIp({ ip, duration: "24h" }));
//     The first blocking connection that works (CrowdSec, firewalls, Cloudflare); never throws for "cannot".
//   await ctx.step("block domain", () => ctx.integrations.network.blockDomain({ domain, duration: "24h" }));
//     The same for a domain, on connections that can block domains (FortiGate); `configured: false` when none can.
//   await ctx.step("critical", () => ctx.integrations.cases.raiseSeverity({ severity: "critical" }));
//     The run's own case: severity, attached observables, other hosts that saw an indicator.
// Containment calls return a ContainmentOutcome (ledger id, status, expiry, result) and accept
// { expiresIn, reason }; several containment calls in one step get keys `runId:step`, `runId:step#2`, ...
import type { z } from "zod";
import type { Json } from "../engine/define-playbook";
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import { currentStep, type StepScope } from "../engine/step-scope";
import type { AnyAction, AnyIntegration, ContainmentAction, ReadAction } from "./define";
import { IntegrationUsageError } from "./errors";
import { IDENTITY_VERBS, routeIdentityConnection, type IdentityApi } from "./identity";
import { findAction, invokeAction, type ContainmentOptions } from "./invoke";
import type { ContainmentOutcome } from "./ledger";
import { resolveConnection, type OpenConnection } from "./open-connection";
import { INTEGRATIONS, type IntegrationId } from "./registry";
import { enrichmentApi, type EnrichmentApi } from "../enrichment/playbook-api";
import { caseApi, type CaseApi } from "../cases/playbook-api";
import { networkApi, type NetworkApi } from "./network/playbook-api";

export interface PlaybookIntegrationDeps {
  db: Db;
  run: { id: string; playbookId: string; caseId: string | null; alertId?: string | null };
  log: Logger;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type ActionCall<A> =
  A extends ContainmentAction<any, infer P extends z.ZodType, infer R extends Json>
    ? (params: z.input<P> & ContainmentOptions) => Promise<ContainmentOutcome<R>>
    : A extends ReadAction<any, infer P extends z.ZodType, infer R extends Json>
      ? (params: z.input<P>) => Promise<R>
      : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The actions of one system, bound to one connection. */
export type ActionsApi<D extends AnyIntegration> = { [K in keyof D["actions"]]: ActionCall<D["actions"][K]> };
/** `ctx.integrations.okta.x()` (its only connection) or `ctx.integrations.okta("name").x()`. */
export type SystemApi<D extends AnyIntegration> = ((connection?: string) => ActionsApi<D>) & ActionsApi<D>;

export type PlaybookIntegrations = { identity: IdentityApi; enrichment: EnrichmentApi; network: NetworkApi; cases: CaseApi } & { [K in IntegrationId]: SystemApi<(typeof INTEGRATIONS)[K]> };

type Invoke = (resolve: () => Promise<OpenConnection>, action: string, params: Record<string, unknown>) => Promise<unknown>;

/** Idempotency keys: the step's key for its first containment call, then `#2`, `#3`, ... */
const keysUsed = new WeakMap<StepScope, number>();
function nextKey(scope: StepScope): string {
  const n = (keysUsed.get(scope) ?? 0) + 1;
  keysUsed.set(scope, n);
  return n === 1 ? scope.idempotencyKey : `${scope.idempotencyKey}#${n}`;
}

function invoker(deps: PlaybookIntegrationDeps): Invoke {
  return async (resolve, actionName, raw) => {
    const scope = currentStep();
    if (!scope) throw new IntegrationUsageError(`call ctx.integrations (${actionName}) inside ctx.step(name, fn), so it is journaled and never repeated`);
    const { expiresIn, reason, connection: _named, ...params } = raw as Record<string, unknown> & ContainmentOptions & { connection?: string };
    const connection = await resolve();
    const action: AnyAction = findAction(connection, actionName);
    return invokeAction(deps.db, {
      connection,
      action: actionName,
      params,
      options: { expiresIn, reason },
      actor: `playbook:${deps.run.id}`,
      run: deps.run,
      idempotencyKey: action.kind === "containment" ? nextKey(scope) : null,
      signal: scope.signal,
      log: deps.log,
    });
  };
}

function systemApi(deps: PlaybookIntegrationDeps, invoke: Invoke, integration: AnyIntegration) {
  const bound = (name?: string) =>
    Object.fromEntries(Object.keys(integration.actions).map((action) => [action, (params: Record<string, unknown> = {}) => invoke(() => resolveConnection(deps.db, integration.id, name), action, params)]));
  return Object.assign((name?: string) => bound(name), bound(undefined));
}

function identityApi(deps: PlaybookIntegrationDeps, invoke: Invoke): IdentityApi {
  const verbs = IDENTITY_VERBS.map((verb) => [
    verb,
    (params: { user: string; connection?: string } & Record<string, unknown>) => {
      if (typeof params?.user !== "string" || !params.user) throw new IntegrationUsageError(`identity.${verb}: params.user must be a non-empty string`);
      return invoke(() => routeIdentityConnection(deps.db, params.user, params.connection), verb, params);
    },
  ]);
  return Object.fromEntries(verbs) as unknown as IdentityApi;
}

export function createPlaybookIntegrations(deps: PlaybookIntegrationDeps): PlaybookIntegrations {
  const invoke = invoker(deps);
  const systems = Object.fromEntries(Object.values(INTEGRATIONS as Record<string, AnyIntegration>).map((i) => [i.id, systemApi(deps, invoke, i)]));
  return { ...systems, identity: identityApi(deps, invoke), enrichment: enrichmentApi(deps), network: networkApi(deps.db, invoke), cases: caseApi(deps) } as PlaybookIntegrations;
}
