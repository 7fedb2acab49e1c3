import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// Catalogs are compiled at build time (icu-minify), so browsers get no ICU parser: the formatter alone (issue 17).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const nextConfig: NextConfig = {
  serverExternalPackages: [
    "@electric-sql/pglite",
    "postgres",
    "@node-rs/argon2",
    "pg-boss",
    "@alicloud/dysmsapi20170525",
    "tencentcloud-sdk-nodejs-sms",
  ],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  typedRoutes: false,
  // Static files skip proxy.ts; they still must not be sniffed or framed.
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
