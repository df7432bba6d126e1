// Observable validation and extraction. Structured fields come first; free text is scanned with
// conservative patterns. Values are kept verbatim (no homoglyph folding) apart from refanging.
import { isIP } from "node:net";
import type { ObservableType } from "../db/schema/enums";
import type { Observable } from "./types";

/** Undo common defanging: hxxp -> http, [.] -> ., [:] -> :, [@] -> @. */
export function refang(value: string): string {
  return value
    .replace(/\bhxxp(s?):\/\//gi, "http$1://")
    .replace(/\[\.\]|\(\.\)|\{\.\}/g, ".")
    .replace(/\[:\]/g, ":")
    .replace(/\[@\]|\(at\)/gi, "@");
}

const HEX = { md5: /^[a-f0-9]{32}$/i, sha1: /^[a-f0-9]{40}$/i, sha256: /^[a-f0-9]{64}$/i } as const;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const EMAIL = /^[^\s@<>()]{1,64}@[^\s@<>()]{1,253}$/;

/** Validates and canonicalises one observable value; returns null when it is not a valid one. */
export function normalizeObservable(type: ObservableType, raw: unknown): string | null {
  if (typeof raw !== "string" && typeof raw !== "number") return null;
  let value = String(raw).trim();
  if (!value || value.length > 2048 || value.includes("\u0000")) return null;
  switch (type) {
    case "ip": {
      value = refang(value).replace(/^\[|\]$/g, "");
      const kind = isIP(value);
      if (!kind) return null;
      return kind === 6 ? value.toLowerCase() : value;
    }
    case "md5":
    case "sha1":
    case "sha256":
      return HEX[type].test(value) ? value.toLowerCase() : null;
    case "domain":
      value = refang(value).replace(/\.$/, "");
      return DOMAIN.test(value) ? value.toLowerCase() : null;
    case "email":
      value = refang(value);
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
      return value.length <= 255 && !/\s/.test(value) ? value : null;
    case "user":
      return value.length <= 512 ? value : null;
  }
}

/** Accumulates observables without duplicates, skipping invalid values. */
export class ObservableSet {
  private readonly items = new Map<string, Observable>();

  add(type: ObservableType, value: unknown, role?: string): this {
    if (Array.isArray(value)) {
      for (const v of value) this.add(type, v, role);
      return this;
    }
    const normalized = normalizeObservable(type, value);
    if (normalized === null) return this;
    const key = `${type}\u0001${normalized}`;
    if (!this.items.has(key)) this.items.set(key, role ? { type, value: normalized, role } : { type, value: normalized });
    return this;
  }

  /** Scans free text for IPs, URLs, emails and hashes. Console links to `ignoreHosts` are skipped. */
  addFromText(text: unknown, ignoreHosts: string[] = []): this {
    if (typeof text !== "string" || !text) return this;
    const t = refang(text.slice(0, 200_000));
    for (const m of t.matchAll(/\b(?:https?|ftp):\/\/[^\s"'<>()\]]+/gi)) {
      const url = m[0].replace(/[.,;]+$/, "");
      let host = "";
      try {
        host = new URL(url).hostname;
      } catch {
        continue;
      }
      if (!ignoreHosts.some((h) => host === h || host.endsWith(`.${h}`))) this.add("url", url);
    }
    for (const m of t.matchAll(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g)) this.add("ip", m[0]);
    for (const m of t.matchAll(/\b[\w.+-]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,63}\b/gi)) this.add("email", m[0]);
    for (const m of t.matchAll(/\b[a-f0-9]{64}\b|\b[a-f0-9]{40}\b|\b[a-f0-9]{32}\b/gi)) {
      const v = m[0];
      this.add(v.length === 64 ? "sha256" : v.length === 40 ? "sha1" : "md5", v);
    }
    return this;
  }

  toArray(): Observable[] {
    return [...this.items.values()];
  }
}
