/**
 * The message catalogs: a core file per language plus one file per feature area, so each area keeps its own
 * strings. zh-CN is the default language.
 */
import enCore from "./en.json";
import enDashboard from "./en/dashboard.json";
import enPortal from "./en/portal.json";
import enStaff from "./en/staff.json";
import zhCore from "./zh-CN.json";
import zhDashboard from "./zh-CN/dashboard.json";
import zhPortal from "./zh-CN/portal.json";
import zhStaff from "./zh-CN/staff.json";

const zhCN = { ...zhCore, portal: zhPortal, staff: zhStaff, dashboard: zhDashboard };
const en = { ...enCore, portal: enPortal, staff: enStaff, dashboard: enDashboard };

export type Messages = typeof zhCN;
export const catalogs: Record<"zh-CN" | "en", Messages> = { "zh-CN": zhCN, en: en as unknown as Messages };
