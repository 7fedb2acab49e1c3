"use client";

import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { previewRequestAction, submitRequestAction } from "@/app/(patient)/requests/new/actions";
import { useErrorText, useFailureText } from "@/components/ui/use-error-text";
import type { ActionFailure } from "@/lib/actions/result";
import type { RequestType } from "@/lib/domain/values";
import type { FormRecords } from "@/lib/requests/form-records";
import type { ExpectedDue } from "@/lib/requests/expected-due";
import { needsRealNameCheck } from "@/lib/requests/identity-rule";
import type { SubmitInputT } from "@/lib/requests/submit-schema";
import { focusFirstInvalid, NETWORK_FAILURE } from "../form-helpers";
import { ActingForSection } from "./acting-for";
import { DecisionFields } from "./automated-decision";
import { CancellationFields } from "./cancellation";
import { CategoriesFields } from "./categories";
import { ComplaintFields } from "./complaint";
import { ConsentFields } from "./consent";
import { CorrectionFields } from "./correction";
import { DeletionFields } from "./deletion";
import { TextArea } from "./fields";
import { useRequestFormState, type EditValues } from "./form-state";
import { defaultsFor, MAX, newKey, type FamilyMemberOption, type MyRequestOption } from "./form-types";
import { IdentitySection } from "./identity";
import { ReviewSummary } from "./review";

export type { MyRequestOption } from "./form-types";

/** Texts as the server's schema reads them (trimmed): what the review shows and filing sends. */
function trimmed(v: unknown): unknown {
  if (typeof v === "string") return v.trim();
  if (Array.isArray(v)) return v.map(trimmed);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, trimmed(x)]));
  return v;
}

/**
 * The values the server's review check has just accepted, as its schema gives them (lib/requests/submit-schema.ts):
 * texts trimmed, the lists it defaults present. (Typed by that acceptance: the browser has no schema to parse them.)
 */
const accepted = (v: EditValues) =>
  ({ proofAttachmentIds: [], proofKinds: {}, description: "", ...(trimmed(v) as object) }) as unknown as SubmitInputT;

type Review = { values: SubmitInputT; due: ExpectedDue };

/**
 * The request wizard: the form of one type (its fields, who it is for, the identity check), then a review with
 * the reply date, then filing — never twice for one idempotency key. The server checks the form (the review
 * action runs the filing's own schema and checks, lib/requests/submit-schema.ts): no schema or form library is
 * sent to the browser (issue 17); the server's field errors land on their fields, and a field's error goes
 * when the patient changes it.
 */
