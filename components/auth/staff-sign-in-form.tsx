"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText, useFailureText } from "@/components/ui/use-error-text";
import { signInFailure } from "./sign-in-failure";
import { signInWithCredentials } from "@/lib/auth/browser";
import { StaffSignInInput } from "@/lib/auth/schemas";

export function StaffSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("staffSignin");
  const errorText = useErrorText();
  const failureText = useFailureText();
  const router = useRouter();
  const f = useActionForm({
    schema: StaffSignInInput,
    // Sign-in goes through NextAuth, whose refusal ("staff_invalid", "locked:15") is read as a refused action.
    action: async (values) => {
      const result = await signInWithCredentials("staff-password", values);
      if (result?.ok && !result.error) return { ok: true as const };
      f.form.resetField("password");
      return signInFailure(result?.error ?? "unexpected");
    },
    defaultValues: { email: "", password: "" },
    resetOnSuccess: false,
    onSuccess: () => {
      router.replace(callbackUrl);
      router.refresh();
    },
  });
  const formError = failureText(f.failure);
  useEffect(() => {
    if (f.failure) f.form.setFocus("password");
  }, [f.failure, f.form]);

  return (
    <form className="card narrow" noValidate onSubmit={f.onSubmit}>
      {formError && (
        <p className="alert error" role="alert">
          {formError}
        </p>
      )}
      <Field id="email" label={t("email")} error={errorText(f.fieldError("email"))}>
        {(describedBy, invalid) => (
          <input
            id="email"
            type="email"
            autoComplete="username"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...f.form.register("email")}
          />
        )}
      </Field>
      <Field id="password" label={t("password")} error={errorText(f.fieldError("password"))}>
        {(describedBy, invalid) => (
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...f.form.register("password")}
          />
        )}
      </Field>
      <button type="submit" className="btn" disabled={f.pending}>
        {f.pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
