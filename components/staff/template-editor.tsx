"use client";

import { useTranslations } from "next-intl";
import { saveTemplateAction } from "@/app/(staff)/queue/templates/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "./actions/form-message";
import { useStaffAction } from "./actions/use-staff-action";

type Template = { id: string; key: string; locale: string; title: string; body: string };

/** One reply template, editable by managers. The text stays as typed after a save, refused or not. */
export function TemplateEditor({ template }: { template: Template }) {
  const t = useTranslations("staff.templates");
  const f = useStaffAction(saveTemplateAction, { resetOnSuccess: false });
  const id = `tpl-${template.id}`;
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="card" data-testid={`template-${template.key}-${template.locale}`}>
      <h3>
        {t(`key_${template.key}`)} · {t(`language_${template.locale === "en" ? "en" : "zh"}`)}
      </h3>
      <input type="hidden" name="id" value={template.id} />
      <FormMessage ok={f.state.ok} text={f.message} />
      <Field id={`${id}-title`} label={t("titleLabel")} error={f.fieldError("title")}>
        {(describedBy, invalid) => <input id={`${id}-title`} name="title" defaultValue={template.title} aria-describedby={describedBy} aria-invalid={invalid} maxLength={200} />}
      </Field>
      <Field id={`${id}-body`} label={t("bodyLabel")} hint={t("bodyHint")} error={f.fieldError("body")}>
        {(describedBy, invalid) => (
          <textarea id={`${id}-body`} name="body" defaultValue={template.body} rows={6} aria-describedby={describedBy} aria-invalid={invalid} maxLength={10000} />
        )}
      </Field>
      <button type="submit" className="btn" disabled={f.pending}>
        {t("save")}
      </button>
    </form>
  );
}
