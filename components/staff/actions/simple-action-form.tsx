"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useActionForm } from "@/components/ui/use-action-form";
import { StaffFormSchemas } from "@/lib/requests/staff-action-schemas";
import { FormMessage, type StaffAction } from "./form-message";

/**
 * An action that needs no input: claim, start. A claim lost to a colleague ("claimed_by") refreshes the page so
 * the header names the holder; the form then stays mounted (offered = false) only to keep saying who holds it.
 */
export function SimpleActionForm({
  action,
  requestRef,
  version,
  label,
  testId,
  offered = true,
}: {
  action: StaffAction;
  requestRef: string;
  version: number;
  label: string;
  testId: string;
  /** Whether the action is available now; when not, only a refusal already shown stays on the page. */
  offered?: boolean;
}) {
  const router = useRouter();
  const f = useActionForm({ schema: StaffFormSchemas.claim, action: () => action({ ref: requestRef, version }), defaultValues: {} });
  const conflict = f.failure?.error === "claimed_by";
  useEffect(() => {
    if (conflict) router.refresh();
  }, [conflict, router]);
  if (!offered)
    return conflict ? (
      <div data-testid={testId}>
        <FormMessage success={null} failure={f.failure} />
      </div>
    ) : null;
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid={testId}>
      <FormMessage success={f.success} failure={f.failure} />
      <button type="submit" className="btn" disabled={f.pending}>
        {label}
      </button>
    </form>
  );
}
