import { useTranslations } from "next-intl";

export type ClauseKey =
  | "access"
  | "portability"
  | "correction"
  | "deletion"
  | "consent"
  | "cancellation"
  | "automated_decision"
  | "complaint"
  | "identity"
  | "fees"
  | "guardian"
  | "close_relative"
  | "authorised_agent";

/** The clause of the privacy policy (or PIPL) a form rests on, quoted, with its source. */
export function PolicyQuote({ clause, compact = false }: { clause: ClauseKey; compact?: boolean }) {
  const t = useTranslations("portal.clauses");
  return (
    <figure className={`portal-quote${compact ? " compact" : ""}`} data-testid={`clause-${clause}`}>
      <figcaption>
        {t("label")} · <cite>{t(`${clause}.source`)}</cite>
      </figcaption>
      <blockquote>{t(`${clause}.text`)}</blockquote>
      {!compact && <p className="muted portal-quote-note">{t("note")}</p>}
    </figure>
  );
}
