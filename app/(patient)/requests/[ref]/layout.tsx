import { AreaIntlProvider } from "@/components/layout/area-intl-provider";

/** A request's page (and its confirmation): only the catalogs its client components read are sent to the browser. */
export default function RequestPageLayout({ children }: { children: React.ReactNode }) {
  return <AreaIntlProvider area="patientRequest">{children}</AreaIntlProvider>;
}
