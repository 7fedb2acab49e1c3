"use client";

import { useTranslations } from "next-intl";
import { completeAction } from "@/app/(staff)/queue/[ref]/actions";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { StaffFormSchemas } from "@/lib/requests/staff-action-schemas";
import { FormMessage } from "./form-message";
import { TemplateTextField, type OfferedTemplate } from "./template-text-field";

/**
 * Close the request as fulfilled or partly fulfilled, with the reply the requester reads. `notDone`: how many
 * requested items fulfilment left undone — then it can close only as partly fulfilled (preselected, and said so).
 */
export function CompleteForm({
  requestRef,
  version,
  templates,
  notDone = 0,
  facts = "",
}: {
  requestRef: string;
  version: number;
  templates: OfferedTemplate[];
  notDone?: number;
  /** The outcome the system adds below the reply (lib/fulfilment/outcome-text.ts), shown before sending. */
  facts?: string;
}) {
  const t = useTranslations("staff.actions");
  const to = useTranslations("outcomes");
  const errorText = useErrorText();
  const f = useActionForm({
    schema: StaffFormSchemas.complete,
    action: (input) => completeAction({ ...input, ref: requestRef, version }),
    defaultValues: { outcome: (notDone > 0 ? "partially_fulfilled" : "") as never, reply: "" },
  });
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid="complete-form">
      <h3>{t("completeTitle")}</h3>
      <FormMessage success={f.success} failure={f.failure} />
      {notDone > 0 && (
        <p className="alert warn" data-testid="complete-not-done">
          {t("notDoneNote", { count: notDone })}
        </p>
      )}
      <Field id="complete-outcome" label={t("outcome")} error={errorText(f.fieldError("outcome"))}>
        {(describedBy, invalid) => (
          <select id="complete-outcome" aria-describedby={describedBy} aria-invalid={invalid} required {...f.form.register("outcome")}>
            <option value="">{t("choose")}</option>
            <option value="fulfilled">{to("fulfilled")}</option>
            <option value="partially_fulfilled">{to("partially_fulfilled")}</option>
          </select>
        )}
      </Field>
      <TemplateTextField
        id="complete-reply"
        label={t("reply")}
        hint={t("replyHint")}
        error={errorText(f.fieldError("reply"))}
        registration={f.form.register("reply")}
        onInsert={(text) => f.form.setValue("reply", text, { shouldDirty: true })}
        templates={templates}
      />
      {facts && (
        <div className="field" data-testid="complete-facts">
          <p className="hint">{t("factsTitle")}</p>
          <p className="portal-text muted" dir="auto">
            {facts}
          </p>
        </div>
      )}
      <button type="submit" className="btn" disabled={f.pending}>
        {t("complete")}
      </button>
    </form>
  );
}
