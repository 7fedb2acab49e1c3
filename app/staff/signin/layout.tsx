import { AreaIntlProvider } from "@/components/layout/area-intl-provider";

/** The staff sign-in: only the catalogs their client components read are sent to the browser. */
export default function StaffSignInLayout({ children }: { children: React.ReactNode }) {
  return <AreaIntlProvider area="staffSignin">{children}</AreaIntlProvider>;
}
