import { getFormatter, getTranslations } from "next-intl/server";
import {
  cancellationAction,
  consentAction,
  correctionAction,
  deletionAction,
  prepareAction,
  releaseAction,
} from "@/app/(staff)/queue/[ref]/fulfilment-actions";
import type { Request } from "@/db/schema";
import { isDataCategory } from "@/lib/categories/list";
import type { StaffFulfilment } from "@/lib/fulfilment/staff-view";
import type { PlatformRecords } from "@/lib/requests/platform-records";
import { AutoRefresh } from "./auto-refresh";
import { CorrectionForm } from "./correction-form";
import { DoneStepSummary } from "./done-step-summary";
import { RecipientNoticesTable } from "./recipient-notices";
import { StepForm } from "./step-form";
import { staffFieldValue, staffValue } from "@/lib/i18n/staff-labels";

/**
 * The request page's fulfilment panel: the steps of the request's type carried out on the hospital's records
 * (lib/fulfilment), each shown before it runs and by its result after; failed steps with their error and
 * reference id, run again to retry; recipients' deletion notices until each is confirmed.
 */
export async function FulfilmentPanel({ request, view, records }: { request: Request; view: StaffFulfilment; records: PlatformRecords }) {
  const t = await getTranslations("staff.fulfilment");
  const tt = await getTranslations();
  const format = await getFormatter();
  const at = (d: Date) => format.dateTime(d, "dateTime");
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00+08:00`), "date");
  const { done, canRun } = view;
  const ref = request.ref;
  const allDone = view.steps.every((s) => done.has(s));
  const fieldLabel = (field: string) => staffValue(tt, "field", field);
  const pending = (step: string) => !done.has(step) && canRun;
  /** The requested categories staff may decline (with a reason) in a step, labelled in staff words. */
  const withholdable = (categories: string[]) =>
    categories.filter(isDataCategory).map((category) => ({ category, label: tt(`categories.${category}`) }));

  return (
    <section className="card" aria-labelledby="fulfilment-title" data-testid="fulfilment">
      <h2 id="fulfilment-title">{t("title")}</h2>
      <p className="muted staff-meta">{t(`intro.${request.type}`)}</p>
      {!canRun && !allDone && (
        <p className="muted" data-testid="fulfilment-not-now">
          {t("notNow")}
        </p>
      )}
      {!request.subjectAccountId && !allDone && <p className="alert warn">{t("refused.no_subject_account")}</p>}

      {view.failures.map((f) => (
        <div key={f.step} className="alert error" role="alert" data-testid="failed-step">
          <p>{t("failedStep", { step: t(`steps.${f.step}`), at: at(f.at), ref: f.ref })}</p>
          <p className="mono">{f.error}</p>
          <p>{t("retryHint")}</p>
        </div>
      ))}

      {view.building.map((b) => (
        <p key={b.step} className="alert info" role="status" data-testid="package-building">
          {t(`buildingStatus.${b.status}`, { at: at(b.at) })}
        </p>
      ))}
      {view.building.length > 0 && <AutoRefresh seconds={2} />}

      {[...done].map(([step, d]) => (
        <DoneStepSummary key={step} step={step} done={d} requestRef={ref} released={done.has("access.release")} />
      ))}

      {(done.has("access.prepare") || done.has("deletion.apply")) && (
        <p className={view.notDone.length > 0 ? "alert warn" : "alert info"} data-testid="not-done-summary">
          {view.notDone.length > 0 ? t("notDoneWarning", { count: view.notDone.length }) : t("allAsked")}
        </p>
      )}

      {(request.type === "access" || request.type === "portability") && (
        <>
          {pending("access.prepare") && !view.building.some((b) => b.step === "access.prepare") && (
            <StepForm
              action={prepareAction}
              kind="prepare"
              requestRef={ref}
              submit={t("prepare")}
              testId="prepare-form"
              withhold={withholdable([...new Set(request.scope.categories ?? [])])}
            />
          )}
          {done.has("access.prepare") && pending("access.release") && (
            <>
              <p>{t("releaseIntro")}</p>
              <StepForm
                action={releaseAction}
                kind="release"
                requestRef={ref}
                submit={t("release")}
                testId="release-form"
                confirmLabel={t("releaseConfirm")}
              />
            </>
          )}
        </>
      )}

      {request.type === "correction" && pending("correction.apply") && (
        <CorrectionForm
          action={correctionAction}
          requestRef={ref}
          changes={records.corrections.map((c, index) => ({
            index,
            label: fieldLabel(c.field),
            live: c.live === null ? null : staffFieldValue(tt, c.field, c.live),
            filedCurrent: staffFieldValue(tt, c.field, c.filedCurrent),
            requested: staffFieldValue(tt, c.field, c.requested),
          }))}
        />
      )}

      {request.type === "deletion" && pending("deletion.apply") && view.plan && (
        <>
          <table className="data compact" data-testid="deletion-plan">
            <caption>{t("planCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("category")}</th>
                <th scope="col">{t("what")}</th>
                <th scope="col">{t("method")}</th>
              </tr>
            </thead>
            <tbody>
              {view.plan.targets.map((x) => (
                <tr key={`${x.category}:${x.ids?.join(",") ?? "*"}`}>
                  <th scope="row">{tt(`categories.${x.category}`)}</th>
                  <td>{x.ids ? t("items", { count: x.ids.length }) : t("wholeCategory")}</td>
                  <td>{x.erasure === "restrict" ? t("restrictUntil", { date: day(x.deletableAfter!) }) : t(`erasure.${x.erasure}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {view.plan.recipients.length > 0
              ? t("recipientsToTell", { names: view.plan.recipients.map((r) => r.name).join("、") })
              : t("noRecipients")}
          </p>
          <StepForm
            action={deletionAction}
            kind="deletion"
            requestRef={ref}
            submit={t("applyDeletion")}
            testId="deletion-form"
            confirmLabel={t("deletionConfirm")}
            withhold={withholdable([...new Set(view.plan.targets.map((x) => x.category))])}
          />
        </>
      )}

      {request.type === "consent" && pending("consent.apply") && (
        <>
          <ul data-testid="consents-to-withdraw">
            {records.consents
              .filter((c) => c.asked)
              .map((c) => (
                <li key={c.key}>
                  {staffValue(tt, "consent", c.key)}: {c.granted ? t("consentOn") : t("consentOff")}
                </li>
              ))}
          </ul>
          <StepForm action={consentAction} kind="consent" requestRef={ref} submit={t("applyConsent")} testId="consent-form" />
        </>
      )}

      {request.type === "cancellation" && pending("cancellation.apply") && (
        <>
          {records.cancellationBlockers.length > 0 ? (
            <div className="alert error" data-testid="cancellation-blocked">
              <p>{t("cancellationBlocked")}</p>
              <ul>
                {records.cancellationBlockers.map((b) => (
                  <li key={b}>{tt(`staff.platform.blocker_${b}`)}</li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <p>{t("cancellationIntro")}</p>
              <StepForm
                action={cancellationAction}
                kind="cancellation"
                requestRef={ref}
                submit={t("applyCancellation")}
                testId="cancellation-form"
                confirmLabel={t("cancellationConfirm")}
              />
            </>
          )}
        </>
      )}

      {view.notices.length > 0 && <RecipientNoticesTable requestRef={ref} notices={view.notices} canConfirm={view.canConfirm} />}

      {allDone && request.status === "in_progress" && (
        <p className="alert info" data-testid="fulfilment-complete">
          {t("allDone")}
        </p>
      )}
    </section>
  );
}
