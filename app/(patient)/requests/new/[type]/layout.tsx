import { AreaIntlProvider } from "@/components/layout/area-intl-provider";

/** The request form: only the catalogs its client components read are sent to the browser. */
export default function RequestFormLayout({ children }: { children: React.ReactNode }) {
  return <AreaIntlProvider area="patient">{children}</AreaIntlProvider>;
}
