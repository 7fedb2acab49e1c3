"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useFieldArray, useForm, type FieldErrors as RhfErrors, type Resolver, type UseFormReturn } from "react-hook-form";
import { previewRequestAction, submitRequestAction, type FieldErrors } from "@/app/(patient)/requests/new/actions";
import { RELATIONSHIPS, type ConsentKey, type Relationship, type RequestStatus, type RequestType } from "@/lib/domain/values";
import type { CancellationBlocker } from "@/lib/platform/ownership";
import type { PatientRecords } from "@/lib/platform/patient-records";
import { DATA_CATEGORIES, DELETION_GROUNDS, HEALTH_CATEGORIES, type CorrectableField, type DataCategory, type DeletionGround } from "@/lib/requests/categories";
import type { ExpectedDue } from "@/lib/requests/expected-due";
import { needsRealNameCheck } from "@/lib/requests/identity-rule";
import { SubmitInput } from "@/lib/requests/submit-schema";
import { maskPhone } from "@/lib/text/mask";
import { FileUpload } from "./file-upload";
import { PolicyQuote } from "./policy-quote";
import { focusFirstInvalid, usePortalError } from "./use-portal-error";

type Correction = { field: CorrectableField | ""; recordId: string; requested: string };

export type RequestFormValues = {
  type: RequestType;
  idempotencyKey: string;
  relationship: Relationship;
  subjectName?: string;
  subjectPhone?: string;
  proofAttachmentIds: string[];
  identityName?: string;
  identityLast4?: string;
  description: string;
  categories: DataCategory[];
  items: { category: DataCategory; id: string }[];
  ground?: DeletionGround;
  corrections: Correction[];
  reason: string;
  evidenceAttachmentIds: string[];
  consents: ConsentKey[];
  decisionId?: string;
  dispute: string;
  complaintAbout: "general" | "request";
  relatedRequestRef?: string;
};

export type MyRequestOption = { ref: string; type: RequestType; status: RequestStatus };

const MAX = { description: 5000, reason: 2000, dispute: 2000 } as const;

/** A v4 UUID even where crypto.randomUUID is missing (plain-http pages are not a secure context). */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What is sent: only the fields this type and these choices use; blanks as absent. */
function clean(v: RequestFormValues): Record<string, unknown> {
  const self = v.relationship === "self";
  const blank = (s: string | undefined) => (s === undefined || s.trim() === "" ? undefined : s);
  const out: Record<string, unknown> = {
    type: v.type,
    idempotencyKey: v.idempotencyKey,
    relationship: v.relationship,
    subjectName: self ? undefined : blank(v.subjectName) ?? "",
    subjectPhone: self ? undefined : blank(v.subjectPhone),
    proofAttachmentIds: self ? [] : v.proofAttachmentIds,
    description: v.description ?? "",
  };
  if (needsRealNameCheck({ type: v.type, relationship: v.relationship, categories: v.categories })) {
    out.identityName = v.identityName ?? "";
    out.identityLast4 = v.identityLast4 ?? "";
  }
  switch (v.type) {
    case "access":
    case "portability":
      out.categories = v.categories;
      break;
    case "correction":
      out.corrections = v.corrections;
      out.reason = v.reason;
      out.evidenceAttachmentIds = v.evidenceAttachmentIds;
      break;
    case "deletion":
      out.categories = v.categories;
      out.items = v.items.filter((i) => !v.categories.includes(i.category));
      out.ground = v.ground;
      break;
    case "consent":
      out.consents = v.consents;
      break;
    case "automated_decision":
      out.decisionId = v.decisionId ?? "";
      out.dispute = v.dispute;
      break;
    case "complaint":
      out.relatedRequestRef = v.complaintAbout === "request" ? (v.relatedRequestRef ?? "") : undefined;
      break;
  }
  return out;
}

const schemaResolver = zodResolver(SubmitInput);
const resolver: Resolver<RequestFormValues> = async (values, ctx, opts) => {
  const cleaned = clean(values);
  const result = await schemaResolver(cleaned as never, ctx, opts as never);
  const errors = { ...result.errors } as RhfErrors<RequestFormValues>;
  // The schema leaves the real-name fields optional (the server answers identity_required); the form asks for
  // them up front whenever the server will check them.
  if ("identityName" in cleaned) {
    if (!String(cleaned.identityName ?? "").trim() && !errors.identityName) errors.identityName = { type: "required", message: "required" };
    if (!String(cleaned.identityLast4 ?? "").trim() && !errors.identityLast4) errors.identityLast4 = { type: "required", message: "required" };
  }
  // Keep the form's own values (the review shows them); the server gets the cleaned ones.
  return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
};

function countErrors(e: unknown): number {
  if (!e || typeof e !== "object") return 0;
  if ("message" in e && typeof (e as { message: unknown }).message === "string" && (e as { message: string }).message) return 1;
  return Object.entries(e as Record<string, unknown>)
    .filter(([k]) => k !== "ref" && k !== "type")
    .reduce((n, [, v]) => n + countErrors(v), 0);
}

