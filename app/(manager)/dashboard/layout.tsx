import { AreaIntlProvider } from "@/components/layout/area-intl-provider";
import "./dashboard.css";

/** The manager dashboard and its report. Each page and route checks the role itself (lib/auth/session.ts). */
export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="dash">
      <AreaIntlProvider area="manager">{children}</AreaIntlProvider>
    </div>
  );
}
