"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { StaffSignInInput, type StaffSignIn } from "@/lib/auth/schemas";
import { Field } from "@/components/ui/field";
import { useErrorText } from "@/components/ui/use-error-text";

export function StaffSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("staffSignin");
  const errorText = useErrorText();
  const router = useRouter();
  const [formError, setFormError] = useState<string>();
  const form = useForm<StaffSignIn>({ resolver: zodResolver(StaffSignInInput), defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: StaffSignIn) {
    setFormError(undefined);
    const result = await signIn("staff-password", { ...values, redirect: false });
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    form.resetField("password");
    setFormError(errorText(result?.error ?? "unexpected"));
    form.setFocus("password");
  }

  return (
    <form className="card narrow" noValidate onSubmit={form.handleSubmit(onSubmit)}>
      {formError && (
        <p className="alert error" role="alert">
          {formError}
        </p>
      )}
      <Field id="email" label={t("email")} error={errorText(errors.email?.message)}>
        {(describedBy, invalid) => (
          <input id="email" type="email" autoComplete="username" aria-describedby={describedBy} aria-invalid={invalid} {...form.register("email")} />
        )}
      </Field>
      <Field id="password" label={t("password")} error={errorText(errors.password?.message)}>
        {(describedBy, invalid) => (
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...form.register("password")}
          />
        )}
      </Field>
      <button type="submit" className="btn" disabled={isSubmitting}>
        {isSubmitting ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
