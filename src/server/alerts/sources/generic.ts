// Generic JSON: any sender that can POST JSON. Well-known field names are read by default; a
// per-source mapping overrides them, written in a JSONPath subset (see json-path.ts):
//   { "title": "$.rule.name", "severity": ["$.level", "$.prio"], "severityMap": { "P1": "critical" },
//     "observables": { "ip": ["$.src", "$.entities[*].address"] }, "defaults": { "category": "brute_force" } }
import { z } from "zod";
import { OBSERVABLE_TYPES, SEVERITIES } from "../../db/schema/enums";
import { pathError, selectAll, selectFirst } from "../json-path";
import { ObservableSet } from "../observables";
import { asDate, asString, quote, textOf } from "../paths";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type ParseOptions, type SourceParser } from "../types";

const path = z.string().min(1).max(300).superRefine((p, ctx) => {
  const error = pathError(p);
  if (error) ctx.addIssue({ code: "custom", message: error });
});
const pathList = z
  .union([path, z.array(path).min(1).max(20)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const genericMappingSchema = z
  .object({
    title: pathList.optional(),
    severity: pathList.optional(),
    occurredAt: pathList.optional(),
    externalId: pathList.optional(),
    category: pathList.optional(),
    description: pathList.optional(),
    observables: z.partialRecord(z.enum(OBSERVABLE_TYPES), pathList).optional(),
    /** The sender's own severity words or numbers ("P1", "3") to ours, checked before the usual words. */
    severityMap: z.record(z.string().max(100), z.enum(SEVERITIES)).optional(),
    /** Values used when the paths find nothing (e.g. every alert of this source is "brute_force"). */
    defaults: z
      .object({ title: z.string().min(1).max(1000), severity: z.enum(SEVERITIES), category: z.string().min(1).max(200) })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
export type GenericMapping = z.infer<typeof genericMappingSchema>;

/** Validates a mapping (from the web app, the API or the database); a ParseError names the bad field. */
export function parseGenericMapping(input: unknown): GenericMapping {
  const result = genericMappingSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ParseError(`mapping.${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

const DEFAULTS = {
  title: ["title", "name", "summary", "rule_name", "rule.name", "message"],
  severity: ["severity", "level", "priority"],
  occurredAt: ["occurred_at", "occurredAt", "timestamp", "@timestamp", "time", "event_time", "created_at"],
  externalId: ["id", "alert_id", "alertId", "event_id", "uuid"],
  category: ["category", "type", "rule.category"],
  description: ["description", "details", "message"],
  observables: {
    ip: ["ip", "src_ip", "source_ip", "dst_ip", "dest_ip", "destination_ip", "client_ip", "remote_ip", "source.ip", "destination.ip"],
    user: ["user", "username", "user_name", "account", "user.name", "target_user"],
    email: ["email", "user_email", "sender", "recipient"],
    host: ["host", "hostname", "host.name", "computer", "device"],
    domain: ["domain", "dns_query", "query"],
    url: ["url", "uri"],
    md5: ["md5", "hash.md5", "file.hash.md5"],
    sha1: ["sha1", "hash.sha1", "file.hash.sha1"],
    sha256: ["sha256", "hash.sha256", "file.hash.sha256"],
  },
} as const;

/** Roles implied by well-known field names, so playbooks can tell a phish's sender from its reporter. */
const DEFAULT_ROLES: Record<string, string> = { src_ip: "src", source_ip: "src", "source.ip": "src", client_ip: "src", remote_ip: "src", dst_ip: "dst", dest_ip: "dst", destination_ip: "dst", "destination.ip": "dst", sender: "src", recipient: "dst" };

type ScalarField = "title" | "severity" | "occurredAt" | "externalId" | "category" | "description";

function severityOf(raw: unknown, mapping: GenericMapping) {
  const key = asString(raw)?.trim();
  const mapped = key === undefined ? undefined : (mapping.severityMap?.[key] ?? mapping.severityMap?.[key.toLowerCase()]);
  if (mapped) return mapped;
  if (raw === undefined) return mapping.defaults?.severity ?? "medium";
  const s = toSeverity(raw);
  if (!s) throw new ParseError(`severity: ${quote(raw)} is not low/medium/high/critical or a 0-10 number; add it to mapping.severityMap`);
  return s;
}

function observablesOf(payload: Record<string, unknown>, mapping: GenericMapping, description: string | null) {
  const set = new ObservableSet();
  const explicit = payload.observables;
  if (Array.isArray(explicit)) {
    for (const o of explicit) {
      const item = o as { type?: unknown; value?: unknown };
      if (typeof item?.type === "string" && (OBSERVABLE_TYPES as readonly string[]).includes(item.type))
        set.add(item.type as (typeof OBSERVABLE_TYPES)[number], item.value);
    }
  }
  const paths = { ...DEFAULTS.observables, ...(mapping.observables ?? {}) } as Record<(typeof OBSERVABLE_TYPES)[number], readonly string[]>;
  for (const type of OBSERVABLE_TYPES) for (const p of paths[type] ?? []) set.add(type, selectAll(payload, p), mapping.observables?.[type] ? undefined : DEFAULT_ROLES[p]);
  set.addFromText(description);
  return set.toArray();
}

function parseGeneric(payload: unknown, options: ParseOptions): NormalizedAlert[] {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload))
    throw new ParseError("body: expected a JSON object");
  const body = payload as Record<string, unknown>;
  const mapping = parseGenericMapping(options.mapping);
  const pick = (field: ScalarField) => selectFirst(body, mapping[field] ?? DEFAULTS[field]);

  const title = textOf(pick("title"), 1000) ?? mapping.defaults?.title;
  if (!title) throw new ParseError(`title: missing; expected one of ${(mapping.title ?? DEFAULTS.title).join(", ")}`);
  const occurredRaw = pick("occurredAt");
  const occurredAt = occurredRaw === undefined ? options.receivedAt : asDate(occurredRaw);
  if (!occurredAt) throw new ParseError(`occurredAt: ${quote(occurredRaw)} is not a date`);
  const description = textOf(pick("description")) ?? null;

  return [
    {
      title,
      severity: severityOf(pick("severity"), mapping),
      occurredAt,
      category: textOf(pick("category"), 200) ?? mapping.defaults?.category ?? null,
      description,
      externalId: textOf(pick("externalId"), 500) ?? null,
      observables: observablesOf(body, mapping, description),
      vendor: "generic",
      raw: payload,
    },
  ];
}

export const genericParser: SourceParser = { kind: "generic", label: "Generic JSON", parse: parseGeneric };