export function RequestForm({
  type,
  records,
  myRequests,
  relatedRequestRef,
  expected,
  familyMembers = [],
}: {
  type: RequestType;
  records: FormRecords;
  /** The 就诊人 of the patient's account, whom they may file for. */
  familyMembers?: FamilyMemberOption[];
  myRequests: MyRequestOption[];
  relatedRequestRef?: string;
  expected: ExpectedDue;
}) {
  const t = useTranslations("portal");
  const tRoot = useTranslations();
  const format = useFormatter();
  const failureText = useFailureText();
  const errorText = useErrorText();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const submitting = useRef(false);
  const [idempotencyKey] = useState(newKey);
  const [step, setStep] = useState<"edit" | "review">("edit");
  const [review, setReview] = useState<Review>();
  const [problem, setProblem] = useState<ActionFailure>();
  const [uploading, setUploading] = useState(0);
  const [checking, startChecking] = useTransition();
  const [filing, startFiling] = useTransition();
  // Focus moves after the step has rendered: to the first invalid field, the review heading or the problem.
  const focusNext = useRef<"error" | "review" | "problem" | null>(null);

  const form = useRequestFormState(() => defaultsFor(type, idempotencyKey, relatedRequestRef));
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    // A render in between (the form's own pending state) must not use up the move before its target exists.
    if (target === "review" && !reviewHeading.current) return;
    if (target === "problem" && !document.getElementById("form-problem")) return;
    focusNext.current = null;
    if (target === "error") focusFirstInvalid(formRef.current);
    else if (target === "review") reviewHeading.current?.focus();
    else document.getElementById("form-problem")?.focus();
  });
  const relationship = form.get("relationship") ?? "self";
  const categories = form.get("categories");
  const subjectPatientId = form.get("subjectPatientId");
  const acting = relationship !== "self";
  // About a 就诊人 of the account: only their own records (consultations, photos, prescriptions) can be asked for.
  const forFamilyMember = acting && Boolean(subjectPatientId);
  // Confirmed against the real-name record where the account has one; without one, the SMS sign-in is the check.
  const identityNeeded = records.realNameOnFile && needsRealNameCheck({ type, relationship, categories });
  const blocked = type === "cancellation" && !acting && records.blockers.length > 0;
  // The real-name fields go only with the requests that are checked against it.
  useEffect(() => {
    if (identityNeeded) return;
    form.set("identityName", undefined);
    form.set("identityLast4", undefined);
  }, [identityNeeded, form]);
  const dueText = (d: ExpectedDue) => ({
    date: format.dateTime(new Date(`${d.dueDate}T12:00:00+08:00`), "date"),
    weekday: tRoot(`weekdays.${d.weekday}`),
    days: d.workingDays,
  });
  const onBusy = (busy: boolean) => setUploading((n) => n + (busy ? 1 : -1));

  function onReview(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (checking) return;
    setProblem(undefined);
    focusNext.current = null;
    startChecking(async () => {
      const values = form.values();
      const res = await previewRequestAction(values).catch(() => NETWORK_FAILURE);
      if (res.ok) {
        form.setErrors({});
        focusNext.current = "review";
        setReview({ values: accepted(values), due: res });
        setStep("review");
        return;
      }
      showRefusal(res);
    });
  }

  /** A refused review or filing: its field errors on their fields (back to the form), anything else in the message region. */
  function showRefusal(res: ActionFailure) {
    // A problem of no one field (an unknown request type) is the message region's too.
    const { form: whole, ...fieldErrors } = res.fieldErrors;
    form.setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length > 0) backToEdit();
    else {
      focusNext.current = "problem";
      setProblem(whole ? { ...res, error: whole } : res);
    }
  }

  function backToEdit() {
    focusNext.current = "error";
    setStep("edit");
  }

  function onFile() {
    if (!review || submitting.current) return;
    submitting.current = true;
    setProblem(undefined);
    startFiling(async () => {
      try {
        // A lost answer (network, server restart) is safe to retry: the same idempotency key files at most once.
        const res = await submitRequestAction(review.values).catch(() => NETWORK_FAILURE);
        if (res.ok) {
          router.push(`/requests/${res.ref}/submitted`);
          return;
        }
        showRefusal(res);
      } finally {
        submitting.current = false;
      }
    });
  }

  const duplicateRef = problem?.error === "duplicate" ? String(problem.params?.request ?? "") : "";
  const problemBox = problem && (
    <div id="form-problem" className="alert error" role="alert" tabIndex={-1} data-testid="form-problem">
      <p>{failureText(problem)}</p>
      {duplicateRef && (
        <p>
          <Link href={`/requests/${duplicateRef}`}>{t("form.duplicateLink", { ref: duplicateRef })}</Link>
        </p>
      )}
      {problem.issues && problem.issues.length > 0 && (
        <ul className="portal-blockers" data-testid="blockers">
          {problem.issues.map((issue) => (
            <li key={issue.code}>{errorText(issue.code, issue.params)}</li>
          ))}
        </ul>
      )}
    </div>
  );

  if (step === "review" && review) {
    return (
      <section className="card portal-review" aria-labelledby="review-title" data-testid="review">
        <h2 id="review-title" ref={reviewHeading} tabIndex={-1}>
          {t("review.title")}
        </h2>
        <p className="muted">{t("review.intro")}</p>
        {problemBox}
        <ReviewSummary values={review.values} records={records} myRequests={myRequests} familyMembers={familyMembers} />
        <h3>{t("review.dueTitle")}</h3>
        <p data-testid="review-due">
          <strong>{t("review.due", dueText(review.due))}</strong>
          <br />
          <span className="muted">{t("review.dueDetail", { days: review.due.workingDays })}</span>
          {review.due.provisional && (
            <>
              <br />
              <span className="badge sla-at_risk">{t("form.provisional")}</span>
            </>
          )}
        </p>
        <h3>{t("review.nextTitle")}</h3>
        <ol className="portal-steps">
          <li>{t("review.next1")}</li>
          <li>{t("review.next2")}</li>
          <li>{t("review.next3")}</li>
        </ol>
        <div className="row portal-buttons">
          <button type="button" className="btn secondary" onClick={backToEdit} disabled={filing}>
            {t("review.edit")}
          </button>
          <button type="button" className="btn" onClick={onFile} disabled={filing} aria-disabled={filing} data-testid="submit-request">
            {filing ? t("review.submitting") : t("review.submit")}
          </button>
        </div>
      </section>
    );
  }

  const errorCount = form.errorCount();
  return (
    <form ref={formRef} className="card portal-form" noValidate onSubmit={onReview} data-testid={`form-${type}`}>
      <p className="portal-expected" data-testid="expected-due">
        {t("form.expected", dueText(expected))}
        {expected.provisional && <span className="badge sla-at_risk">{t("form.provisional")}</span>}
      </p>
      {errorCount > 0 && (
        <p className="alert error" role="alert" data-testid="error-summary">
          {t("form.errorSummary", { count: errorCount })}
        </p>
      )}
      {problemBox}

      <ActingForSection form={form} onBusy={onBusy} familyMembers={familyMembers} />

      {(type === "access" || type === "portability" || (type === "deletion" && forFamilyMember)) && (
        <CategoriesFields form={form} type={type} familyMember={forFamilyMember} />
      )}
      {type === "correction" && <CorrectionFields form={form} records={records} onBusy={onBusy} />}
      {type === "deletion" && <DeletionFields form={form} records={records} familyMember={forFamilyMember} />}
      {type === "consent" && <ConsentFields form={form} records={records} />}
      {type === "cancellation" && <CancellationFields records={records} acting={acting} />}
      {type === "automated_decision" && <DecisionFields form={form} records={records} />}
      {type === "complaint" && <ComplaintFields form={form} myRequests={myRequests} />}

      <TextArea
        form={form}
        name="description"
        label={type === "complaint" ? t("form.descriptionRequired") : t("form.description")}
        hint={type === "complaint" ? undefined : t("form.descriptionHint")}
        required={type === "complaint"}
        max={MAX.description}
      />

      {identityNeeded && <IdentitySection form={form} />}

      <div className="row portal-buttons">
        <button type="submit" className="btn" disabled={checking || uploading > 0 || blocked} data-testid="review-request">
          {checking ? t("form.reviewing") : t("form.review")}
        </button>
      </div>
    </form>
  );
}
