import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { getMyRequest } from "@/lib/requests/patient-view";
import { endOfShanghaiDay, weekdayOf } from "@/lib/sla";
import { maskPhone } from "@/lib/text/mask";

/** The acknowledgement, read back from the database: shown only for a request that is committed, and only to its requester. */
export default async function SubmittedPage({ params }: { params: Promise<{ ref: string }> }) {
  const actor = await requireRole("patient");
  let detail;
  try {
    detail = await getMyRequest(await getDb(), actor, (await params).ref);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const r = detail.request;
  const t = await getTranslations();
  const format = await getFormatter();
  const date = format.dateTime(endOfShanghaiDay(r.dueDate), "date");
  return (
    <section className="card portal-submitted" aria-labelledby="submitted-title" data-testid="submitted">
      <h1 id="submitted-title">{t("portal.submitted.title")}</h1>
      <p>
        {t("portal.submitted.ref")}:{" "}
        <strong className="mono portal-ref-big" data-testid="submitted-ref">
          {r.ref}
        </strong>
      </p>
      <p>{t("portal.submitted.body", { type: t(`types.${r.type}`), phone: maskPhone(actor.phone ?? "") })}</p>
      <p data-testid="submitted-due">
        <strong>{t("portal.submitted.due", { date, weekday: t(`weekdays.${weekdayOf(r.dueDate)}`) })}</strong>
        {r.provisional && <span className="badge sla-at_risk">{t("portal.form.provisional")}</span>}
      </p>
      <p>{t("portal.submitted.next")}</p>
      <div className="row">
        <Link className="btn" href={`/requests/${r.ref}`}>
          {t("portal.submitted.view")}
        </Link>
        <Link className="btn secondary" href="/requests">
          {t("portal.submitted.list")}
        </Link>
      </div>
    </section>
  );
}
