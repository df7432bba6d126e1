// The demo story's cast and clock, shared by every scenario file so the story stays consistent
// (same attacker IP across the brute force alerts, same C2 address in the EDR and network alerts).
// Every address and name is from documentation ranges (RFC 5737/3849, .example), so the demo can
// never point a playbook at a real system.
import type { DemoSlug } from "../demo-sources";

export const DEMO_SCENARIOS = ["brute-force", "suspicious-sign-in", "malware-on-host", "phishing-reported", "c2-beacon"] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

/** The cast, shared across alerts so the story is consistent (same attacker IP in every brute force alert). */
export const DEMO_CAST = {
  attackerIp: "203.0.113.77",
  vpnUser: "CORP\\alice",
  travelUser: "bob@acme.example",
  travelIpHome: "198.51.100.20",
  travelIpAway: "203.0.113.140",
  workstation: "FIN-WS-12",
  server: "srv-file-01",
  c2Ip: "192.0.2.66",
  c2Domain: "cdn-update.example",
  malwareSha256: "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
  phishSender: "billing@invoices-portal.example",
} as const;

export interface DemoAlert {
  scenario: DemoScenario;
  slug: DemoSlug;
  payload: unknown;
}

export interface StoryClock {
  now: Date;
  /** Distinguishes this run's ids from earlier runs' (a few random characters). */
  runTag: string;
}

export const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);
export const iso = (d: Date) => d.toISOString();
export const unix = (d: Date) => Math.floor(d.getTime() / 1000);
