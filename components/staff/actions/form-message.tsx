"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useFailureText } from "@/components/ui/use-error-text";
import type { ActionFailure } from "@/lib/actions/result";

/**
 * The outcome of a staff action, announced: a status on success (the sentence the server named), an alert
 * otherwise. A refusal about no field takes the focus; one about a field leaves it on that field.
 */
export function FormMessage({ success, failure }: { success: { message: string } | null; failure: ActionFailure | null }) {
  const t = useTranslations();
  const failureText = useFailureText();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (failure && Object.keys(failure.fieldErrors).length === 0) ref.current?.focus();
  }, [failure]);
  const text = failure ? failureText(failure) : success ? (t as unknown as (key: string) => string)(success.message) : undefined;
  if (!text) return null;
  return (
    <p ref={ref} className={`alert ${failure ? "error" : "info"}`} role={failure ? "alert" : "status"} tabIndex={-1} data-form-message>
      {text}
    </p>
  );
}

/** A staff server action as the forms call it: the form's values with the request (and version) beside them. */
export type StaffAction = (raw: unknown) => Promise<import("@/lib/actions/result").ActionResult<{ message: string }>>;
