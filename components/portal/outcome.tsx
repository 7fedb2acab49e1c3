import { getFormatter, getTranslations } from "next-intl/server";
import { hasFulfilmentOutcome, type FulfilmentOutcome, type ItemOutcomeView } from "@/lib/fulfilment/outcome";
import { categoryName, itemOutcomeText, type OutcomeVoice } from "@/lib/fulfilment/outcome-text";

/**
 * What we did to the patient's records, item by item: what their copy holds (and which of it the law keeps until
 * when), deleted, anonymised, kept restricted (until when, on what basis), not held (why), not done (why),
 * corrected, switched off.
 */
export async function FulfilmentOutcomeView({ outcome }: { outcome: FulfilmentOutcome }) {
  const t = await getTranslations("portal.outcome");
  const tt = await getTranslations();
  const format = await getFormatter();
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00+08:00`), "date");
  const at = (d: Date) => format.dateTime(d, "dateTime");
  // The same sentences the final reply ends with (lib/fulfilment/outcome-text.ts).
  const voice: OutcomeVoice = { t: (k, p) => tt(k as never, p as never), has: (k) => tt.has(k as never), day, at };
  const category = (c: string) => categoryName(c, voice);
  // A gender is stored as a code: the patient reads it in words, as on the request's summary.
  const genderOr = (field: string, v: string) => (field === "account.gender" && (v === "male" || v === "female") ? tt(`portal.genders.${v}`) : v);
  const { access, deletion, cancellation, corrections, consents, cancelledAt } = outcome;
  if (!hasFulfilmentOutcome(outcome)) return null;
  const itemText = (o: ItemOutcomeView) => itemOutcomeText(o, voice);
  const items = (outcomes: ItemOutcomeView[], testId: string) => (
    <ul data-testid={testId}>
      {outcomes.map((o, i) => (
        <li key={i} data-outcome={o.outcome}>
          <strong>{category(o.category)}</strong>
          {o.items !== null && ` (${t("items", { count: o.items })})`}: {itemText(o)}
        </li>
      ))}
    </ul>
  );
  const all = [...(access?.outcomes ?? []), ...(deletion?.outcomes ?? []), ...(cancellation?.outcomes ?? [])];
  // Who was told to delete the data too: after a deletion, or after closing the account.
  const told = deletion ?? cancellation;
  return (
    <div data-testid="outcome">
      <h3>{t("title")}</h3>
      {access && (
        <>
          <p>{t("copyTitle")}</p>
          {items(access.outcomes, "outcome-access")}
        </>
      )}
      {deletion && items(deletion.outcomes, "outcome-deletion")}
      {cancellation && items(cancellation.outcomes, "outcome-cancellation")}
      {all.some((o) => o.outcome === "restricted" || (o.held ?? 0) > 0) && <p className="muted">{t("restrictedExplained")}</p>}
      {all.some((o) => o.outcome === "refused") && <p className="muted">{t("refusedExplained")}</p>}
      {told && (
        <>
          {told.recipients.length > 0 && (
            <>
              <p>{t("recipientsTold")}</p>
              <ul data-testid="outcome-recipients">
                {told.recipients.map((r, i) => (
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
              {c.approved
                ? t("corrected", { value: c.after ? genderOr(c.field, c.after) : t("empty") })
                : t("notCorrected", { reason: c.reason ?? "" })}
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
