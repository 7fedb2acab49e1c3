"use client";

import { useTranslations } from "next-intl";
import { PolicyQuote } from "../policy-quote";
import { TextInput } from "./fields";
import type { FormProps } from "./form-types";

/** The real-name check: the name and the last four characters of the ID number (never shown back). */
export function IdentitySection({ form }: FormProps) {
  const t = useTranslations("portal.form");
  return (
    <section className="portal-group portal-identity" aria-labelledby="identity-title" data-testid="identity">
      <h2 id="identity-title" className="portal-legend">
        {t("identityTitle")}
      </h2>
      <PolicyQuote clause="identity" compact />
      <p className="hint">{t("identityIntro")}</p>
      <div className="row">
        <div className="grow">
          <TextInput form={form} name="identityName" label={t("identityName")} autoComplete="name" />
        </div>
        <div className="grow">
          <TextInput form={form} name="identityLast4" label={t("identityLast4")} hint={t("identityLast4Hint")} autoComplete="off" />
        </div>
      </div>
    </section>
  );
}
