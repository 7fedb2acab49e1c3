import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientFormats, clientMessages, type ClientArea } from "@/lib/i18n/client-messages";

/** The client catalogs of one area (lib/i18n/client-messages.ts) around its pages; server components read all. */
export async function AreaIntlProvider({ area, children }: { area: ClientArea; children: React.ReactNode }) {
  const messages = await getMessages();
  // `formats` undefined: next-intl sends the request's date formats; `{}`: none (clientFormats).
  return (
    <NextIntlClientProvider messages={clientMessages(messages, area)} formats={clientFormats(area)}>
      {children}
    </NextIntlClientProvider>
  );
}
