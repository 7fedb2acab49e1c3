"use client";

// Zod's CSP setting before any schema here parses, whichever chunk the browser evaluates first.
import "@/components/layout/strict-csp";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { get, useForm, type DefaultValues, type FieldErrors, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type * as z from "zod/v4/core";
import type { ActionFailure, ActionResult } from "@/lib/actions/result";

/**
 * One form stack for the staff's, the manager's and the admin's forms (patients' pages do without it, to keep their
 * first load small: components/portal/request-form/form-state.ts): react-hook-form validates in the browser with the
 * same zod schema the server action checks again; the action's field errors land on their fields (focus on the
 * first), its other errors in `failure` for the form's message region. On success the form resets unless told otherwise.
 */
export function useActionForm<S extends z.$ZodType<FieldValues, FieldValues>, T extends object>({
  schema,
  action,
  defaultValues,
  resetOnSuccess = true,
  onSuccess,
}: {
  schema: S;
  action: (input: z.input<S>) => Promise<ActionResult<T>>;
  defaultValues: DefaultValues<z.input<S>>;
  resetOnSuccess?: boolean;
  onSuccess?: (result: { ok: true } & T) => void;
}) {
  // Focus is ours (focusFirst): react-hook-form's own follows the order fields registered, not the page's.
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues,
    shouldFocusError: false,
  });
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [success, setSuccess] = useState<({ ok: true } & T) | null>(null);
  const [pending, startTransition] = useTransition();

  /** Moves focus to the first of these fields in the page's order. */
  const focusFirst = (names: string[]) => {
    const elements = names
      .map((name) => {
        const f = (get(form.control._fields, name) as { _f?: { ref?: unknown; refs?: unknown[] } } | undefined)?._f;
        return f?.refs?.[0] ?? f?.ref;
      })
      .filter((el): el is HTMLElement => typeof HTMLElement !== "undefined" && el instanceof HTMLElement);
    elements.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    elements[0]?.focus();
  };

  const onSubmit = form.handleSubmit(
    () =>
      new Promise<void>((resolve) =>
        startTransition(async () => {
          setFailure(null);
          setSuccess(null);
          // The raw values go to the server, which parses them with the same schema.
          const result = await action(form.getValues());
          if (result.ok) {
            setSuccess(result);
            if (resetOnSuccess) form.reset(defaultValues);
            onSuccess?.(result);
          } else {
            for (const [name, code] of Object.entries(result.fieldErrors)) form.setError(name as Path<z.input<S>>, { message: code });
            focusFirst(Object.keys(result.fieldErrors));
            setFailure(result);
          }
          resolve();
        }),
      ),
    (errors) => focusFirst(errorPaths(errors)),
  );

  /** The error code on a field ("reason", "decisions.1.approve"), from the browser's check or the server's. */
  const fieldError = (name: string): string | undefined => form.getFieldState(name as Path<z.input<S>>, form.formState).error?.message;

  return { form, onSubmit, pending: pending || form.formState.isSubmitting, failure, success, fieldError };
}

/** The paths of the fields a react-hook-form error tree marks ("reason", "decisions.1.approve"). */
function errorPaths(errors: FieldErrors, prefix = ""): string[] {
  return Object.entries(errors).flatMap(([key, value]) => {
    if (!value || typeof value !== "object") return [];
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof (value as { message?: unknown }).message === "string" ? [path] : errorPaths(value as FieldErrors, path);
  });
}
