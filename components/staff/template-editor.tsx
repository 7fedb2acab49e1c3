"use client";

import { useTranslations } from "next-intl";
import { saveTemplateAction } from "@/app/(staff)/queue/templates/actions";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { TemplateEdit } from "@/lib/requests/staff-action-schemas";
import { FormMessage } from "./actions/form-message";

type Template = { id: string; key: string; locale: string; title: string; body: string };

/** One reply template, editable by managers. The text stays as typed after a save, refused or not. */
export function TemplateEditor({ template }: { template: Template }) {
  const t = useTranslations("staff.templates");
  const errorText = useErrorText();
  const f = useActionForm({
    schema: TemplateEdit,
    action: async (input) => {
      const result = await saveTemplateAction(input);
      return result.ok ? { ...result, message: "staff.templates.saved" } : result;
    },
    defaultValues: { id: template.id, title: template.title, body: template.body },
    resetOnSuccess: false,
  });
  const id = `tpl-${template.id}`;
  return (
    <form onSubmit={f.onSubmit} noValidate className="card" data-testid={`template-${template.key}-${template.locale}`}>
      <h3>
        {t(`key_${template.key}`)} · {t(`language_${template.locale === "en" ? "en" : "zh"}`)}
      </h3>
      <FormMessage success={f.success} failure={f.failure} />
      <Field id={`${id}-title`} label={t("titleLabel")} error={errorText(f.fieldError("title"))}>
        {(describedBy, invalid) => (
          <input id={`${id}-title`} aria-describedby={describedBy} aria-invalid={invalid} maxLength={200} {...f.form.register("title")} />
        )}
      </Field>
      <Field id={`${id}-body`} label={t("bodyLabel")} hint={t("bodyHint")} error={errorText(f.fieldError("body"))}>
        {(describedBy, invalid) => (
          <textarea id={`${id}-body`} rows={6} aria-describedby={describedBy} aria-invalid={invalid} maxLength={10000} {...f.form.register("body")} />
        )}
      </Field>
      <button type="submit" className="btn" disabled={f.pending}>
        {t("save")}
      </button>
    </form>
  );
}
