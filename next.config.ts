import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2"],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
