"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { StaffFormSchemas } from "@/lib/requests/staff-action-schemas";
import { FormMessage, type StaffAction } from "./form-message";
import { TemplateTextField, type OfferedTemplate } from "./template-text-field";

/** The one text each of these actions takes: the reopen reason, the note's or the message's body. */
const TEXT_OF = { reopen: "reason", note: "body", reply: "body", verify: "note" } as const;

/** One text and a button: reopen (reason), accepting the proofs (note), internal note, message to the requester. */
export function TextActionForm({
  action,
  kind,
  requestRef,
  version,
  title,
  intro,
  label,
  hint,
  submit,
  testId,
  templates,
  rows = 4,
  checks = [],
}: {
  action: StaffAction;
  kind: keyof typeof TEXT_OF;
  requestRef: string;
  version?: number;
  title: string;
  intro?: string;
  label: string;
  hint?: string;
  submit: string;
  testId: string;
  templates?: OfferedTemplate[];
  rows?: number;
  /** Boxes staff tick to confirm what they checked (sent as `checked`); the server says which are required. */
  checks?: { value: string; label: string }[];
}) {
  const field = TEXT_OF[kind];
  const errorText = useErrorText();
  const f = useActionForm({
    // reopen's schema is { reason }, note's and reply's { body }: one text field either way.
    schema: StaffFormSchemas[kind] as unknown as typeof StaffFormSchemas.note,
    action: (input) => action({ ...input, ref: requestRef, version }),
    defaultValues: { [field]: "", ...(checks.length > 0 ? { checked: [] } : {}) } as { body: string },
  });
  const name = field as "body";
  const id = `${testId}-${field}`;
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid={testId}>
      <h3>{title}</h3>
      {intro && <p className="muted">{intro}</p>}
      <FormMessage success={f.success} failure={f.failure} />
      <TemplateTextField
        id={id}
        label={label}
        hint={hint}
        error={errorText(f.fieldError(field))}
        registration={f.form.register(name)}
        onInsert={(text) => f.form.setValue(name, text, { shouldDirty: true })}
        templates={templates}
        rows={rows}
      />
      {checks.length > 0 && (
        <fieldset className="field" aria-describedby={`${testId}-checked-error`}>
          {checks.map((c) => (
            <label key={c.value} className="portal-choice">
              <input type="checkbox" value={c.value} {...f.form.register("checked" as "body")} /> {c.label}
            </label>
          ))}
          <p id={`${testId}-checked-error`} className="field-error" role={f.fieldError("checked") ? "alert" : undefined}>
            {errorText(f.fieldError("checked"))}
          </p>
        </fieldset>
      )}
      <button type="submit" className="btn" disabled={f.pending}>
        {submit}
      </button>
    </form>
  );
}
