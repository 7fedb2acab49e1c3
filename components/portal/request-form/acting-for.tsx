"use client";

import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import { FAMILY_MEMBER_CATEGORIES } from "@/lib/categories/list";
import { PROOF_KINDS, RELATIONSHIPS, type Relationship } from "@/lib/domain/values";
import { FileUpload } from "../file-upload";
import { PolicyQuote } from "../policy-quote";
import { GroupError, TextArea, TextInput, useFieldError } from "./fields";
import type { FamilyMemberOption, FormProps } from "./form-types";

/** The kinds of document each relationship is asked for, first in the list of kinds a file can be labelled as. */
const LIKELY_PROOFS: Record<Exclude<Relationship, "self">, readonly (typeof PROOF_KINDS)[number][]> = {
  guardian: ["household_register", "birth_certificate", "guardianship_certificate"],
  close_relative: ["death_certificate", "household_register", "kinship_certificate"],
  authorised_agent: ["authorisation", "id_card"],
};

/**
 * Who the request is for: the patient, or someone they act for — a 就诊人 of their own account (policy §3.3), or
 * another person named with their phone — with what the law asks of that relationship (a child's birth date, a
 * relative's own interest) and the proof documents, each labelled with what it is.
 */
export function ActingForSection({
  form,
  onBusy,
  familyMembers,
}: FormProps & { onBusy: (busy: boolean) => void; familyMembers: FamilyMemberOption[] }) {
  const t = useTranslations("portal.form");
  const tRoot = useTranslations();
  const errorText = useErrorText();
  const relationship = form.get("relationship") ?? "self";
  const memberId = form.get("subjectPatientId") ?? "";
  const proofKinds = form.get("proofKinds") ?? {};
  const proofError = useFieldError(form, "proofAttachmentIds");
  const memberError = useFieldError(form, "subjectPatientId");
  const kindErrors = errorText(form.firstErrorUnder("proofKinds"));
  const member = familyMembers.find((m) => m.id === memberId);
  // A guardian of the account's own 就诊人: the hospital knows the child and the relationship already.
  const proofOptional = relationship === "guardian" && member !== undefined;
  const clearSubject = () => {
    form.set("subjectName", undefined);
    form.set("subjectPhone", undefined);
    form.set("subjectBirthDate", undefined);
  };
  /** A 就诊人 has only their own records: what the form asked of the account holder's goes. */
  const chooseMember = () => {
    clearSubject();
    const categories = form.get("categories");
    if (categories)
      form.set(
        "categories",
        categories.filter((c) => (FAMILY_MEMBER_CATEGORIES as readonly string[]).includes(c)),
      );
    if (form.get("items")) form.set("items", []);
  };
  return (
    <fieldset className="portal-group" data-field="relationship">
      <legend>{t("who")}</legend>
      {RELATIONSHIPS.map((r) => (
        <label key={r} className="portal-choice">
          <input
            {...form.radio("relationship", r, () => {
              clearSubject();
              form.set("subjectPatientId", "");
              form.set("relativeInterest", undefined);
              form.set("proofAttachmentIds", []);
              form.set("proofKinds", {});
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
          {familyMembers.length > 0 && (
            <fieldset className="portal-group" data-field="subjectPatientId" aria-describedby={memberError ? "f-subjectPatientId-error" : undefined}>
              <legend>{t("subjectWhich")}</legend>
              <p className="hint">{t("subjectWhichHint")}</p>
              {familyMembers.map((m) => (
                <label key={m.id} className="portal-choice">
                  <input aria-invalid={Boolean(memberError)} {...form.radio("subjectPatientId", m.id, chooseMember)} />
                  <span dir="auto">
                    <strong>{m.name}</strong>{" "}
                    <span className="hint">{t("familyMember", { relationship: tRoot(`patientRelationships.${m.relationship}`), age: m.age })}</span>
                  </span>
                </label>
              ))}
              <label className="portal-choice">
                <input {...form.radio("subjectPatientId", "")} />
                <span>
                  <strong>{t("someoneElse")}</strong>
                  <span className="hint">{t("someoneElseHint")}</span>
                </span>
              </label>
              <GroupError id="f-subjectPatientId-error" error={memberError} />
            </fieldset>
          )}
          {!member && (
            <>
              <TextInput form={form} name="subjectName" label={t("subjectName")} hint={t("subjectNameHint")} autoComplete="off" />
              <TextInput
                form={form}
                name="subjectPhone"
                label={t("subjectPhone")}
                hint={t("subjectPhoneHint")}
                type="tel"
                inputMode="numeric"
                autoComplete="off"
              />
              {relationship === "guardian" && (
                <TextInput form={form} name="subjectBirthDate" label={t("subjectBirthDate")} hint={t("subjectBirthDateHint")} type="date" />
              )}
            </>
          )}
          {relationship === "close_relative" && (
            <TextArea form={form} name="relativeInterest" label={t("relativeInterest")} hint={t("relativeInterestHint")} required max={2000} />
          )}
          <FileUpload
            key={`${relationship}-${member ? "member" : "other"}`}
            id="f-proofAttachmentIds"
            label={`${t("proof")} ${proofOptional ? t("optional") : t("required")}`}
            hint={proofOptional ? t("proofHintFamilyMember") : t(`proofHint.${relationship}`)}
            purpose="proof"
            error={kindErrors ?? proofError}
            onBusyChange={onBusy}
            onChange={(ids) => {
              form.set("proofAttachmentIds", ids);
              // The form's kinds as they are now: a kind chosen for one file while the next still uploads is kept
              // (this callback may come from the render the upload started in).
              const kinds = form.get("proofKinds") ?? {};
              form.set("proofKinds", Object.fromEntries(ids.flatMap((id) => (kinds[id] ? [[id, kinds[id]]] : []))));
            }}
            renderFile={(f) => {
              const id = `f-proofKind-${f.id}`;
              const likely = LIKELY_PROOFS[relationship];
              const kinds = [...likely, ...PROOF_KINDS.filter((k) => !likely.includes(k))];
              return (
                <span className="portal-proof-kind">
                  <label htmlFor={id}>{t("proofKind", { name: f.filename })}</label>{" "}
                  <select
                    id={id}
                    data-testid="proof-kind"
                    value={proofKinds[f.id] ?? ""}
                    aria-invalid={Boolean(kindErrors) && !proofKinds[f.id]}
                    onChange={(e) => form.set(`proofKinds.${f.id}`, e.currentTarget.value as (typeof PROOF_KINDS)[number])}
                  >
                    <option value="">{t("proofKindChoose")}</option>
                    {kinds.map((k) => (
                      <option key={k} value={k}>
                        {tRoot(`proofKinds.${k}`)}
                      </option>
                    ))}
                  </select>
                </span>
              );
            }}
          />
        </div>
      )}
    </fieldset>
  );
}
