"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { requestCodeAction } from "@/app/signin/actions";
import { PatientSignInInput, PhoneInput, type PatientSignIn } from "@/lib/auth/schemas";
import { Field } from "@/components/ui/field";
import { useErrorText } from "@/components/ui/use-error-text";

export function PatientSignInForm({ callbackUrl, demo }: { callbackUrl: string; demo: boolean }) {
  const t = useTranslations("signin");
  const errorText = useErrorText();
  const router = useRouter();
  const [formError, setFormError] = useState<string>();
  const [info, setInfo] = useState<string>();
  const [cooldown, setCooldown] = useState(0);
  const [sending, startSending] = useTransition();
  const form = useForm<PatientSignIn>({ resolver: zodResolver(PatientSignInInput), defaultValues: { phone: "", code: "" } });
  const { errors, isSubmitting } = form.formState;

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  function sendCode() {
    setFormError(undefined);
    setInfo(undefined);
    const phone = form.getValues("phone");
    const checked = PhoneInput.safeParse({ phone });
    if (!checked.success) {
      form.setError("phone", { message: "phone_invalid" }, { shouldFocus: true });
      return;
    }
    form.clearErrors("phone");
    startSending(async () => {
      const result = await requestCodeAction({ phone });
      if (result.ok) {
        setInfo(t("codeSent"));
        setCooldown(result.resendAfterSeconds);
        form.setFocus("code");
      } else if (result.fieldErrors?.phone) {
        form.setError("phone", { message: result.fieldErrors.phone[0] }, { shouldFocus: true });
      } else {
        setFormError(errorText(result.error, result.params));
        if (result.error === "cooldown" && typeof result.params?.seconds === "number") setCooldown(result.params.seconds);
      }
    });
  }

  async function onSubmit(values: PatientSignIn) {
    setFormError(undefined);
    const result = await signIn("patient-otp", { ...values, redirect: false });
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setFormError(errorText(result?.error ?? "unexpected"));
    form.setFocus("code");
  }

  return (
    <form className="card narrow" noValidate onSubmit={form.handleSubmit(onSubmit)} aria-describedby={formError ? "signin-error" : undefined}>
      {formError && (
        <p id="signin-error" className="alert error" role="alert">
          {formError}
        </p>
      )}
      {info && (
        <p className="alert info" role="status">
          {info}
        </p>
      )}
      <div className="row">
        <div className="grow">
          <Field id="phone" label={t("phone")} hint={t("phoneHint")} error={errorText(errors.phone?.message)}>
            {(describedBy, invalid) => (
              <input
                id="phone"
                type="tel"
                inputMode="numeric"
                autoComplete="tel-national"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                {...form.register("phone")}
              />
            )}
          </Field>
        </div>
        <div className="field">
          <button type="button" className="btn secondary" onClick={sendCode} disabled={sending || cooldown > 0}>
            {cooldown > 0 ? t("resendIn", { seconds: cooldown }) : t("sendCode")}
          </button>
          <p className="field-error" />
        </div>
      </div>
      <Field id="code" label={t("code")} hint={t("codeHint")} error={errorText(errors.code?.message)}>
        {(describedBy, invalid) => (
          <input
            id="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...form.register("code")}
          />
        )}
      </Field>
      <button type="submit" className="btn" disabled={isSubmitting}>
        {isSubmitting ? t("submitting") : t("submit")}
      </button>
      {demo && (
        <p className="muted">
          {t.rich("demoHint", {
            link: () => (
              <Link href="/dev/outbox" target="_blank">
                {t("demoLink")}
              </Link>
            ),
          })}
        </p>
      )}
    </form>
  );
}
