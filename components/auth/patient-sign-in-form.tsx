"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { requestCodeAction } from "@/app/signin/actions";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { signInFailure, useErrorText, useFailureText } from "@/components/ui/use-error-text";
import type { ActionFailure } from "@/lib/actions/result";
import { signInWithCredentials } from "@/lib/auth/browser";
import { PatientSignInInput, PhoneInput } from "@/lib/auth/schemas";

export function PatientSignInForm({ callbackUrl, demo }: { callbackUrl: string; demo: boolean }) {
  const t = useTranslations("signin");
  const errorText = useErrorText();
  const failureText = useFailureText();
  const router = useRouter();
  /** A refusal of the code request (the sign-in's own is the form's failure). */
  const [sendFailure, setSendFailure] = useState<ActionFailure | null>(null);
  const [info, setInfo] = useState<string>();
  const [cooldown, setCooldown] = useState(0);
  const [sending, startSending] = useTransition();
  const f = useActionForm({
    schema: PatientSignInInput,
    // Sign-in goes through NextAuth, whose refusal ("code_invalid:3", "expired") is read as a refused action.
    action: async (values) => {
      setSendFailure(null);
      const result = await signInWithCredentials("patient-otp", values);
      return result?.ok && !result.error ? { ok: true as const } : signInFailure(result?.error ?? "unexpected");
    },
    defaultValues: { phone: "", code: "" },
    resetOnSuccess: false,
    onSuccess: () => {
      router.replace(callbackUrl);
      router.refresh();
    },
  });
  const form = f.form;
  const formError = failureText(sendFailure ?? f.failure);
  useEffect(() => {
    if (f.failure) form.setFocus("code");
  }, [f.failure, form]);

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  function sendCode() {
    setSendFailure(null);
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
      } else if (result.fieldErrors.phone) {
        form.setError("phone", { message: result.fieldErrors.phone }, { shouldFocus: true });
      } else {
        setSendFailure(result);
        if (result.error === "cooldown" && typeof result.params?.seconds === "number") setCooldown(result.params.seconds);
      }
    });
  }

  return (
    <form className="card narrow" noValidate onSubmit={f.onSubmit} aria-describedby={formError ? "signin-error" : undefined}>
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
          <Field id="phone" label={t("phone")} hint={t("phoneHint")} error={errorText(f.fieldError("phone"))}>
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
      <Field id="code" label={t("code")} hint={t("codeHint")} error={errorText(f.fieldError("code"))}>
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
      <button type="submit" className="btn" disabled={f.pending}>
        {f.pending ? t("submitting") : t("submit")}
      </button>
      {demo && (
        <p className="muted">
          {t.rich("demoHint", {
            link: (chunks) => (
              <Link href="/dev/outbox" target="_blank" data-testid="outbox-link">
                {chunks}
              </Link>
            ),
          })}
        </p>
      )}
    </form>
  );
}
