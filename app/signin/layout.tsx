import { AreaIntlProvider } from "@/components/layout/area-intl-provider";

/** The patient sign-in: only the catalogs their client components read are sent to the browser. */
export default function SignInLayout({ children }: { children: React.ReactNode }) {
  return <AreaIntlProvider area="signin">{children}</AreaIntlProvider>;
}
