import { getTranslations } from "next-intl/server";
import type { Request } from "@/db/schema";
import { staffValue } from "@/lib/i18n/staff-labels";
import { recordCategoryOf } from "@/lib/requests/platform-records";
import { Facts } from "./facts";

/** What was asked (type, the patient's own words, the scope) and how it stands (outcome, fee, refusal). */
export async function SummaryPanel({ request }: { request: Request }) {
  const t = await getTranslations("staff.request");
  const tt = await getTranslations();
  const scope = request.scope ?? {};
  const categories = (scope.categories ?? []).map((c) => staffValue(tt, "category", recordCategoryOf(c) ?? c));
  return (
    <section className="card" aria-labelledby="summary-title" data-testid="summary">
      <h2 id="summary-title">{t("summaryTitle")}</h2>
      <Facts
        items={[
          [t("type"), tt(`types.${request.type}`)],
          [t("categories"), categories.length > 0 ? categories.join(t("listSeparator")) : null],
          [t("ground"), scope.ground ? staffValue(tt, "ground", scope.ground) : null],
          [t("consents"), scope.consents?.length ? scope.consents.map((k) => staffValue(tt, "consent", k)).join(t("listSeparator")) : null],
          [t("outcome"), request.outcome ? tt(`outcomes.${request.outcome}`) : null],
          [
            t("fee"),
            request.feeAmount
              ? t("feeValue", {
                  amount: request.feeAmount,
                  status: t(`feeStatus_${request.feeStatus === "accepted" || request.feeStatus === "declined" ? request.feeStatus : "quoted"}`),
                })
              : null,
          ],
          [t("feeReason"), request.feeReason],
          [t("feePayment"), request.feePayment ? <span className="staff-text">{request.feePayment}</span> : null],
          [t("refusalReason"), request.refusalReason ? tt(`refusalReasons.${request.refusalReason}`) : null],
          [t("refusalExplanation"), request.refusalExplanation ? <span className="staff-text">{request.refusalExplanation}</span> : null],
        ]}
      />
      <h3>{t("description")}</h3>
      {request.description ? (
        <p className="staff-text" data-testid="description">
          {request.description}
        </p>
      ) : (
        <p className="muted">{t("noDescription")}</p>
      )}
    </section>
  );
}
