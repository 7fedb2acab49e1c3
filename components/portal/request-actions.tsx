"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { feeAction, replyAction, withdrawAction } from "@/app/(patient)/requests/[ref]/actions";
import { Field } from "@/components/ui/field";
import { useErrorText, useFailureText } from "@/components/ui/use-error-text";
import type { ActionFailure, ActionResult } from "@/lib/actions/result";
import { FileUpload } from "./file-upload";
import { focusFirstInvalid, NETWORK_FAILURE } from "./form-helpers";

type PatientActionResult = ActionResult<{ resumed?: boolean }>;

/** Runs a request-page action: a lost connection is a failure too, and a changed request reloads the page. */
function usePatientAction() {
  const router = useRouter();
  return async (call: () => Promise<PatientActionResult>): Promise<PatientActionResult> => {
    const res = await call().catch(() => NETWORK_FAILURE);
    if (res.ok || res.error === "request_changed") router.refresh();
    return res;
  };
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
 * The server action checks the message (ReplyInput) and names the field at fault: the page ships no form library or
 * schema for one text box (first-load size, issue 17).
 */
export function ReplyForm({
  refCode,
  version,
  mode,
  purpose,
}: {
  refCode: string;
  version: number;
  mode: "answer" | "message";
  purpose: "proof" | "message";
}) {
  const t = useTranslations("portal.detail");
  const tForm = useTranslations("portal.form");
  const errorText = useErrorText();
  const failureText = useFailureText();
  const run = usePatientAction();
  const formRef = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [uploadKey, setUploadKey] = useState(0);
  const [message, setMessage] = useState("");
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [sent, setSent] = useState(false);
  const [pending, start] = useTransition();
  const err = errorText(failure?.fieldErrors.message);
  const filesErr = errorText(failure?.fieldErrors.attachmentIds);
  const id = `reply-${mode}`;
  // Once the refusal is on the page (its fields marked invalid), focus goes to the first of them.
  useEffect(() => {
    if (failure) focusFirstInvalid(formRef.current);
  }, [failure]);

  const send = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    start(async () => {
      setFailure(null);
      setSent(false);
      // The version the page shows now: it changes when the page reloads after an answer.
      const res = await run(() => replyAction({ ref: refCode, version, message, attachmentIds }));
      if (res.ok) {
        setSent(true);
        setMessage("");
        setAttachmentIds([]);
        setUploadKey((k) => k + 1);
      } else {
        setFailure(res);
      }
    });
  };

  return (
    <form ref={formRef} noValidate onSubmit={send} className="portal-reply" data-testid={`reply-${mode}`}>
      <Outcome
        message={sent ? (mode === "answer" ? t("answered") : t("sent")) : undefined}
        error={failure && Object.keys(failure.fieldErrors).length === 0 ? failureText(failure) : undefined}
      />
      <Field id={id} label={mode === "answer" ? t("answer") : t("message")} hint={mode === "answer" ? t("answerHint") : t("messageHint")} error={err}>
        {(describedBy, invalid) => (
          <>
            <textarea
              id={id}
              name="message"
              rows={4}
              dir="auto"
              aria-required
              aria-invalid={invalid}
              aria-describedby={[describedBy, `${id}-count`].filter(Boolean).join(" ")}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
            />
            <span id={`${id}-count`} className={`hint portal-count${message.length > 5000 ? " over" : ""}`}>
              {tForm("chars", { count: message.length, max: 5000 })}
            </span>
          </>
        )}
      </Field>
      <FileUpload
        key={uploadKey}
        id={`${id}-files`}
        label={`${t("attachFiles")} ${tForm("optional")}`}
        purpose={purpose}
        error={filesErr}
        onBusyChange={setBusy}
        onChange={setAttachmentIds}
      />
      <button type="submit" className="btn" disabled={pending || busy}>
        {pending ? t("sending") : mode === "answer" ? t("sendAnswer") : t("sendMessage")}
      </button>
    </form>
  );
}

/** Accepting or declining a quoted fee; declining ends the request as refused (§8.7), so it asks first. */
export function FeeAnswer({ refCode, version }: { refCode: string; version: number }) {
  const t = useTranslations("portal.detail");
  const failureText = useFailureText();
  const run = usePatientAction();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState<string>();
  const answer = (accept: boolean) =>
    start(async () => {
      setFailure(undefined);
      const res = await run(() => feeAction({ ref: refCode, version, accept }));
      if (res.ok) setDone(accept ? t("feeAccepted") : t("feeDeclined"));
      else setFailure(failureText(res));
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
  const failureText = useFailureText();
  const run = usePatientAction();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string>();
  const opener = useRef<HTMLButtonElement>(null);
  const withdraw = () =>
    start(async () => {
      setFailure(undefined);
      const res = await run(() => withdrawAction({ ref: refCode, version }));
      if (res.ok) setConfirming(false);
      else setFailure(failureText(res));
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
