// The integrations Vigil knows: one line per system, each a folder <system>/ whose index.ts
// default-exports defineIntegration({...}). Adding a system means adding its folder and a line here.
import type { AnyIntegration } from "./define";
import abuseipdb from "./abuseipdb";
import cloudflare from "./cloudflare";
import crowdsec from "./crowdsec";
import email from "./email";
import entra from "./entra";
import fortigate from "./fortigate";
import greynoise from "./greynoise";
import ldap from "./ldap";
import nftables from "./nftables";
import okta from "./okta";
import panos from "./panos";
import slack from "./slack";
import virustotal from "./virustotal";

export const INTEGRATIONS = {
  // identity
  ldap,
  okta,
  entra,
  // network containment
  crowdsec,
  nftables,
  panos,
  fortigate,
  cloudflare,
  // notification
  email,
  slack,
  // enrichment
  abuseipdb,
  virustotal,
  greynoise,
} as const satisfies Record<string, AnyIntegration>;

export type IntegrationId = keyof typeof INTEGRATIONS;

/** Integrations added at run time (test fixtures); the list above is what Vigil ships. */
const registered = new Map<string, AnyIntegration>();

export function registerIntegration(definition: AnyIntegration): void {
  registered.set(definition.id, definition);
}

export function getIntegration(id: string): AnyIntegration | undefined {
  return (INTEGRATIONS as Record<string, AnyIntegration>)[id] ?? registered.get(id);
}

export function listIntegrations(): AnyIntegration[] {
  return [...Object.values(INTEGRATIONS as Record<string, AnyIntegration>), ...registered.values()];
}
