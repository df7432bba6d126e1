// Observable validation and extraction, shared by every vendor parser. Parsers add structured
// vendor fields first (add, addUser, addHost, addHash, addIpOrHost), then scan known free-text
// fields (addFromText). Values are kept verbatim (no homoglyph or zero-width folding) apart from
// refanging; console links back to the vendor (consoleHosts) never become observables.
import { isIP } from "node:net";
import type { ObservableType } from "../db/schema/enums";
import { hostForms, userForms, type HostParts, type UserParts } from "./identity-forms";
import type { Observable } from "./types";

/** Undo common defanging: hxxp -> http, [.] -> ., [:] -> :, [@] -> @. */
export function refang(value: string): string {
  return value
    .replace(/\bhxxp(s?):\/\//gi, "http$1://")
    .replace(/\bhxxp(s?)\[:\]\/\//gi, "http$1://")
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, ".")
    .replace(/\[:\]/g, ":")
    .replace(/\[@\]|\(at\)|\[at\]/gi, "@");
}

const HEX = { md5: /^[a-f0-9]{32}$/i, sha1: /^[a-f0-9]{40}$/i, sha256: /^[a-f0-9]{64}$/i } as const;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const EMAIL = /^[^\s@<>()\\]{1,64}@[^\s@<>()\\]{1,253}\.[^\s@<>()\\.]{2,63}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * Addresses that name no particular host (unspecified, broadcast, loopback, IPv6 link-local): as
 * observables they would link every alert that carries them. 169.254.169.254 stays (SSRF target).
 */
const NO_HOST_IP = /^(0\.0\.0\.0|::|255\.255\.255\.255|127\.\d+\.\d+\.\d+|::1|fe[89ab][0-9a-f]:.*)$/i;

/** The host part of a URL, lowercased; undefined when it is not a URL. */
export function hostOf(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  const href = url.match(/https?:\/\/[^\s"'<>]+/i)?.[0];
  try {
    return href ? new URL(href).hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

function hashTypeOf(value: string): "md5" | "sha1" | "sha256" | undefined {
  if (HEX.sha256.test(value)) return "sha256";
  if (HEX.sha1.test(value)) return "sha1";
  if (HEX.md5.test(value)) return "md5";
  return undefined;
}

/** Validates and canonicalises one observable value; returns null when it is not a valid one. */
export function normalizeObservable(type: ObservableType, raw: unknown): string | null {
  if (typeof raw !== "string" && typeof raw !== "number") return null;
  let value = String(raw).trim();
  if (!value || value.length > 2048 || value.includes("\u0000") || LONE_SURROGATE.test(value)) return null;
  switch (type) {
    case "ip": {
      value = refang(value).replace(/^\[|\]$/g, "");
      const kind = isIP(value);
      if (!kind || NO_HOST_IP.test(value)) return null;
      return kind === 6 ? value.toLowerCase() : value;
    }
    case "md5":
    case "sha1":
    case "sha256":
      return HEX[type].test(value) ? value.toLowerCase() : null;
    case "domain":
      value = refang(value).replace(/\.$/, "");
      return DOMAIN.test(value) && !isIP(value) ? value.toLowerCase() : null;
    case "email":
      value = refang(value).replace(/^mailto:/i, "");
      return EMAIL.test(value) ? value.toLowerCase() : null;
    case "url":
      value = refang(value);
      try {
        const u = new URL(value);
        return u.protocol === "http:" || u.protocol === "https:" || u.protocol === "ftp:" ? value : null;
      } catch {
        return null;
      }
    case "host":
      return value.length <= 255 && !/[\s/\\@]/.test(value) && !isIP(value) ? value : null;
    case "user":
      return value.length <= 512 ? value : null;
    default:
      return null;
  }
}

interface Item {
  type: ObservableType;
  value: string;
  role?: string;
  aliases: Set<string>;
}

export interface ObservableSetOptions {
  /** Hosts of the vendor's own console (and subdomains): links to them are never observables. */
  consoleHosts?: readonly (string | undefined)[];
  /** Most observables kept for one alert (Default: 500). */
  limit?: number;
}

/** Accumulates observables without duplicates, skipping invalid values and console links. */
export class ObservableSet {
  private readonly items = new Map<string, Item>();
  private readonly consoleHosts: string[];
  private readonly limit: number;

  constructor(options: ObservableSetOptions = {}) {
    this.consoleHosts = (options.consoleHosts ?? []).filter((h): h is string => !!h).map((h) => h.toLowerCase());
    this.limit = options.limit ?? 500;
  }

  /** Whether a URL points at the vendor's console. */
  isConsoleLink(url: string): boolean {
    const host = hostOf(url);
    return !!host && this.consoleHosts.some((h) => host === h || host.endsWith(`.${h}`));
  }

  /** Adds a value (or each value of an array) of a known type; returns the stored value or null. */
  add(type: ObservableType, value: unknown, role?: string): this {
    if (Array.isArray(value)) for (const v of value) this.put(type, v, role);
    else this.put(type, value, role);
    return this;
  }

  private put(type: ObservableType, raw: unknown, role?: string): string | null {
    const value = normalizeObservable(type, raw);
    if (value === null) return null;
    if (type === "url" && this.isConsoleLink(value)) return null;
    const key = `${type}\u0001${value}`;
    if (!this.items.has(key)) {
      if (this.items.size >= this.limit) return null;
      this.items.set(key, { type, value, role: role ? role.slice(0, 64) : undefined, aliases: new Set() });
    }
    return value;
  }

  /** Adds several forms of one entity and links each to the others through `aliases`. */
  link(type: ObservableType, forms: readonly unknown[], role?: string): this {
    const stored = [...new Set(forms.map((f) => this.put(type, f, role)).filter((v): v is string => v !== null))];
    for (const value of stored) {
      const item = this.items.get(`${type}\u0001${value}`)!;
      for (const other of stored) if (other !== value) item.aliases.add(other);
    }
    return this;
  }

  /** A user in all the forms the vendor gives (DOMAIN\user, UPN), linked. */
  addUser(parts: UserParts | string | undefined, role?: string): this {
    if (parts === undefined) return this;
    return this.link("user", userForms(typeof parts === "string" ? { name: parts } : parts), role);
  }

  /** A host as FQDN and short name, linked; an IP given as a host name becomes an ip. */
  addHost(parts: HostParts | string | undefined, role?: string): this {
    if (parts === undefined) return this;
    const p = typeof parts === "string" ? { name: parts } : parts;
    if (typeof p.name === "string" && isIP(p.name.trim())) return this.add("ip", p.name, role);
    return this.link("host", hostForms(p), role);
  }

  /** A field that holds either an address or a host name (CIM src/dest, Chronicle hostname). */
  addIpOrHost(value: unknown, role?: string): this {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== "string") continue;
      if (isIP(refang(v.trim()).replace(/^\[|\]$/g, ""))) this.add("ip", v, role);
      else this.addHost(v, role);
    }
    return this;
  }

  /** A hex digest of unknown algorithm, typed by its length. */
  addHash(value: unknown, role?: string): this {
    for (const v of Array.isArray(value) ? value : [value]) {
      const type = typeof v === "string" ? hashTypeOf(v.trim()) : undefined;
      if (type) this.add(type, v, role);
    }
    return this;
  }

  /** An untyped value (a rule's match field): kept only when its shape says what it is. */
  addGuess(value: unknown, role?: string): this {
    if (typeof value !== "string") return this;
    const v = refang(value.trim());
    if (isIP(v.replace(/^\[|\]$/g, ""))) return this.add("ip", v, role);
    if (/^(https?|ftp):\/\//i.test(v)) return this.add("url", v, role);
    if (EMAIL.test(v)) return this.add("email", v, role);
    return this.addHash(v, role);
  }

  /** Scans free text for URLs, IPv4s, emails, hashes and explicitly defanged domains. */
  addFromText(text: unknown, ignoreHosts: readonly string[] = []): this {
    if (typeof text !== "string" || !text) return this;
    const ignored = [...this.consoleHosts, ...ignoreHosts.map((h) => h.toLowerCase())];
    const sample = text.slice(0, 200_000);
    for (const m of sample.matchAll(/[\w-]+(?:(?:\[\.\]|\(\.\)|\{\.\}|\.)[\w-]+)+/g))
      if (/\[\.\]|\(\.\)|\{\.\}/.test(m[0])) this.add("domain", m[0]);
    let t = refang(sample);
    for (const m of t.matchAll(/\b(?:https?|ftp):\/\/[^\s"'<>()\]]+/gi)) {
      const url = m[0].replace(/[.,;:!?]+$/, "");
      const host = hostOf(url);
      if (host && ignored.some((h) => host === h || host.endsWith(`.${h}`))) t = t.replace(m[0], " ");
      else this.add("url", url);
    }
    for (const m of t.matchAll(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g)) this.add("ip", m[0]);
    for (const m of t.matchAll(/\b[\w.+-]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,63}\b/gi)) this.add("email", m[0]);
    for (const m of t.matchAll(/\b[a-f0-9]{64}\b|\b[a-f0-9]{40}\b|\b[a-f0-9]{32}\b/gi)) this.addHash(m[0]);
    return this;
  }

  toArray(): Observable[] {
    return [...this.items.values()].map(({ type, value, role, aliases }) => ({
      type,
      value,
      ...(role ? { role } : {}),
      ...(aliases.size ? { aliases: [...aliases].slice(0, 16) } : {}),
    }));
  }
}
