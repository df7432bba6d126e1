// The shape every vendor parser produces: a NormalizedAlert with typed observables.
import { z } from "zod";
import { OBSERVABLE_TYPES, SEVERITIES } from "../db/schema/enums";

export const observableSchema = z.object({
  type: z.enum(OBSERVABLE_TYPES),
  value: z.string().min(1).max(2048),
  /** Where the vendor put it, when it says: "src", "dst", "actor", "target", "host". */
  role: z.string().max(64).optional(),
  /**
   * Other values of the same type that name the same entity in this alert: a user's DOMAIN\\user
   * and UPN forms, a host's FQDN and short name. Each form is also an observable of its own and the
   * link is symmetric, so a trigger or search on either form finds the alert.
   */
  aliases: z.array(z.string().min(1).max(2048)).max(16).optional(),
});
export type Observable = z.infer<typeof observableSchema>;

export const normalizedAlertSchema = z.object({
  title: z.string().min(1).max(1000),
  severity: z.enum(SEVERITIES),
  /** When the activity happened (UTC), not when it was delivered. */
  occurredAt: z.date(),
  category: z.string().max(200).nullable(),
  description: z.string().max(100_000).nullable(),
  /** The vendor's own id for the alert, when it has one. Dedup key. */
  externalId: z.string().max(500).nullable(),
  observables: z.array(observableSchema),
  vendor: z.string().min(1).max(100),
  raw: z.unknown(),
});
export type NormalizedAlert = z.infer<typeof normalizedAlertSchema>;

/** A parser failure: the message names the field that was missing or wrong. */
export class ParseError extends Error {
  override name = "ParseError";
}

export interface ParseOptions {
  /** When the request arrived; a fallback when the vendor gives no time. */
  receivedAt: Date;
  /** Per-source field mapping (generic sources). */
  mapping?: Record<string, unknown> | null;
}

/** One vendor's parser. Adding a vendor = adding a file in sources/ and one line in sources/index.ts. */
export interface SourceParser {
  /** Registry key, also the `kind` of an alert source. */
  kind: string;
  /** Name shown in the UI. */
  label: string;
  /** For kind "auto": whether this payload looks like this vendor's. */
  detect?: (payload: unknown) => boolean;
  /** Whether senders may post text/plain (e.g. CEF lines); parse() then receives the text. (Default: false) */
  acceptsText?: boolean;
  /** One payload may carry several alerts (e.g. an Okta event hook batch). */
  parse: (payload: unknown, options: ParseOptions) => NormalizedAlert[];
}
