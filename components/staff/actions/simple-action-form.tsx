"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { StaffFormSchemas } from "@/lib/requests/staff-action-schemas";
import { FormMessage, type StaffAction } from "./form-message";

/** An action that needs no input: claim, start. */
export function SimpleActionForm({
  action,
  requestRef,
  version,
  label,
  testId,
}: {
  action: StaffAction;
  requestRef: string;
  version: number;
  label: string;
  testId: string;
}) {
  const f = useActionForm({ schema: StaffFormSchemas.claim, action: () => action({ ref: requestRef, version }), defaultValues: {} });
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid={testId}>
      <FormMessage success={f.success} failure={f.failure} />
      <button type="submit" className="btn" disabled={f.pending}>
        {label}
      </button>
    </form>
  );
}
