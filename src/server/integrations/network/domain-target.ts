// Strict parsing of the domain names that domain containment acts on (FortiGate FQDN address
// objects). Like ip-target.ts, every API call is built from the canonical form returned here:
// lower case, no trailing dot, letters/digits/hyphens only, at least two labels, a real-looking TLD.
// Wildcards, IP literals, URLs and single-label names are refused: each would either block far more
// than asked or be resolved in ways nobody reviewed.
import { z } from "zod";
import { AppError } from "../../errors";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** A TLD is letters (or an IDN "xn--" label): "1.2.3.4" is an IP, never a domain. */
const TLD = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

function fail(input: string, why: string): never {
  throw new AppError("BAD_REQUEST", `"${input.slice(0, 80)}" is not a valid domain name: ${why}`);
}

/** Parses "Evil.Example." to "evil.example"; throws AppError(BAD_REQUEST) for anything else. */
export function parseDomain(input: string): string {
  const text = input.trim().toLowerCase().replace(/\.$/, "");
  if (text.length === 0) fail(input, "it is empty");
  if (text.length > 253) fail(input, "longer than 253 characters");
  if (text.includes("*")) fail(input, "wildcards are not blocked; name the exact host");
  if (!/^[a-z0-9.-]+$/.test(text)) fail(input, "only letters, digits, '-' and '.' are allowed (give a host name, not a URL; IDNs in xn-- form)");
  const labels = text.split(".");
  if (labels.length < 2) fail(input, "a single label is not a public domain");
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined) fail(input, `the label "${bad}" must be 1-63 letters, digits or '-', not starting or ending with '-'`);
  if (!TLD.test(labels[labels.length - 1]!)) fail(input, "the top-level domain must be letters (an IP address is not a domain)");
  return text;
}

/** True when `value` parses as a domain name (playbooks ask before blocking). */
export function isDomain(value: string): boolean {
  try {
    parseDomain(value);
    return true;
  } catch {
    return false;
  }
}

/** True when `domain` is `parent` or one of its subdomains. Both canonical. */
export function withinDomain(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}

/** zod: a domain name, output canonical. */
export const domainSchema = z
  .string()
  .max(260)
  .transform((value, ctx) => {
    try {
      return parseDomain(value);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
      return z.NEVER;
    }
  });