type Review = { values: RequestFormValues; due: ExpectedDue };
type FormProblem = { code: string; duplicateRef?: string; blockers?: CancellationBlocker[] };

export function RequestForm({
  type,
  records,
  myRequests,
  relatedRequestRef,
  expected,
}: {
  type: RequestType;
  records: PatientRecords;
  myRequests: MyRequestOption[];
  relatedRequestRef?: string;
  expected: ExpectedDue;
}) {
  const t = useTranslations("portal");
  const tRoot = useTranslations();
  const format = useFormatter();
  const errorText = usePortalError();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const submitting = useRef(false);
  const [idempotencyKey] = useState(newKey);
  const [step, setStep] = useState<"edit" | "review">("edit");
  const [review, setReview] = useState<Review>();
  const [problem, setProblem] = useState<FormProblem>();
  const [uploading, setUploading] = useState(0);
  const [checking, startChecking] = useTransition();
  const [filing, startFiling] = useTransition();

  const form = useForm<RequestFormValues>({
    resolver,
    shouldFocusError: false,
    defaultValues: {
      type,
      idempotencyKey,
      relationship: "self",
      proofAttachmentIds: [],
      description: "",
      categories: [],
      items: [],
      corrections: type === "correction" ? [{ field: "", recordId: "", requested: "" }] : [],
      reason: "",
      evidenceAttachmentIds: [],
      consents: [],
      dispute: "",
      complaintAbout: relatedRequestRef ? "request" : "general",
      relatedRequestRef,
    },
  });
  const { errors, submitCount } = form.formState;
  // Focus moves after the step has rendered: to the first invalid field, the review heading or the problem.
  const focusNext = useRef<"error" | "review" | "problem" | null>(null);
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    if (target === "error") focusFirstInvalid(formRef.current);
    else if (target === "review") reviewHeading.current?.focus();
    else document.getElementById("form-problem")?.focus();
  });
  const values = form.watch();
  const acting = values.relationship !== "self";
  const identityNeeded = needsRealNameCheck({ type, relationship: values.relationship, categories: values.categories });
  const blocked = type === "cancellation" && !acting && records.blockers.length > 0;
  const noRealName = identityNeeded && !acting && !records.realName;
  const dueText = (d: ExpectedDue) => ({
    date: format.dateTime(new Date(`${d.dueDate}T12:00:00+08:00`), { year: "numeric", month: "long", day: "numeric", timeZone: "Asia/Shanghai" }),
    weekday: tRoot(`weekdays.${d.weekday}`),
    days: d.workingDays,
  });

  function applyServerErrors(fieldErrors: FieldErrors | undefined) {
    if (!fieldErrors) return false;
    let any = false;
    for (const [path, code] of Object.entries(fieldErrors)) {
      if (path === "form") continue;
      form.setError(path as never, { type: "server", message: code });
      any = true;
    }
    return any;
  }

  function backToEdit() {
    focusNext.current = "error";
    setStep("edit");
  }

  const onReview = form.handleSubmit(
    (v) => {
      setProblem(undefined);
      startChecking(async () => {
        const res = await previewRequestAction(clean(v)).catch(() => ({ ok: false as const, error: "network" }));
        if (res.ok) {
          focusNext.current = "review";
          setReview({ values: v, due: res });
          setStep("review");
        } else if ("fieldErrors" in res && applyServerErrors(res.fieldErrors)) {
          focusNext.current = "error";
        } else {
          focusNext.current = "problem";
          setProblem({ code: res.error ?? "invalid" });
        }
      });
    },
    () => focusFirstInvalid(formRef.current),
  );

  function onFile() {
    if (!review || submitting.current) return;
    submitting.current = true;
    setProblem(undefined);
    startFiling(async () => {
      try {
        // A lost answer (network, server restart) is safe to retry: the same idempotency key files at most once.
        const res = await submitRequestAction(clean(review.values)).catch(() => ({ ok: false as const, error: "network" as const }));
        if (res.ok) {
          router.push(`/requests/${res.ref}/submitted`);
          return;
        }
        if (res.error === "identity_mismatch" || res.error === "identity_required" || res.error === "identity_locked" || res.error === "no_real_name") {
          form.setError("identityLast4", { type: "server", message: res.error });
          if (res.error === "identity_required") form.setError("identityName", { type: "server", message: "required" });
          backToEdit();
        } else if (res.error === "invalid" && "fieldErrors" in res && applyServerErrors(res.fieldErrors)) {
          backToEdit();
        } else {
          focusNext.current = "problem";
          setProblem("duplicateRef" in res ? { code: res.error, duplicateRef: res.duplicateRef, blockers: res.blockers } : { code: res.error });
        }
      } finally {
        submitting.current = false;
      }
    });
  }

  const problemBox = problem && (
    <div id="form-problem" className="alert error" role="alert" tabIndex={-1} data-testid="form-problem">
      <p>{errorText(problem.code, problem.duplicateRef ? { ref: problem.duplicateRef } : {})}</p>
      {problem.duplicateRef && (
        <p>
          <Link href={`/requests/${problem.duplicateRef}`}>{t("errors.duplicateLink", { ref: problem.duplicateRef })}</Link>
        </p>
      )}
      {problem.blockers && <BlockerList blockers={problem.blockers} />}
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
        <ReviewSummary values={review.values} records={records} myRequests={myRequests} />
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

  const errorCount = submitCount > 0 ? countErrors(errors) : 0;
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

      <RelationshipSection form={form} onBusy={(b) => setUploading((n) => n + (b ? 1 : -1))} />

      {(type === "access" || type === "portability") && <CategoriesSection form={form} type={type} />}
      {type === "correction" && <CorrectionSection form={form} records={records} onBusy={(b) => setUploading((n) => n + (b ? 1 : -1))} />}
      {type === "deletion" && <DeletionSection form={form} records={records} />}
      {type === "consent" && <ConsentSection form={form} records={records} />}
      {type === "cancellation" && <CancellationSection records={records} acting={acting} />}
      {type === "automated_decision" && <DecisionSection form={form} records={records} />}
      {type === "complaint" && <ComplaintSection form={form} myRequests={myRequests} />}

      <TextArea
        form={form}
        name="description"
        label={type === "complaint" ? t("form.descriptionRequired") : t("form.description")}
        hint={type === "complaint" ? undefined : t("form.descriptionHint")}
        required={type === "complaint"}
        max={MAX.description}
      />

      {identityNeeded && <IdentitySection form={form} noRealName={noRealName} />}

      <div className="row portal-buttons">
        <button type="submit" className="btn" disabled={checking || uploading > 0 || blocked || noRealName} data-testid="review-request">
          {checking ? t("form.reviewing") : t("form.review")}
        </button>
      </div>
    </form>
  );
}

