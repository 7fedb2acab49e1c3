"use client";

/** The outcome of a staff action, announced: a status on success, an alert otherwise. */
export function FormMessage({ ok, text }: { ok: boolean; text: string | undefined }) {
  if (!text) return null;
  return (
    <p className={`alert ${ok ? "info" : "error"}`} role={ok ? "status" : "alert"} tabIndex={-1} data-form-message>
      {text}
    </p>
  );
}
