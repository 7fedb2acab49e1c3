"use client";

import { useTranslations } from "next-intl";
import type { CancellationBlocker } from "@/lib/platform/ownership";
import type { FormRecords } from "@/lib/requests/form-records";
import { PolicyQuote } from "../policy-quote";

/** What stands in the way of closing the account, each with what to do about it. */
export function BlockerList({ blockers }: { blockers: readonly CancellationBlocker[] }) {
  const tBlockers = useTranslations("portal.blockers");
  return (
    <ul className="portal-blockers" data-testid="blockers">
      {blockers.map((b) => (
        <li key={b}>
          <strong>{tBlockers(b)}</strong> {tBlockers(`${b}_todo`)}
        </li>
      ))}
    </ul>
  );
}

/** Closing the account: its preconditions checked for the patient's own account, what is deleted and what is kept. */
export function CancellationFields({ records, acting }: { records: FormRecords; acting: boolean }) {
  const t = useTranslations("portal.form");
  return (
    <>
      <PolicyQuote clause="cancellation" compact />
      {!acting && (
        <section className="portal-group" aria-labelledby="cancel-checks">
          <h2 id="cancel-checks" className="portal-legend">
            {t("cancellationTitle")}
          </h2>
          {records.blockers.length === 0 ? (
            <p className="alert info" data-testid="cancellation-ok">
              {t("cancellationOk")}
            </p>
          ) : (
            <div className="alert error" role="alert" data-testid="cancellation-blocked">
              <p>{t("cancellationBlocked")}</p>
              <BlockerList blockers={records.blockers} />
            </div>
          )}
        </section>
      )}
      <section className="portal-group" data-testid="cancellation-effects">
        <h2 className="portal-legend">{t("cancellationDeleted")}</h2>
        <p>{t("cancellationDeletedList")}</p>
        <h2 className="portal-legend">{t("cancellationKept")}</h2>
        <p>{t("cancellationKeptList")}</p>
        <p className="alert warn">{t("cancellationFinal")}</p>
      </section>
    </>
  );
}
