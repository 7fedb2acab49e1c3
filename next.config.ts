import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

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
