import { randomUUID } from "node:crypto";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { IntakeForm } from "@/components/staff/intake-form";
import { requireRole } from "@/lib/auth/session";
import { INTAKE_ROLES } from "@/lib/policy";
import { shanghaiDateOf } from "@/lib/sla";
import { SHANGHAI_OFFSET_MS } from "@/lib/sla/shanghai";

/** Staff log a request a patient made by phone, letter, e-mail or at the counter (lib/requests/intake.ts). */
export default async function LogRequestPage() {
  // Agents and managers; patients and admins get the 403 page, as on every page their role may not open.
  await requireRole(...INTAKE_ROLES);
  const t = await getTranslations("staff.intake");
  // The form opens at the present moment in Shanghai; staff move it back to when the call, letter or visit came.
  const now = new Date();
  const time = new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
  return (
    <div className="staff-page">
      <p>
        <Link href="/queue">{t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <IntakeForm today={shanghaiDateOf(now)} time={time} idempotencyKey={randomUUID()} />
    </div>
  );
}
