"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { feeAction, replyAction, withdrawAction, type PatientActionState } from "@/app/(patient)/requests/[ref]/actions";
import { ReplyInput, type ReplyInputT } from "@/lib/requests/reply-schema";
import { FileUpload } from "./file-upload";
import { focusFirstInvalid, usePortalError } from "./use-portal-error";

/** A failed action in words: workflow codes from the core catalog, the rest from the portal's. */
function useActionError() {
  const tWorkflow = useTranslations("workflowErrors");
  const tDetail = useTranslations("portal.detail");
  const errorText = usePortalError();
  return (error: string) => (error === "stale" ? tDetail("stale") : tWorkflow.has(error) ? tWorkflow(error) : errorText(error));
}

function Outcome({ message, error }: { message?: string; error?: string }) {
  if (error)
    return (
      <p className="alert error" role="alert" data-testid="action-error">
        {error}
      </p>
    );
  if (message)
    return (
      <p className="alert info" role="status" data-testid="action-done">
        {message}
      </p>
    );
  return null;
}

/**
 * Writing to staff. In "answer" mode (the request waits on the patient) sending resumes the clock; the files go
 * with the message. Documents asked for identity are uploaded as proof (staff-only); others as message files.
 */
export function ReplyForm({ refCode, version, mode, purpose }: { refCode: string; version: number; mode: "answer" | "message"; purpose: "proof" | "message" }) {
  const t = useTranslations("portal.detail");
  const tForm = useTranslations("portal.form");
  const errorText = usePortalError();
  const actionError = useActionError();
  const router = useRouter();
  const root = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [uploadKey, setUploadKey] = useState(0);
  const form = useForm<ReplyInputT>({
    resolver: zodResolver(ReplyInput) as never,
    shouldFocusError: false,
    defaultValues: { ref: refCode, version, message: "", attachmentIds: [] },
  });
  const message = form.watch("message") ?? "";
  const err = errorText(form.formState.errors.message?.message);
  const filesErr = errorText(form.formState.errors.attachmentIds?.message);
  const id = `reply-${mode}`;

  const onSubmit = form.handleSubmit(
    (values) =>
      start(async () => {
        setDone(undefined);
        setFailure(undefined);
        const res: PatientActionState = await replyAction({ ...values, version }).catch(() => ({ ok: false, error: "network" }));
        if (res.ok) {
          form.reset({ ref: refCode, version, message: "", attachmentIds: [] });
          setUploadKey((k) => k + 1);
          setDone(mode === "answer" ? t("answered") : t("sent"));
          router.refresh();
        } else if (res.fieldErrors?.message) {
          form.setError("message", { message: res.fieldErrors.message });
          focusFirstInvalid(root.current);
        } else {
          setFailure(actionError(res.error));
          if (res.error === "stale") router.refresh();
        }
      }),
    () => focusFirstInvalid(root.current),
  );

  return (
    <form ref={root} noValidate onSubmit={onSubmit} className="portal-reply" data-testid={`reply-${mode}`}>
      <Outcome message={done} error={failure} />
      <div className="field">
        <label htmlFor={id}>{mode === "answer" ? t("answer") : t("message")}</label>
        <span id={`${id}-hint`} className="hint">
          {mode === "answer" ? t("answerHint") : t("messageHint")}
        </span>
        <textarea
          id={id}
          rows={4}
          dir="auto"
          aria-required
          aria-invalid={Boolean(err)}
          aria-describedby={[`${id}-hint`, `${id}-count`, err ? `${id}-error` : undefined].filter(Boolean).join(" ")}
          {...form.register("message")}
        />
        <span id={`${id}-count`} className={`hint portal-count${message.length > 5000 ? " over" : ""}`}>
          {tForm("chars", { count: message.length, max: 5000 })}
        </span>
        <p id={`${id}-error`} className="field-error" role={err ? "alert" : undefined}>
          {err}
        </p>
      </div>
      <FileUpload
        key={uploadKey}
        id={`${id}-files`}
        label={`${t("attachFiles")} ${tForm("optional")}`}
        purpose={purpose}
        error={filesErr}
        onBusyChange={setBusy}
        onChange={(ids) => form.setValue("attachmentIds", ids)}
      />
      <button type="submit" className="btn" disabled={pending || busy}>
        {pending ? t("sending") : mode === "answer" ? t("sendAnswer") : t("sendMessage")}
      </button>
    </form>
  );
}

/** Accepting or declining a quoted fee; declining withdraws the request, so it asks first. */
export function FeeAnswer({ refCode, version }: { refCode: string; version: number }) {
  const t = useTranslations("portal.detail");
  const actionError = useActionError();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState<string>();
  const answer = (accept: boolean) =>
    start(async () => {
      setFailure(undefined);
      const res: PatientActionState = await feeAction({ ref: refCode, version, accept }).catch(() => ({ ok: false, error: "network" }));
      if (res.ok) {
        setDone(accept ? t("feeAccepted") : t("feeDeclined"));
        router.refresh();
      } else {
        setFailure(actionError(res.error));
        if (res.error === "stale") router.refresh();
      }
    });
  return (
    <div data-testid="fee-answer">
      <Outcome message={done} error={failure} />
      {confirming ? (
        <div className="alert warn" role="alertdialog" aria-labelledby="fee-confirm">
          <p id="fee-confirm">{t("feeDeclineConfirm")}</p>
          <div className="row">
            <button type="button" className="btn" onClick={() => answer(false)} disabled={pending} autoFocus>
              {t("feeDecline")}
            </button>
            <button type="button" className="btn secondary" onClick={() => setConfirming(false)} disabled={pending}>
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="button" className="btn" onClick={() => answer(true)} disabled={pending}>
            {t("feeAccept")}
          </button>
          <button type="button" className="btn secondary" onClick={() => setConfirming(true)} disabled={pending}>
            {t("feeDecline")}
          </button>
        </div>
      )}
    </div>
  );
}

/** Withdrawing an open request, after an explicit confirmation. */
export function WithdrawButton({ refCode, version }: { refCode: string; version: number }) {
  const t = useTranslations("portal.detail");
  const actionError = useActionError();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string>();
  const opener = useRef<HTMLButtonElement>(null);
  const withdraw = () =>
    start(async () => {
      setFailure(undefined);
      const res: PatientActionState = await withdrawAction({ ref: refCode, version }).catch(() => ({ ok: false, error: "network" }));
      if (res.ok) {
        setConfirming(false);
        router.refresh();
      } else {
        setFailure(actionError(res.error));
        if (res.error === "stale") router.refresh();
      }
    });
  return (
    <div data-testid="withdraw">
      <Outcome error={failure} />
      {confirming ? (
        <div className="alert warn" role="alertdialog" aria-labelledby="withdraw-confirm">
          <p id="withdraw-confirm">{t("withdrawConfirm", { ref: refCode })}</p>
          <div className="row">
            <button type="button" className="btn danger" onClick={withdraw} disabled={pending} autoFocus>
              {t("withdrawYes")}
            </button>
            <button
              type="button"
              className="btn secondary"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => opener.current?.focus());
              }}
              disabled={pending}
            >
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : (
        <button ref={opener} type="button" className="btn secondary" onClick={() => setConfirming(true)}>
          {t("withdraw")}
        </button>
      )}
    </div>
  );
}
