import type { DATE_FORMATS } from "@/lib/i18n/dates";

// The named date formats (lib/i18n/dates.ts) are the only names `format.dateTime(d, name)` accepts.
declare module "next-intl" {
  interface AppConfig {
    Formats: { dateTime: typeof DATE_FORMATS };
  }
}
