// Next.js configuration. Server-only packages with native code or dynamic requires stay outside
// the bundle; baseline security headers apply to every response.
/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
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
        ],
      },
    ];
  },
};
