import { getFormatter, getTranslations } from "next-intl/server";
import { formatBytes } from "@/components/portal/format";
import { groupItemOutcomes, readItemOutcomes } from "@/lib/fulfilment/items";
import type { DoneStep } from "@/lib/fulfilment/progress";
import { staffFieldValue, staffValue } from "@/lib/i18n/staff-labels";
import { ItemOutcomesTable } from "./item-outcomes";

type Correction = { field: string; approved: boolean; before?: string; after?: string; reason?: string };

/**
 * A fulfilment step that is done, by what it did (the step's recorded result): for a copy and a deletion, each
 * requested category's outcome. `released`: whether the copy a prepare step made is the requester's yet.
 */
export async function DoneStepSummary({
  step,
  done,
  requestRef,
  released = false,
}: {
  step: string;
  done: DoneStep;
  requestRef: string;
  released?: boolean;
}) {
  const t = await getTranslations("staff.fulfilment");
  const tt = await getTranslations();
  const format = await getFormatter();
  const at = (d: Date | string) => format.dateTime(new Date(d), "dateTime");
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00+08:00`), "date");
  const r = done.result as Record<string, unknown>;
  const fieldLabel = (field: string) => staffValue(tt, "field", field);
  return (
    <div className="staff-done-step" data-testid={`done-${step}`}>
      <h3>
        ✓ {t(`steps.${step}`)} <span className="muted staff-meta">{at(done.at)}</span>
      </h3>
      {step === "access.prepare" && (
        <p>
          {t("prepared", { rows: Number(r.rows ?? 0), size: formatBytes(Number(r.sizeBytes ?? 0)) })}{" "}
          <a href={`/api/attachments/${String(r.attachmentId)}`} download data-testid="preview-package">
            {t("preview", { ref: requestRef })}
          </a>
        </p>
      )}
      {step === "access.prepare" && Array.isArray(r.outcomes) && (
        <ItemOutcomesTable outcomes={groupItemOutcomes(readItemOutcomes(r.outcomes))} testId="access-outcomes" released={released} />
      )}
      {step === "access.release" && <p>{t("released", { until: at(String(r.expiresAt)) })}</p>}
      {step === "correction.apply" && (
        <ul>
          {((r.corrections ?? []) as Correction[]).map((c, i) => (
            <li key={i} dir="auto">
              {fieldLabel(c.field)}:{" "}
              {c.approved
                ? t("correctionApplied", {
                    before: c.before ? staffFieldValue(tt, c.field, c.before) : t("empty"),
                    after: c.after ? staffFieldValue(tt, c.field, c.after) : t("empty"),
                  })
                : t("correctionRejected", { reason: c.reason ?? "" })}
            </li>
          ))}
        </ul>
      )}
      {step === "deletion.apply" && <ItemOutcomesTable outcomes={groupItemOutcomes(readItemOutcomes(r.outcomes))} testId="deletion-outcomes" />}
      {step === "consent.apply" && (
        <p>
          {t("consentsSwitchedOff", {
            keys: ((r.withdrawn ?? []) as string[]).map((k) => staffValue(tt, "consent", k)).join("、"),
          })}
        </p>
      )}
      {step === "cancellation.apply" && Array.isArray(r.outcomes) && (
        <>
          <p data-testid="cancellation-key">
            {t("cancelledKept", { key: String(r.subjectKey ?? "—") })}{" "}
            <a href={`/queue/kept?q=${encodeURIComponent(String(r.subjectKey ?? ""))}`}>{t("keptRecordsLink")}</a>
          </p>
          <ItemOutcomesTable outcomes={groupItemOutcomes(readItemOutcomes(r.outcomes))} testId="cancellation-outcomes" />
          {r.portalUserEndsOnClose === true && <p className="muted">{t("cancelledPortalUser")}</p>}
        </>
      )}
      {step === "cancellation.apply" && !Array.isArray(r.outcomes) && (
        <p>
          {t("cancelled", {
            consultations: Number((r.restricted as Record<string, unknown>)?.consultations ?? 0),
            prescriptions: Number((r.restricted as Record<string, unknown>)?.prescriptions ?? 0),
            date: day(String((r.restricted as Record<string, unknown>)?.deletableAfter ?? "")),
            sessions: Number(r.sessionsRevoked ?? 0),
          })}
        </p>
      )}
    </div>
  );
}
