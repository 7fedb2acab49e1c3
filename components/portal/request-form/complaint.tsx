"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { PolicyQuote } from "../policy-quote";
import { useFieldError } from "./fields";
import type { FormProps, MyRequestOption } from "./form-types";

/** A complaint or question: in general, or about one of the patient's own requests (relatedRequestRef set). */
export function ComplaintFields({ form, myRequests }: FormProps & { myRequests: MyRequestOption[] }) {
  const t = useTranslations("portal.form");
  const tRoot = useTranslations();
  const related = form.get("relatedRequestRef");
  const aboutRequest = related !== undefined;
  const error = useFieldError(form, "relatedRequestRef");
  const about = (request: boolean) => form.set("relatedRequestRef", request ? "" : undefined);
  return (
    <>
      <PolicyQuote clause="complaint" compact />
      <fieldset className="portal-group" data-field="complaintAbout">
        <legend>{t("complaintAbout")}</legend>
        <label className="portal-choice">
          <input type="radio" name="complaintAbout" value="general" checked={!aboutRequest} onChange={() => about(false)} />
          <span>{t("complaintGeneral")}</span>
        </label>
        <label className="portal-choice">
          <input
            type="radio"
            name="complaintAbout"
            value="request"
            checked={aboutRequest}
            disabled={myRequests.length === 0}
            onChange={() => about(true)}
          />
          <span>
            {t("complaintRequest")}
            {myRequests.length === 0 && <span className="hint">{t("noMyRequests")}</span>}
          </span>
        </label>
        {aboutRequest && (
          <Field id="f-relatedRequestRef" label={t("complaintRequestPick")} error={error}>
            {(describedBy, invalid) => (
              <select id="f-relatedRequestRef" aria-invalid={invalid} aria-describedby={describedBy} {...form.text("relatedRequestRef")}>
                <option value="">{t("chooseField")}</option>
                {myRequests.map((r) => (
                  <option key={r.ref} value={r.ref}>
                    {r.ref} · {tRoot(`types.${r.type}`)} · {tRoot(`statuses.${r.status}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </fieldset>
    </>
  );
}
