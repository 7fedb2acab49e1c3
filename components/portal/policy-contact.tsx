import { useTranslations } from "next-intl";

/**
 * The privacy policy's personal-information contact (§12): the 400 hotline, which reaches the customer service centre
 * and the department the hospital set up for personal-information protection, quoted with its source. The policy
 * names no person or other channel, so neither does this.
 */
export function PolicyContact() {
  const t = useTranslations("contact");
  return (
    <section className="card portal-quote" aria-labelledby="policy-contact-title" data-testid="policy-contact">
      <h2 id="policy-contact-title">{t("title")}</h2>
      <p>{t("phone")}</p>
      <figure>
        <figcaption>
          <cite>{t("source")}</cite>
        </figcaption>
        <blockquote>{t("quote")}</blockquote>
      </figure>
    </section>
  );
}

/** The contact line under every reply a patient reads (policy §12). */
export function PolicyContactLine() {
  const t = useTranslations("contact");
  return (
    <p className="muted portal-contact-line" data-testid="reply-contact">
      {t("signature")}
    </p>
  );
}
