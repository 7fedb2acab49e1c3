"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { logIntakeAction } from "@/app/(staff)/queue/new/actions";
import { FileUpload } from "@/components/portal/file-upload";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { INTAKE_CHANNELS, INTAKE_IDENTITY_CHECKS, REQUEST_TYPES } from "@/lib/domain/values";
import { IntakeInput, isCategoryType } from "@/lib/requests/intake-schema";
import { DATA_CATEGORIES, DELETION_GROUNDS } from "@/lib/requests/categories";
import { FormMessage } from "./actions/form-message";

/**
 * The intake form: how and when the request came in, what is asked, who asks (name and phone: the contact for
 * the answer and the account it belongs to), the identity check performed, and what came with it. On success
 * the request's own page opens, with its deadline counted from the time of receipt.
 */
export function IntakeForm({ today, time, idempotencyKey }: { today: string; time: string; idempotencyKey: string }) {
  const t = useTranslations("staff.intake");
  const tt = useTranslations();
  const errorText = useErrorText();
  const router = useRouter();
  const [uploading, setUploading] = useState(false);
  const f = useActionForm({
    schema: IntakeInput,
    action: (input) => logIntakeAction(input),
    defaultValues: {
      idempotencyKey,
      channel: "phone",
      receivedDate: today,
      receivedTime: time,
      type: "" as never,
      categories: [],
      ground: "",
      description: "",
      patientName: "",
      patientPhone: "",
      locale: "zh-CN",
      identityCheck: "" as never,
      identityNote: "",
      attachmentIds: [],
    },
    resetOnSuccess: false,
    onSuccess: (result) => router.push(`/queue/${result.ref}`),
  });
  const type = f.form.watch("type");
  const err = (name: string) => errorText(f.fieldError(name));
  return (
    <form onSubmit={f.onSubmit} noValidate className="card" data-testid="intake-form">
      <FormMessage success={null} failure={f.failure} />
      <div className="row">
        <Field id="intake-channel" label={t("channel")} error={err("channel")}>
          {(describedBy, invalid) => (
            <select id="intake-channel" aria-describedby={describedBy} aria-invalid={invalid} {...f.form.register("channel")}>
              {INTAKE_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {tt(`staff.request.channel_${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="intake-date" label={t("receivedDate")} hint={t("receivedHint")} error={err("receivedDate")}>
          {(describedBy, invalid) => (
            <input
              id="intake-date"
              type="date"
              max={today}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              {...f.form.register("receivedDate")}
            />
          )}
        </Field>
        <Field id="intake-time" label={t("receivedTime")} error={err("receivedTime")}>
          {(describedBy, invalid) => (
            <input id="intake-time" type="time" aria-describedby={describedBy} aria-invalid={invalid} {...f.form.register("receivedTime")} />
          )}
        </Field>
      </div>
      <Field id="intake-type" label={t("type")} error={err("type")}>
        {(describedBy, invalid) => (
          <select id="intake-type" aria-describedby={describedBy} aria-invalid={invalid} {...f.form.register("type")}>
            <option value="">{t("choose")}</option>
            {REQUEST_TYPES.map((v) => (
              <option key={v} value={v}>
                {tt(`types.${v}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {type && isCategoryType(type) && (
        <fieldset aria-describedby="intake-categories-error" aria-invalid={Boolean(err("categories"))}>
          <legend>{t("categories")}</legend>
          {DATA_CATEGORIES.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" value={c} {...f.form.register("categories")} /> {tt(`staff.platform.category_${c}`)}
            </label>
          ))}
          <p id="intake-categories-error" className="field-error" role={err("categories") ? "alert" : undefined}>
            {err("categories")}
          </p>
        </fieldset>
      )}
      {type === "deletion" && (
        <Field id="intake-ground" label={t("ground")} error={err("ground")}>
          {(describedBy, invalid) => (
            <select id="intake-ground" aria-describedby={describedBy} aria-invalid={invalid} {...f.form.register("ground")}>
              <option value="">{t("choose")}</option>
              {DELETION_GROUNDS.map((g) => (
                <option key={g} value={g}>
                  {tt(`staff.values.ground.${g}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id="intake-description" label={t("description")} hint={t("descriptionHint")} error={err("description")}>
        {(describedBy, invalid) => (
          <textarea id="intake-description" rows={4} aria-describedby={describedBy} aria-invalid={invalid} {...f.form.register("description")} />
        )}
      </Field>
      <div className="row">
        <Field id="intake-name" label={t("patientName")} error={err("patientName")}>
          {(describedBy, invalid) => (
            <input id="intake-name" autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} {...f.form.register("patientName")} />
          )}
        </Field>
        <Field id="intake-phone" label={t("patientPhone")} hint={t("phoneHint")} error={err("patientPhone")}>
          {(describedBy, invalid) => (
            <input
              id="intake-phone"
              inputMode="numeric"
              autoComplete="off"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              {...f.form.register("patientPhone")}
            />
          )}
        </Field>
        <Field id="intake-locale" label={t("locale")} error={err("locale")}>
          {(describedBy, invalid) => (
            <select id="intake-locale" aria-describedby={describedBy} aria-invalid={invalid} {...f.form.register("locale")}>
              <option value="zh-CN">{t("locale_zh")}</option>
              <option value="en">{t("locale_en")}</option>
            </select>
          )}
        </Field>
      </div>
      <Field id="intake-check" label={t("identityCheck")} hint={t("identityHint")} error={err("identityCheck")}>
        {(describedBy, invalid) => (
          <select id="intake-check" aria-describedby={describedBy} aria-invalid={invalid} {...f.form.register("identityCheck")}>
            <option value="">{t("choose")}</option>
            {INTAKE_IDENTITY_CHECKS.map((c) => (
              <option key={c} value={c}>
                {tt(`staff.verification.intakeCheck_${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="intake-note" label={t("identityNote")} hint={t("identityNoteHint")} error={err("identityNote")}>
        {(describedBy, invalid) => (
          <textarea id="intake-note" rows={2} aria-describedby={describedBy} aria-invalid={invalid} {...f.form.register("identityNote")} />
        )}
      </Field>
      <FileUpload
        id="intake-files"
        label={t("attachments")}
        hint={t("attachmentsHint")}
        purpose="proof"
        error={err("attachmentIds")}
        onChange={(ids) => f.form.setValue("attachmentIds", ids)}
        onBusyChange={setUploading}
      />
      <button type="submit" className="btn" disabled={f.pending || uploading}>
        {f.pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
