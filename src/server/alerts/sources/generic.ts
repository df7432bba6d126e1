// Generic JSON: any sender that can POST JSON. Well-known field names are read by default; a
// per-source mapping ({ title: "$.rule.name", observables: { ip: ["$.src"] } }) overrides them.
import { z } from "zod";
import { OBSERVABLE_TYPES } from "../../db/schema/enums";
import { ObservableSet } from "../observables";
import { asDate, asString, firstOf, readPath } from "../paths";
import { toSeverity } from "../severity";
import { ParseError, type NormalizedAlert, type SourceParser } from "../types";

const pathList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

export const genericMappingSchema = z
  .object({
    title: pathList.optional(),
    severity: pathList.optional(),
    occurredAt: pathList.optional(),
    externalId: pathList.optional(),
    category: pathList.optional(),
    description: pathList.optional(),
    observables: z.partialRecord(z.enum(OBSERVABLE_TYPES), pathList).optional(),
  })
  .strict();
export type GenericMapping = z.infer<typeof genericMappingSchema>;

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

function parseGeneric(payload: unknown, options: { receivedAt: Date; mapping?: Record<string, unknown> | null }): NormalizedAlert[] {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload))
    throw new ParseError("body: expected a JSON object");
  const mapping = options.mapping ? genericMappingSchema.parse(options.mapping) : {};
  const pick = (field: keyof typeof DEFAULTS & keyof GenericMapping) =>
    firstOf(payload, (mapping[field] as string[] | undefined) ?? (DEFAULTS[field] as readonly string[]));

  const title = asString(pick("title"))?.trim();
  if (!title) throw new ParseError(`title: missing; expected one of ${(mapping.title ?? DEFAULTS.title).join(", ")}`);
  const severityRaw = pick("severity");
  const severity = severityRaw === undefined ? "medium" : toSeverity(severityRaw);
  if (!severity) throw new ParseError(`severity: "${String(severityRaw).slice(0, 40)}" is not low/medium/high/critical or a 0-10 number`);
  const occurredRaw = pick("occurredAt");
  const occurredAt = occurredRaw === undefined ? options.receivedAt : asDate(occurredRaw);
  if (!occurredAt) throw new ParseError(`occurredAt: "${String(occurredRaw).slice(0, 40)}" is not a date`);

  const set = new ObservableSet();
  const explicit = readPath(payload, "observables");
  if (Array.isArray(explicit)) {
    for (const o of explicit) {
      const item = o as { type?: unknown; value?: unknown };
      if (typeof item?.type === "string" && (OBSERVABLE_TYPES as readonly string[]).includes(item.type))
        set.add(item.type as (typeof OBSERVABLE_TYPES)[number], item.value);
    }
  }
  const obsPaths = { ...DEFAULTS.observables, ...(mapping.observables ?? {}) } as Record<(typeof OBSERVABLE_TYPES)[number], readonly string[]>;
  for (const type of OBSERVABLE_TYPES) for (const p of obsPaths[type] ?? []) set.add(type, readPath(payload, p));
  const description = asString(pick("description")) ?? null;
  set.addFromText(description);

  return [
    {
      title: title.slice(0, 1000),
      severity,
      occurredAt,
      category: asString(pick("category")) ?? null,
      description,
      externalId: asString(pick("externalId")) ?? null,
      observables: set.toArray(),
      vendor: "generic",
      raw: payload,
    },
  ];
}

export const genericParser: SourceParser = { kind: "generic", label: "Generic JSON", parse: parseGeneric };
