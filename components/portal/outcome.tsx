import { getFormatter, getTranslations } from "next-intl/server";
import { hasFulfilmentOutcome, type FulfilmentOutcome } from "@/lib/fulfilment/outcome";

/** What we did to the patient's records, item by item: deleted, anonymised, kept restricted (until when), corrected, switched off. */
export async function FulfilmentOutcomeView({ outcome }: { outcome: FulfilmentOutcome }) {
  const t = await getTranslations("portal.outcome");
  const tt = await getTranslations();
  const format = await getFormatter();
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00+08:00`), { dateStyle: "long", timeZone: "Asia/Shanghai" });
  const at = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const category = (c: string) => (tt.has(`categories.${c}`) ? tt(`categories.${c}`) : c);
  const { deletion, corrections, consents, cancelledAt } = outcome;
  if (!hasFulfilmentOutcome(outcome)) return null;
  return (
    <div data-testid="outcome">
      <h3>{t("title")}</h3>
      {deletion && (
        <>
          <ul data-testid="outcome-deletion">
            {deletion.outcomes.map((o, i) => (
              <li key={i}>
                <strong>{category(o.category)}</strong>
                {o.items !== null && ` (${t("items", { count: o.items })})`}:{" "}
                {o.outcome === "restricted" ? t("restricted", { date: day(o.deletableAfter!) }) : t(`deletion.${o.outcome}`)}
              </li>
            ))}
          </ul>
          {deletion.outcomes.some((o) => o.outcome === "restricted") && <p className="muted">{t("restrictedExplained")}</p>}
          {deletion.recipients.length > 0 && (
            <>
              <p>{t("recipientsTold")}</p>
              <ul data-testid="outcome-recipients">
                {deletion.recipients.map((r, i) => (
                  <li key={i} dir="auto">
                    {r.name}: {r.confirmedAt ? t("recipientConfirmed", { at: at(r.confirmedAt) }) : t("recipientAwaited")}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="muted">{t("backups")}</p>
        </>
      )}
      {corrections && (
        <ul data-testid="outcome-corrections">
          {corrections.map((c, i) => (
            <li key={i} dir="auto">
              <strong>{tt.has(`portal.fields.${c.field}`) ? tt(`portal.fields.${c.field}`) : c.field}</strong>:{" "}
              {c.approved ? t("corrected", { value: c.after || t("empty") }) : t("notCorrected", { reason: c.reason ?? "" })}
            </li>
          ))}
        </ul>
      )}
      {consents && (
        <ul data-testid="outcome-consents">
          {consents.map((c) => (
            <li key={c.key}>
              <strong>{tt.has(`portal.consentKeys.${c.key}`) ? tt(`portal.consentKeys.${c.key}`) : c.key}</strong>:{" "}
              {c.granted ? t("consentOn") : t("consentOff", { at: at(c.changedAt) })}
            </li>
          ))}
        </ul>
      )}
      {cancelledAt && <p data-testid="outcome-cancelled">{t("cancelled", { at: at(cancelledAt) })}</p>}
    </div>
  );
}
