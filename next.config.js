// Next.js configuration. Server-only packages with native code or dynamic requires stay outside
// the bundle; baseline security headers apply to every response. Pages get their nonce-based
// Content-Security-Policy from src/proxy.ts; API responses get a deny-all one here.
/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() in server components answers admin pages with a real 403 (app/forbidden.tsx).
  experimental: { authInterrupts: true },
  serverExternalPackages: ["pg", "pg-native", "graphile-worker", "pino", "@node-rs/argon2", "ssh2", "nodemailer"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
        ],
      },
      {
        // Keep in sync with API_CSP in src/server/http/csp.ts (this file is plain JS).
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }],
      },
      {
        // Behind a TLS-terminating proxy. Pages get the same header from src/proxy.ts.
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
    ];
  },
};