type FormProps = { form: UseFormReturn<RequestFormValues> };

/** The error message of a field path, from the form state. */
function useFieldError(form: UseFormReturn<RequestFormValues>, path: string): string | undefined {
  const errorText = usePortalError();
  const e = path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), form.formState.errors) as
    | { message?: string; root?: { message?: string } }
    | undefined;
  return errorText(e?.message ?? e?.root?.message);
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return (
    <p id={id} className="field-error" role={error ? "alert" : undefined}>
      {error}
    </p>
  );
}

function TextInput({
  form,
  name,
  label,
  hint,
  type = "text",
  required,
  autoComplete,
  inputMode,
}: FormProps & {
  name: "subjectName" | "subjectPhone" | "identityName" | "identityLast4";
  label: string;
  hint?: string;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "tel";
}) {
  const t = useTranslations("portal.form");
  const error = useFieldError(form, name);
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field" data-field={name}>
      <label htmlFor={id}>
        {label} {required && <span className="muted">{t("required")}</span>}
      </label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        aria-required={required}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy}
        dir="auto"
        {...form.register(name)}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

function TextArea({
  form,
  name,
  label,
  hint,
  required,
  max,
}: FormProps & { name: "description" | "reason" | "dispute"; label: string; hint?: string; required?: boolean; max: number }) {
  const t = useTranslations("portal.form");
  const error = useFieldError(form, name);
  const value = form.watch(name) ?? "";
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : undefined, `${id}-count`, error ? `${id}-error` : undefined].filter(Boolean).join(" ");
  return (
    <div className="field" data-field={name}>
      <label htmlFor={id}>
        {label} <span className="muted">{required ? t("required") : t("optional")}</span>
      </label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <textarea id={id} rows={4} dir="auto" aria-required={required} aria-invalid={Boolean(error)} aria-describedby={describedBy} {...form.register(name)} />
      <span id={`${id}-count`} className={`hint portal-count${value.length > max ? " over" : ""}`}>
        {t("chars", { count: value.length, max })}
      </span>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

function RelationshipSection({ form, onBusy }: FormProps & { onBusy: (busy: boolean) => void }) {
  const t = useTranslations("portal.form");
  const tRoot = useTranslations();
  const relationship = form.watch("relationship");
  const proofError = useFieldError(form, "proofAttachmentIds");
  return (
    <fieldset className="portal-group" data-field="relationship">
      <legend>{t("who")}</legend>
      {RELATIONSHIPS.map((r) => (
        <label key={r} className="portal-choice">
          <input
            type="radio"
            value={r}
            {...form.register("relationship", {
              onChange: () => {
                form.setValue("subjectName", undefined);
                form.setValue("subjectPhone", undefined);
                form.setValue("proofAttachmentIds", []);
              },
            })}
          />
          <span>
            <strong>{tRoot(`relationships.${r}`)}</strong>
            <span className="hint">{t(`relationshipHint.${r}`)}</span>
          </span>
        </label>
      ))}
      {relationship !== "self" && (
        <div className="portal-acting" data-testid="acting-for">
          <PolicyQuote clause={relationship} compact />
          <TextInput form={form} name="subjectName" label={t("subjectName")} hint={t("subjectNameHint")} required autoComplete="off" />
          <TextInput form={form} name="subjectPhone" label={t("subjectPhone")} hint={t("subjectPhoneHint")} type="tel" inputMode="numeric" required autoComplete="off" />
          <FileUpload
            key={relationship}
            id="f-proofAttachmentIds"
            label={`${t("proof")} ${t("required")}`}
            hint={t(`proofHint.${relationship}`)}
            purpose="proof"
            error={proofError}
            onBusyChange={onBusy}
            onChange={(ids) => form.setValue("proofAttachmentIds", ids, { shouldValidate: form.formState.isSubmitted })}
          />
        </div>
      )}
    </fieldset>
  );
}

function CheckboxList<T extends string>({
  id,
  legend,
  hint,
  options,
  selected,
  onChange,
  error,
  disabled,
}: {
  id: string;
  legend: string;
  hint?: string;
  options: { value: T; label: string; hint?: string; badge?: string; disabled?: boolean; extra?: React.ReactNode }[];
  selected: T[];
  onChange: (next: T[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="portal-group" data-field={id} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {options.map((o) => (
        <div key={o.value} className="portal-option">
          <label className="portal-choice">
            <input
              type="checkbox"
              value={o.value}
              checked={selected.includes(o.value)}
              disabled={disabled || o.disabled}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => onChange(e.currentTarget.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
            />
            <span>
              <strong dir="auto">{o.label}</strong>
              {o.badge && <span className="badge portal-badge">{o.badge}</span>}
              {o.hint && (
                <span className="hint" dir="auto">
                  {o.hint}
                </span>
              )}
            </span>
          </label>
          {o.extra}
        </div>
      ))}
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}

function CategoriesSection({ form, type }: FormProps & { type: "access" | "portability" }) {
  const t = useTranslations("portal");
  const tRoot = useTranslations();
  const selected = form.watch("categories");
  const error = useFieldError(form, "categories");
  return (
    <>
      <CheckboxList
        id="f-categories"
        legend={t("form.categories")}
        hint={type === "portability" ? `${t("form.categoriesHint")} ${t("form.portabilityHint")}` : t("form.categoriesHint")}
        options={DATA_CATEGORIES.map((c) => ({
          value: c,
          label: tRoot(`categories.${c}`),
          hint: t(`categoryHints.${c}`),
          badge: HEALTH_CATEGORIES.includes(c) ? t("form.needsIdentity") : undefined,
        }))}
        selected={selected}
        error={error}
        onChange={(next) => form.setValue("categories", next, { shouldValidate: form.formState.isSubmitted })}
      />
    </>
  );
}

function correctableLabel(t: ReturnType<typeof useTranslations>, tRoot: ReturnType<typeof useTranslations>, c: { field: CorrectableField; addressIndex?: number }) {
  const [record] = c.field.split(".") as [string, string];
  const group = record === "address" ? t("form.addressN", { n: (c.addressIndex ?? 0) + 1 }) : tRoot(`categories.${record}`);
  return `${group} · ${t(`fields.${c.field}`)}`;
}

function displayValue(t: ReturnType<typeof useTranslations>, field: CorrectableField | "", value: string) {
  if (!value) return t("form.empty");
  if (field === "account.gender" && (value === "male" || value === "female")) return t(`genders.${value}`);
  return value;
}

function CorrectionSection({ form, records, onBusy }: FormProps & { records: PatientRecords; onBusy: (busy: boolean) => void }) {
  const t = useTranslations("portal");
  const tRoot = useTranslations();
  const errorText = usePortalError();
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "corrections" });
  const corrections = form.watch("corrections");
  const rootError = useFieldError(form, "corrections");
  const evidenceError = useFieldError(form, "evidenceAttachmentIds");
  const byKey = new Map(records.correctable.map((c) => [`${c.field}|${c.recordId}`, c]));
  if (records.correctable.length === 0) {
    return (
      <p className="alert warn" role="status" data-testid="no-records">
        {t("form.noRecords")}
      </p>
    );
  }
  const groups = new Map<string, typeof records.correctable>();
  for (const c of records.correctable) {
    const [record] = c.field.split(".") as [string];
    const g = record === "address" ? t("form.addressN", { n: (c.addressIndex ?? 0) + 1 }) : tRoot(`categories.${record}`);
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  return (
    <section className="portal-group" aria-labelledby="corrections-title" data-field="corrections">
      <h2 id="corrections-title" className="portal-legend">
        {t("form.correctionsTitle")}
      </h2>
      <p className="hint">{t("form.correctionsHint")}</p>
      {fields.map((row, i) => {
        const c = corrections[i];
        const key = c?.field ? `${c.field}|${c.recordId}` : "";
        const current = byKey.get(key);
        const fieldErr = form.formState.errors.corrections?.[i]?.field?.message ?? form.formState.errors.corrections?.[i]?.recordId?.message;
        const fieldError = fieldErr ? errorText(c?.field ? fieldErr : "required") : undefined;
        const requestedError = errorText(form.formState.errors.corrections?.[i]?.requested?.message);
        const sid = `f-corrections-${i}-field`;
        const rid = `f-corrections-${i}-requested`;
        const field = c?.field ?? "";
        return (
          <fieldset key={row.id} className="portal-correction" data-testid={`correction-${i}`}>
            <legend>{t("form.correctionN", { n: i + 1 })}</legend>
            <div className="field">
              <label htmlFor={sid}>{t("form.correctionField")}</label>
              <select
                id={sid}
                value={key}
                aria-invalid={Boolean(fieldError)}
                aria-describedby={[current ? `${sid}-current` : undefined, fieldError ? `${sid}-error` : undefined].filter(Boolean).join(" ") || undefined}
                onChange={(e) => {
                  const chosen = byKey.get(e.currentTarget.value);
                  form.setValue(`corrections.${i}.field`, chosen?.field ?? "");
                  form.setValue(`corrections.${i}.recordId`, chosen?.recordId ?? "");
                  form.setValue(`corrections.${i}.requested`, "");
                  if (form.formState.isSubmitted) void form.trigger("corrections");
                }}
              >
                <option value="">{t("form.chooseField")}</option>
                {[...groups].map(([g, list]) => (
                  <optgroup key={g} label={g}>
                    {list.map((o) => (
                      <option key={`${o.field}|${o.recordId}`} value={`${o.field}|${o.recordId}`}>
                        {t("form.fieldOption", { field: t(`fields.${o.field}`), value: displayValue(t, o.field, o.current) })}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {current && (
                <span id={`${sid}-current`} className="hint" dir="auto">
                  {correctableLabel(t, tRoot, current)} — {t("form.currentValue", { value: displayValue(t, current.field, current.current) })}
                </span>
              )}
              <FieldError id={`${sid}-error`} error={fieldError} />
            </div>
            <div className="field">
              <label htmlFor={rid}>{t("form.correctedValue")}</label>
              {field === "account.gender" ? (
                <select id={rid} aria-invalid={Boolean(requestedError)} aria-describedby={requestedError ? `${rid}-error` : undefined} {...form.register(`corrections.${i}.requested`)}>
                  <option value="">{t("form.chooseField")}</option>
                  <option value="male">{t("genders.male")}</option>
                  <option value="female">{t("genders.female")}</option>
                </select>
              ) : (
                <input
                  id={rid}
                  dir="auto"
                  type={field === "account.birthDate" ? "date" : field === "account.email" ? "email" : field === "address.phone" ? "tel" : "text"}
                  inputMode={field === "address.phone" || field === "address.postalCode" ? "numeric" : undefined}
                  aria-invalid={Boolean(requestedError)}
                  aria-describedby={requestedError ? `${rid}-error` : undefined}
                  {...form.register(`corrections.${i}.requested`)}
                />
              )}
              <FieldError id={`${rid}-error`} error={requestedError} />
            </div>
            {fields.length > 1 && (
              <button type="button" className="btn link" onClick={() => remove(i)}>
                {t("form.removeCorrection")}
              </button>
            )}
          </fieldset>
        );
      })}
      {fields.length < 20 && (
        <button type="button" className="btn secondary" onClick={() => append({ field: "", recordId: "", requested: "" })}>
          {t("form.addCorrection")}
        </button>
      )}
      <FieldError id="f-corrections-error" error={rootError} />
      <TextArea form={form} name="reason" label={t("form.reason")} hint={t("form.reasonHint")} required max={MAX.reason} />
      <FileUpload
        id="f-evidenceAttachmentIds"
        label={`${t("form.evidence")} ${t("form.optional")}`}
        hint={t("form.evidenceHint")}
        purpose="evidence"
        error={evidenceError}
        onBusyChange={onBusy}
        onChange={(ids) => form.setValue("evidenceAttachmentIds", ids)}
      />
    </section>
  );
}

function DeletionSection({ form, records }: FormProps & { records: PatientRecords }) {
  const t = useTranslations("portal");
  const tRoot = useTranslations();
  const format = useFormatter();
  const categories = form.watch("categories");
  const items = form.watch("items");
  const ground = form.watch("ground");
  const categoryError = useFieldError(form, "categories");
  const itemsError = useFieldError(form, "items");
  const categoriesError = categoryError ?? itemsError;
  const groundError = useFieldError(form, "ground");
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium" }) : "");
  const revalidate = () => form.formState.isSubmitted && void form.trigger(["categories", "items"]);
  return (
    <>
      <PolicyQuote clause="deletion" compact />
      <CheckboxList
        id="f-categories"
        legend={t("form.deletionWhat")}
        hint={t("form.deletionWhatHint")}
        options={DATA_CATEGORIES.map((c) => {
          // Listed one by one: the categories with a registry `view` (lib/categories/registry.ts).
          const list = records.items[c] ?? [];
          const chosenHere = items.filter((i) => i.category === c).map((i) => i.id);
          return {
            value: c,
            label: tRoot(`categories.${c}`),
            hint: t(`categoryHints.${c}`),
            extra:
              list.length > 0 && !categories.includes(c) ? (
                <details className="portal-items" data-testid={`items-${c}`}>
                  <summary>{t("form.chooseItems", { count: list.length })}</summary>
                  <ul>
                    {list.map((item) => {
                      const id = `f-item-${c}-${item.id}`;
                      return (
                        <li key={item.id}>
                          <label className="portal-choice" htmlFor={id}>
                            <input
                              id={id}
                              type="checkbox"
                              checked={chosenHere.includes(item.id)}
                              disabled={item.restrictedUntil !== null}
                              onChange={(e) => {
                                const others = items.filter((x) => !(x.category === c && x.id === item.id));
                                form.setValue("items", e.currentTarget.checked ? [...others, { category: c, id: item.id }] : others);
                                revalidate();
                              }}
                            />
                            <span dir="auto">
                              {item.kind ? `${t(`photoKinds.${item.kind}`)} · ` : ""}
                              {item.title}
                              {item.detail ? ` · ${item.detail}` : ""}
                              {item.at ? <span className="muted"> · {when(item.at)}</span> : null}
                              {item.restrictedUntil !== null && (
                                <span className="badge sla-at_risk">{t("form.restrictedUntil", { date: item.restrictedUntil || "—" })}</span>
                              )}
                            </span>
                          </label>
                        </li>
                      );
                    })}
                  </ul>
                </details>
              ) : undefined,
          };
        })}
        selected={categories}
        error={categoriesError}
        onChange={(next) => {
          form.setValue("categories", next);
          revalidate();
        }}
      />
      <fieldset className="portal-group" data-field="ground" aria-describedby={["f-ground-hint", groundError ? "f-ground-error" : undefined].filter(Boolean).join(" ")}>
        <legend>
          {t("form.ground")} <span className="muted">{t("form.required")}</span>
        </legend>
        <p id="f-ground-hint" className="hint">
          {t("form.groundHint")}
        </p>
        {DELETION_GROUNDS.map((g) => (
          <label key={g} className="portal-choice">
            <input
              type="radio"
              name="ground"
              value={g}
              checked={ground === g}
              aria-invalid={Boolean(groundError)}
              aria-describedby={groundError ? "f-ground-error" : undefined}
              onChange={() => form.setValue("ground", g, { shouldValidate: form.formState.isSubmitted })}
            />
            <span>{t(`grounds.${g}`)}</span>
          </label>
        ))}
        <FieldError id="f-ground-error" error={groundError} />
      </fieldset>
      <section className="alert warn portal-notice" aria-labelledby="deletion-notice" data-testid="deletion-notice">
        <h2 id="deletion-notice" className="portal-legend">
          {t("form.deletionNoticeTitle")}
        </h2>
        <ul>
          <li>{t("form.deletionRetention")}</li>
          <li>{t("form.deletionRecipients")}</li>
          <li>{t("form.deletionBackups")}</li>
        </ul>
      </section>
    </>
  );
}

function ConsentSection({ form, records }: FormProps & { records: PatientRecords }) {
  const t = useTranslations("portal");
  const format = useFormatter();
  const selected = form.watch("consents");
  const error = useFieldError(form, "consents");
  const anyGranted = records.consents.some((c) => c.granted);
  return (
    <>
      <PolicyQuote clause="consent" compact />
      {!anyGranted && (
        <p className="alert warn" role="status">
          {t("form.noConsents")}
        </p>
      )}
      <CheckboxList
        id="f-consents"
        legend={t("form.consentsTitle")}
        hint={t("form.consentsHint")}
        options={records.consents.map((c) => ({
          value: c.key,
          label: t(`consentKeys.${c.key}`),
          badge: c.granted ? t("form.granted") : t("form.notGranted"),
          hint: c.changedAt ? t("form.since", { date: format.dateTime(new Date(c.changedAt), { dateStyle: "medium" }) }) : undefined,
          disabled: !c.granted,
        }))}
        selected={selected}
        error={error}
        onChange={(next) => form.setValue("consents", next, { shouldValidate: form.formState.isSubmitted })}
      />
      <p className="alert info portal-notice" data-testid="consent-note">
        {t("form.consentNote")}
      </p>
    </>
  );
}

function BlockerList({ blockers }: { blockers: CancellationBlocker[] }) {
  const t = useTranslations("portal.blockers");
  return (
    <ul className="portal-blockers" data-testid="blockers">
      {blockers.map((b) => (
        <li key={b}>
          <strong>{t(b)}</strong> {t(`${b}_todo`)}
        </li>
      ))}
    </ul>
  );
}

function CancellationSection({ records, acting }: { records: PatientRecords; acting: boolean }) {
  const t = useTranslations("portal.form");
  return (
    <>
      <PolicyQuote clause="cancellation" compact />
      {!acting && (
        <section className="portal-group" aria-labelledby="cancel-checks">
          <h2 id="cancel-checks" className="portal-legend">
            {t("cancellationTitle")}
          </h2>
          {records.blockers.length === 0 ? (
            <p className="alert info" data-testid="cancellation-ok">
              {t("cancellationOk")}
            </p>
          ) : (
            <div className="alert error" role="alert" data-testid="cancellation-blocked">
              <p>{t("cancellationBlocked")}</p>
              <BlockerList blockers={records.blockers} />
            </div>
          )}
        </section>
      )}
      <section className="portal-group" data-testid="cancellation-effects">
        <h2 className="portal-legend">{t("cancellationDeleted")}</h2>
        <p>{t("cancellationDeletedList")}</p>
        <h2 className="portal-legend">{t("cancellationKept")}</h2>
        <p>{t("cancellationKeptList")}</p>
        <p className="alert warn">{t("cancellationFinal")}</p>
      </section>
    </>
  );
}

function DecisionSection({ form, records }: FormProps & { records: PatientRecords }) {
  const t = useTranslations("portal");
  const format = useFormatter();
  const decisionId = form.watch("decisionId");
  const error = useFieldError(form, "decisionId");
  return (
    <>
      <PolicyQuote clause="automated_decision" compact />
      <fieldset className="portal-group" data-field="decisionId" aria-describedby={["f-decision-hint", error ? "f-decision-error" : undefined].filter(Boolean).join(" ")}>
        <legend>
          {t("form.decision")} <span className="muted">{t("form.required")}</span>
        </legend>
        <p id="f-decision-hint" className="hint">
          {t("form.decisionHint")}
        </p>
        {records.decisions.length === 0 && <p className="alert warn">{t("form.noDecisions")}</p>}
        {records.decisions.map((d) => (
          <label key={d.id} className="portal-choice">
            <input
              type="radio"
              name="decisionId"
              value={d.id}
              checked={decisionId === d.id}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? "f-decision-error" : undefined}
              onChange={() => form.setValue("decisionId", d.id, { shouldValidate: form.formState.isSubmitted })}
            />
            <span>
              <strong>{t.has(`decisionKinds.${d.kind}`) ? t(`decisionKinds.${d.kind}`) : d.kind}</strong>{" "}
              <span className="muted">{format.dateTime(new Date(d.decidedAt), { dateStyle: "medium" })}</span>
              <span className="hint" dir="auto">
                {d.outcome}
              </span>
            </span>
          </label>
        ))}
        <FieldError id="f-decision-error" error={error} />
      </fieldset>
      <TextArea form={form} name="dispute" label={t("form.dispute")} hint={t("form.disputeHint")} required max={MAX.dispute} />
    </>
  );
}

function ComplaintSection({ form, myRequests }: FormProps & { myRequests: MyRequestOption[] }) {
  const t = useTranslations("portal.form");
  const tRoot = useTranslations();
  const about = form.watch("complaintAbout");
  const error = useFieldError(form, "relatedRequestRef");
  return (
    <>
      <PolicyQuote clause="complaint" compact />
      <fieldset className="portal-group" data-field="complaintAbout">
        <legend>{t("complaintAbout")}</legend>
        <label className="portal-choice">
          <input type="radio" value="general" {...form.register("complaintAbout")} />
          <span>{t("complaintGeneral")}</span>
        </label>
        <label className="portal-choice">
          <input type="radio" value="request" disabled={myRequests.length === 0} {...form.register("complaintAbout")} />
          <span>
            {t("complaintRequest")}
            {myRequests.length === 0 && <span className="hint">{t("noMyRequests")}</span>}
          </span>
        </label>
        {about === "request" && (
          <div className="field">
            <label htmlFor="f-relatedRequestRef">{t("complaintRequestPick")}</label>
            <select
              id="f-relatedRequestRef"
              aria-invalid={Boolean(error)}
              aria-describedby={error ? "f-relatedRequestRef-error" : undefined}
              {...form.register("relatedRequestRef")}
            >
              <option value="">{t("chooseField")}</option>
              {myRequests.map((r) => (
                <option key={r.ref} value={r.ref}>
                  {r.ref} · {tRoot(`types.${r.type}`)} · {tRoot(`statuses.${r.status}`)}
                </option>
              ))}
            </select>
            <FieldError id="f-relatedRequestRef-error" error={error} />
          </div>
        )}
      </fieldset>
    </>
  );
}

function IdentitySection({ form, noRealName }: FormProps & { noRealName: boolean }) {
  const t = useTranslations("portal.form");
  return (
    <section className="portal-group portal-identity" aria-labelledby="identity-title" data-testid="identity">
      <h2 id="identity-title" className="portal-legend">
        {t("identityTitle")}
      </h2>
      <PolicyQuote clause="identity" compact />
      <p className="hint">{t("identityIntro")}</p>
      {noRealName ? (
        <p className="alert warn" role="status" data-testid="no-real-name">
          {t("noRealName")}
        </p>
      ) : (
        <div className="row">
          <div className="grow">
            <TextInput form={form} name="identityName" label={t("identityName")} required autoComplete="name" />
          </div>
          <div className="grow">
            <TextInput form={form} name="identityLast4" label={t("identityLast4")} hint={t("identityLast4Hint")} required autoComplete="off" />
          </div>
        </div>
      )}
    </section>
  );
}

function ReviewSummary({ values: v, records, myRequests }: { values: RequestFormValues; records: PatientRecords; myRequests: MyRequestOption[] }) {
  const t = useTranslations("portal");
  const tRoot = useTranslations();
  const byKey = new Map(records.correctable.map((c) => [`${c.field}|${c.recordId}`, c]));
  const identity = needsRealNameCheck({ type: v.type, relationship: v.relationship, categories: v.categories });
  const asked: React.ReactNode[] = [];
  if (v.type === "access" || v.type === "portability" || v.type === "deletion") {
    for (const c of v.categories) asked.push(tRoot(`categories.${c}`));
  }
  if (v.type === "deletion") {
    const counts = new Map<DataCategory, number>();
    for (const i of v.items) if (!v.categories.includes(i.category)) counts.set(i.category, (counts.get(i.category) ?? 0) + 1);
    for (const [c, n] of counts) asked.push(t("review.itemsCount", { category: tRoot(`categories.${c}`), count: n }));
  }
  if (v.type === "correction") {
    for (const c of v.corrections) {
      const rec = byKey.get(`${c.field}|${c.recordId}`);
      if (!rec || !c.field) continue;
      asked.push(
        t("review.correctionLine", {
          field: correctableLabel(t, tRoot, rec),
          current: displayValue(t, rec.field, rec.current),
          requested: displayValue(t, rec.field, c.requested),
        }),
      );
    }
  }
  if (v.type === "consent") for (const k of v.consents) asked.push(t(`consentKeys.${k}`));
  if (v.type === "automated_decision") {
    const d = records.decisions.find((x) => x.id === v.decisionId);
    if (d) asked.push(`${t.has(`decisionKinds.${d.kind}`) ? t(`decisionKinds.${d.kind}`) : d.kind}: ${d.outcome}`);
  }
  if (v.type === "complaint") {
    const r = v.complaintAbout === "request" ? myRequests.find((x) => x.ref === v.relatedRequestRef) : undefined;
    asked.push(r ? `${t("review.relatedRequest", { ref: r.ref })} · ${tRoot(`types.${r.type}`)}` : t("review.general"));
  }
  if (v.type === "cancellation") asked.push(tRoot("types.cancellation"));
  return (
    <dl className="portal-summary" data-testid="review-summary">
      <dt>{t("review.type")}</dt>
      <dd>{tRoot(`types.${v.type}`)}</dd>
      <dt>{t("review.for")}</dt>
      <dd dir="auto">
        {v.relationship === "self"
          ? t("review.self")
          : t("review.subject", { relationship: tRoot(`relationships.${v.relationship}`), name: v.subjectName ?? "", phone: maskPhone(v.subjectPhone ?? "") })}
        {v.relationship !== "self" && (
          <>
            <br />
            <span className="muted">{t("review.files", { count: v.proofAttachmentIds.length })}</span>
          </>
        )}
      </dd>
      <dt>{t("review.asked")}</dt>
      <dd>
        <ul>
          {asked.map((a, i) => (
            <li key={i} dir="auto">
              {a}
            </li>
          ))}
        </ul>
      </dd>
      {v.type === "deletion" && v.ground && (
        <>
          <dt>{t("review.ground")}</dt>
          <dd>{t(`grounds.${v.ground}`)}</dd>
        </>
      )}
      {v.type === "correction" && (
        <>
          <dt>{t("review.reason")}</dt>
          <dd className="portal-text" dir="auto">
            {v.reason}
          </dd>
        </>
      )}
      {v.type === "automated_decision" && (
        <>
          <dt>{t("review.dispute")}</dt>
          <dd className="portal-text" dir="auto">
            {v.dispute}
          </dd>
        </>
      )}
      {v.description.trim() && (
        <>
          <dt>{t("review.description")}</dt>
          <dd className="portal-text" dir="auto" data-testid="review-description">
            {v.description}
          </dd>
        </>
      )}
      {identity && (
        <>
          <dt>{t("review.identity")}</dt>
          <dd>{t("review.identityProvided", { name: v.identityName ?? "" })}</dd>
        </>
      )}
    </dl>
  );
}
