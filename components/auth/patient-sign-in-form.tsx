"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { requestCodeAction } from "@/app/signin/actions";
import { Field } from "@/components/ui/field";
import { useErrorText, useFailureText } from "@/components/ui/use-error-text";
import { signInFailure } from "./sign-in-failure";
import type { ActionFailure } from "@/lib/actions/result";
import { signInWithCredentials } from "@/lib/auth/browser";
import { patientSignInErrors, phoneErrors, type SignInFieldErrors } from "@/lib/auth/sign-in-checks";

/**
 * The patient sign-in: phone, SMS code, sign in. Its own small state rather than the form stack
 * (components/ui/use-action-form.ts), so the page ships neither react-hook-form nor zod (first-load size, issue 17);
 * the checks are the server's rules (lib/auth/sign-in-checks.ts), which the server applies again.
 */
export function PatientSignInForm({ callbackUrl, demo }: { callbackUrl: string; demo: boolean }) {
  const t = useTranslations("signin");
  const errorText = useErrorText();
  const failureText = useFailureText();
  const router = useRouter();
  const phoneRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const [fieldErrors, setFieldErrors] = useState<SignInFieldErrors>({});
  /** The refusal of the code request or of the sign-in, for the form's message region. */
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [info, setInfo] = useState<string>();
  const [cooldown, setCooldown] = useState(0);
  const [sending, startSending] = useTransition();
  const [signingIn, startSigningIn] = useTransition();
  const formError = failureText(failure);

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  const values = () => ({ phone: phoneRef.current?.value ?? "", code: codeRef.current?.value ?? "" });
  /** Shows these field errors and focuses the first field at fault, in the page's order. */
  const showFieldErrors = (errors: SignInFieldErrors) => {
    setFieldErrors(errors);
    (errors.phone ? phoneRef : codeRef).current?.focus();
  };

  function sendCode() {
    setFailure(null);
    setInfo(undefined);
    const { phone } = values();
    const errors = phoneErrors({ phone });
    if (errors.phone) return showFieldErrors({ ...fieldErrors, ...errors });
    setFieldErrors(({ code }) => (code ? { code } : {}));
    startSending(async () => {
      const result = await requestCodeAction({ phone });
      if (result.ok) {
        setInfo(t("codeSent"));
        setCooldown(result.resendAfterSeconds);
        codeRef.current?.focus();
      } else if (result.fieldErrors.phone) {
        showFieldErrors({ phone: result.fieldErrors.phone });
      } else {
        setFailure(result);
        if (result.error === "cooldown" && typeof result.params?.seconds === "number") setCooldown(result.params.seconds);
      }
    });
  }

  function signIn(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const input = values();
    const errors = patientSignInErrors(input);
    if (errors.phone || errors.code) return showFieldErrors(errors);
    setFieldErrors({});
    startSigningIn(async () => {
      // Sign-in goes through NextAuth, whose refusal ("code_invalid:3", "expired") is read as a refused action.
      const result = await signInWithCredentials("patient-otp", input);
      if (result.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setFailure(signInFailure(result.error ?? "unexpected"));
      codeRef.current?.focus();
    });
  }

  return (
    <form className="card narrow" noValidate onSubmit={signIn} aria-describedby={formError ? "signin-error" : undefined}>
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
          <Field id="phone" label={t("phone")} hint={t("phoneHint")} error={errorText(fieldErrors.phone)}>
            {(describedBy, invalid) => (
              <input
                ref={phoneRef}
                id="phone"
                name="phone"
                type="tel"
                inputMode="numeric"
                autoComplete="tel-national"
                aria-describedby={describedBy}
                aria-invalid={invalid}
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
      <Field id="code" label={t("code")} hint={t("codeHint")} error={errorText(fieldErrors.code)}>
        {(describedBy, invalid) => (
          <input
            ref={codeRef}
            id="code"
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <button type="submit" className="btn" disabled={signingIn}>
        {signingIn ? t("submitting") : t("submit")}
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
