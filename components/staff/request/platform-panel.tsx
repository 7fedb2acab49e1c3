import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestType } from "@/db/schema";
import { staffFieldValue, staffValue } from "@/lib/i18n/staff-labels";
import type { PlatformRecords } from "@/lib/requests/platform-records";
import { Facts } from "./facts";

/** The subject's hospital records that bear on this request, read-only. */
export async function PlatformPanel({ type, records, hasAccount }: { type: RequestType; records: PlatformRecords; hasAccount: boolean }) {
  const t = await getTranslations("staff.platform");
  const tt = await getTranslations();
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, "date");
  const a = records.account;
  return (
    <section className="card" aria-labelledby="platform-title" data-testid="platform-records">
      <h2 id="platform-title">{t("title")}</h2>
      <p className="muted staff-meta">{t("intro")}</p>
      {!hasAccount ? (
        <p>{t("noAccount")}</p>
      ) : (
        <>
          {a && (
            <Facts
              items={[
                [t("nickname"), a.nickname],
                [t("accountStatus"), t(`accountStatus_${a.status === "cancelled" ? "cancelled" : "active"}`)],
                [t("accountSince"), when(a.createdAt)],
                [
                  t("realName"),
                  records.realName ? t("realNameValue", { name: records.realName.realName, id: records.realName.idNumberMasked }) : t("noRealName"),
                ],
              ]}
            />
          )}
          {(type === "access" || type === "portability" || type === "deletion") && (
            <>
              <h3>{t("categoriesTitle")}</h3>
              {records.categories.length === 0 && records.unknownCategories.length === 0 ? (
                <p className="muted">{t("noCategories")}</p>
              ) : (
                <table className="data compact">
                  <thead>
                    <tr>
                      <th scope="col">{t("category")}</th>
                      <th scope="col">{t("records")}</th>
                      <th scope="col">{t("restricted")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {records.categories.map((c) => (
                      <tr key={c.raw}>
                        <th scope="row">{t(`category_${c.category}`)}</th>
                        <td>{c.total}</td>
                        <td>{c.restricted === null ? "—" : c.restricted}</td>
                      </tr>
                    ))}
                    {records.unknownCategories.map((c) => (
                      <tr key={c}>
                        <th scope="row">{staffValue(tt, "category", c)}</th>
                        <td colSpan={2}>{t("unknownCategory")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
          {type === "correction" && (
            <>
              <h3>{t("correctionsTitle")}</h3>
              {records.corrections.length === 0 ? (
                <p className="muted">{t("noCorrections")}</p>
              ) : (
                <table className="data compact">
                  <thead>
                    <tr>
                      <th scope="col">{t("field")}</th>
                      <th scope="col">{t("filedCurrent")}</th>
                      <th scope="col">{t("live")}</th>
                      <th scope="col">{t("requested")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {records.corrections.map((c, i) => (
                      <tr key={i}>
                        <th scope="row">{staffValue(tt, "field", c.field)}</th>
                        <td>{staffFieldValue(tt, c.field, c.filedCurrent)}</td>
                        <td>{c.live === null ? <span className="muted">{t("notFoundForSubject")}</span> : staffFieldValue(tt, c.field, c.live)}</td>
                        <td>{staffFieldValue(tt, c.field, c.requested)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
          {type === "consent" && (
            <>
              <h3>{t("consentsTitle")}</h3>
              <table className="data compact">
                <thead>
                  <tr>
                    <th scope="col">{t("consent")}</th>
                    <th scope="col">{t("granted")}</th>
                    <th scope="col">{t("changedAt")}</th>
                    <th scope="col">{t("asked")}</th>
                  </tr>
                </thead>
                <tbody>
                  {records.consents.map((c) => (
                    <tr key={c.key}>
                      <th scope="row">{staffValue(tt, "consent", c.key)}</th>
                      <td>{c.granted ? t("yes") : t("no")}</td>
                      <td>{when(c.changedAt)}</td>
                      <td>{c.asked ? <strong>{t("askedYes")}</strong> : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {type === "automated_decision" && (
            <>
              <h3>{t("decisionsTitle")}</h3>
              <ul>
                {records.decisions.map((d) => (
                  <li key={d.id}>
                    {when(d.decidedAt)} · {staffValue(tt, "decisionKind", d.kind)} · {d.outcome}
                    {d.asked && <strong> · {t("askedYes")}</strong>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {type === "cancellation" && (
            <>
              <h3>{t("blockersTitle")}</h3>
              {records.cancellationBlockers.length === 0 ? (
                <p>{t("noBlockers")}</p>
              ) : (
                <ul>
                  {records.cancellationBlockers.map((b) => (
                    <li key={b}>{t(`blocker_${b}`)}</li>
                  ))}
                </ul>
              )}
            </>
          )}
        </>
      )}
      {records.relatedRequestRef && (
        <p>
          {t("related")}{" "}
          <Link href={`/queue/${records.relatedRequestRef}`} className="mono" prefetch={false}>
            {records.relatedRequestRef}
          </Link>
        </p>
      )}
      {type === "complaint" && !records.relatedRequestRef && <p className="muted">{t("complaintNoRecords", { type: tt(`types.${type}`) })}</p>}
    </section>
  );
}
