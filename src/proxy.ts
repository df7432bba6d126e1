// Next proxy (formerly middleware): gives every page request a fresh CSP nonce. Next reads the
// nonce from the request's Content-Security-Policy header while rendering and applies it to its
// own scripts; the browser gets the same policy on the response. API routes, static chunks and
// prefetches are left out: their headers come from next.config.js.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce, HSTS } from "@/server/http/csp";

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const https = request.headers.get("x-forwarded-proto") === "https" || request.nextUrl.protocol === "https:";
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
