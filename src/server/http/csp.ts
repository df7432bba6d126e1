// Content-Security-Policy for Vigil's pages: scripts run only with the per-request nonce
// ('strict-dynamic' lets Next's nonce'd bootstrap load its own chunks), nothing may frame us, no
// plugins, no <base> rewriting, forms post only to us. Next reads the nonce from the request's CSP
// header and puts it on its inline scripts and bundles (next/dist/server/app-render/
// get-script-nonce-from-header.js), so pages must render dynamically (root layout).
import { randomBytes } from "node:crypto";

export interface CspOptions {
  nonce: string;
  /** `next dev` needs eval for React's debugging aids; production never does. (Default: false) */
  dev?: boolean;
  /** Served over https: ask the browser to upgrade any http subresource. (Default: false) */
  https?: boolean;
}

/** A fresh nonce: 128 random bits, base64 (the charset Next's nonce parser accepts). */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy({ nonce, dev = false, https = false }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // <style> elements need the nonce; style="" attributes are allowed because components set
    // widths and colours with them, and they cannot run code.
    ["style-src", "'self'", `'nonce-${nonce}'`],
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ["frame-src", "'none'"],
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
  ];
  if (https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

/** The policy for API responses (JSON): nothing in them may load or run, nobody may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** HSTS for responses served over https: one year, subdomains included. */
export const HSTS = "max-age=31536000; includeSubDomains";
