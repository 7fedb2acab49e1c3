import { AreaIntlProvider } from "@/components/layout/area-intl-provider";

/** The staff's pages: only the catalogs their client components read are sent to the browser. */
export default function StaffLayout({ children }: { children: React.ReactNode }) {
  return <AreaIntlProvider area="staff">{children}</AreaIntlProvider>;
}
