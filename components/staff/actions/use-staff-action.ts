"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { StaffActionResult } from "@/lib/requests/staff-action-schemas";

export type StaffAction = (prev: StaffActionResult, form: FormData) => Promise<StaffActionResult>;

const INITIAL: StaffActionResult = { ok: false, fieldErrors: {} };

/**
 * A staff action form: submits through the server action without resetting what was typed when it is
 * refused, resets after success, and moves focus to the first field in error.
 */
export function useStaffAction(action: StaffAction, { resetOnSuccess = true }: { resetOnSuccess?: boolean } = {}) {
  const [state, dispatch, pending] = useActionState(action, INITIAL);
  const formRef = useRef<HTMLFormElement>(null);
  const t = useTranslations();
  const text = (key: string | undefined, params?: Record<string, string>) =>
    key ? (t as unknown as (k: string, p?: Record<string, string>) => string)(key, params) : undefined;

  useEffect(() => {
    const form = formRef.current;
    if (!form || state === INITIAL) return;
    if (state.ok) {
      if (resetOnSuccess) form.reset();
      return;
    }
    const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? form.querySelector<HTMLElement>("[data-form-message]"))?.focus();
  }, [state, resetOnSuccess]);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => dispatch(data));
  };

  const fieldError = (name: string) => text(state.fieldErrors[name]);
  const message = state === INITIAL ? undefined : text(state.message, state.errorRef ? { ref: state.errorRef } : undefined);
  return { state, pending, formRef, onSubmit, fieldError, message };
}
