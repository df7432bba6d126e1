// The alert sources `vigil demo` and the dashboard's "Load demo data" create: one per vendor the
// demo story uses, slugs prefixed `demo-`, a mix of the three auth modes so the demo exercises the
// real webhook authentication. Created once through the same domain function as the admin UI.
import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { alertSources } from "../db/schema";
import { open } from "../secrets/envelope";
import { createSource, SOURCE_AUTH_MODES, type CreateSourceInput } from "../intake/sources";

export interface DemoSourceSpec {
  slug: `demo-${string}`;
  name: string;
  kind: string;
  auth: "token" | "hmac" | "okta";
  mapping?: Record<string, unknown>;
}

/**
 * A generic JSON source for the "report phishing" button of a mail client. Emails are left to the
 * generic defaults on purpose: `sender` and `recipient` then carry the roles (src, dst) the
 * phishing-reported playbook reads to tell the phish's sender from the reporter it answers.
 */
const phishingMapping = {
  title: "$.subject_line",
  externalId: "$.report_id",
  occurredAt: "$.reported_at",
  description: "$.comment",
  observables: {
    url: "$.urls[*]",
    sha256: "$.attachments[*].sha256",
    domain: "$.sender_domain",
  },
  defaults: { category: "phishing", severity: "medium" },
};

export const DEMO_SOURCES: readonly DemoSourceSpec[] = [
  { slug: "demo-splunk", name: "Demo: Splunk", kind: "splunk", auth: "token" },
  { slug: "demo-wazuh", name: "Demo: Wazuh", kind: "wazuh", auth: "hmac" },
  { slug: "demo-okta", name: "Demo: Okta event hook", kind: "okta", auth: "okta" },
  { slug: "demo-sentinel", name: "Demo: Microsoft Sentinel", kind: "sentinel", auth: "token" },
  { slug: "demo-crowdstrike", name: "Demo: CrowdStrike Falcon", kind: "crowdstrike", auth: "hmac" },
  { slug: "demo-defender", name: "Demo: Microsoft Defender", kind: "defender", auth: "token" },
  { slug: "demo-phishing", name: "Demo: reported phishing (generic JSON)", kind: "generic", auth: "token", mapping: phishingMapping },
  { slug: "demo-suricata", name: "Demo: Suricata", kind: "suricata", auth: "hmac" },
  { slug: "demo-guardduty", name: "Demo: AWS GuardDuty", kind: "guardduty", auth: "token" },
];

export type DemoSlug = (typeof DEMO_SOURCES)[number]["slug"];

export interface DemoSource {
  slug: string;
  auth: "token" | "hmac" | "okta";
  secret: string;
  created: boolean;
  enabled: boolean;
}

/**
 * Creates the demo sources that do not exist yet (audited as `actor`) and returns every demo source
 * with its secret: new ones from creation, existing ones opened from their sealed column, so a
 * second run sends with the same credentials instead of rotating them.
 */
export async function ensureDemoSources(tx: DbOrTx, actor: string): Promise<DemoSource[]> {
  const existing = await tx
    .select({ slug: alertSources.slug, auth: alertSources.auth, enabled: alertSources.enabled, secretCiphertext: alertSources.secretCiphertext })
    .from(alertSources)
    .where(inArray(alertSources.slug, DEMO_SOURCES.map((s) => s.slug)));
  const bySlug = new Map(existing.map((row) => [row.slug, row]));
  const result: DemoSource[] = [];
  for (const spec of DEMO_SOURCES) {
    const row = bySlug.get(spec.slug);
    if (row) {
      result.push({ slug: row.slug, auth: z.enum(SOURCE_AUTH_MODES).parse(row.auth), secret: open(row.secretCiphertext), created: false, enabled: row.enabled });
      continue;
    }
    const input: CreateSourceInput = { slug: spec.slug, name: spec.name, kind: spec.kind, auth: spec.auth, mapping: spec.mapping };
    const source = await createSource(tx, actor, input);
    result.push({ slug: source.slug, auth: spec.auth, secret: source.secret, created: true, enabled: true });
  }
  return result;
}
