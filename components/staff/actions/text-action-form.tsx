"use client";

import { FormMessage } from "./form-message";
import { HiddenFields } from "./hidden-fields";
import { TemplateTextField, type OfferedTemplate } from "./template-text-field";
import { useStaffAction, type StaffAction } from "./use-staff-action";

/** One text and a button: reopen (reason), internal note, message to the requester. */
export function TextActionForm({
  action,
  requestRef,
  version,
  field,
  title,
  intro,
  label,
  hint,
  submit,
  testId,
  templates,
  rows = 4,
}: {
  action: StaffAction;
  requestRef: string;
  version?: number;
  field: string;
  title: string;
  intro?: string;
  label: string;
  hint?: string;
  submit: string;
  testId: string;
  templates?: OfferedTemplate[];
  rows?: number;
}) {
  const f = useStaffAction(action);
  const id = `${testId}-${field}`;
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate data-testid={testId}>
      <h3>{title}</h3>
      {intro && <p className="muted">{intro}</p>}
      <HiddenFields requestRef={requestRef} version={version} />
      <FormMessage ok={f.state.ok} text={f.message} />
      <TemplateTextField id={id} name={field} label={label} hint={hint} error={f.fieldError(field)} templates={templates} rows={rows} />
      <button type="submit" className="btn" disabled={f.pending}>
        {submit}
      </button>
    </form>
  );
}
