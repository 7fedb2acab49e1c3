import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { ErrorTextsProvider } from "@/components/layout/error-texts";
import { SiteHeader } from "@/components/layout/site-header";
import { StrictCsp } from "@/components/layout/strict-csp";
import { clientFormats, clientMessages } from "@/lib/i18n/client-messages";
import "./globals.css";

// Every page reads the session or the database: nothing is prerendered, and `next build` never opens the database.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("appName") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  const te = await getTranslations("errorPage");
  return (
    <html lang={locale}>
      <body>
        <StrictCsp />
        {/* Only the catalogs every page's client components read; each area adds its own (AreaIntlProvider). */}
        <NextIntlClientProvider messages={clientMessages(await getMessages(), "base")} formats={clientFormats("base")}>
          <a className="skip-link" href="#main">
            {t("skipToContent")}
          </a>
          <SiteHeader />
          <main id="main" tabIndex={-1}>
            <ErrorTextsProvider texts={{ title: te("title"), body: te("body"), retry: te("retry") }}>{children}</ErrorTextsProvider>
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
