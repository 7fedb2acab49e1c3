import { getFormatter, getTranslations } from "next-intl/server";
import { formatBytes } from "@/components/portal/format";
import type { DoneStep } from "@/lib/fulfilment/progress";

type Correction = { field: string; approved: boolean; before?: string; after?: string; reason?: string };
type Outcome = { category: string; id: string | null; outcome: string; count: number; deletableAfter?: string };

/** A fulfilment step that is done, by what it did (the step's recorded result). */
export async function DoneStepSummary({ step, done, requestRef }: { step: string; done: DoneStep; requestRef: string }) {
  const t = await getTranslations("staff.fulfilment");
  const tt = await getTranslations();
  const format = await getFormatter();
  const at = (d: Date | string) => format.dateTime(new Date(d), { dateStyle: "medium", timeStyle: "short" });
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00+08:00`), { dateStyle: "medium", timeZone: "Asia/Shanghai" });
  const r = done.result as Record<string, unknown>;
  const fieldLabel = (field: string) => (tt.has(`portal.fields.${field}`) ? tt(`portal.fields.${field}`) : field);
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
      {step === "access.release" && <p>{t("released", { until: at(String(r.expiresAt)) })}</p>}
      {step === "correction.apply" && (
        <ul>
          {((r.corrections ?? []) as Correction[]).map((c, i) => (
            <li key={i} dir="auto">
              {fieldLabel(c.field)}:{" "}
              {c.approved ? t("correctionApplied", { before: c.before || t("empty"), after: c.after || t("empty") }) : t("correctionRejected", { reason: c.reason ?? "" })}
            </li>
          ))}
        </ul>
      )}
      {step === "deletion.apply" && (
        <ul data-testid="deletion-outcomes">
          {((r.outcomes ?? []) as Outcome[]).map((o, i) => (
            <li key={i}>
              {tt(`categories.${o.category}`)}
              {o.id ? ` (${t("items", { count: o.id.split(",").length })})` : ""}:{" "}
              {o.outcome === "restricted" ? t("outcomeRestricted", { count: o.count, date: day(o.deletableAfter!) }) : t(`outcome.${o.outcome}`, { count: o.count })}
            </li>
          ))}
        </ul>
      )}
      {step === "consent.apply" && (
        <p>
          {t("consentsSwitchedOff", {
            keys: ((r.withdrawn ?? []) as string[]).map((k) => (tt.has(`portal.consentKeys.${k}`) ? tt(`portal.consentKeys.${k}`) : k)).join("、"),
          })}
        </p>
      )}
      {step === "cancellation.apply" && (
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
