"use client";

import { FormMessage } from "./form-message";
import { HiddenFields } from "./hidden-fields";
import { useStaffAction, type StaffAction } from "./use-staff-action";

/** An action that needs no input: claim, start. */
export function SimpleActionForm({ action, requestRef, version, label, testId }: { action: StaffAction; requestRef: string; version: number; label: string; testId: string }) {
  const f = useStaffAction(action);
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate data-testid={testId}>
      <HiddenFields requestRef={requestRef} version={version} />
      <FormMessage ok={f.state.ok} text={f.message} />
      <button type="submit" className="btn" disabled={f.pending}>
        {label}
      </button>
    </form>
  );
}
