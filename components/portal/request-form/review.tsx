"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FormRecords } from "@/lib/requests/form-records";
import type { DataCategory } from "@/lib/requests/categories";
import { needsRealNameCheck } from "@/lib/requests/identity-rule";
import type { SubmitInputT } from "@/lib/requests/submit-schema";
import { maskPhone } from "@/lib/text/mask";
import type { FamilyMemberOption, MyRequestOption } from "./form-types";
import { correctableLabel, displayValue } from "./labels";

/** The review step's summary of what will be filed, from the checked values (never the ID number). */
export function ReviewSummary({
  values: v,
  records,
  myRequests,
  familyMembers = [],
}: {
  values: SubmitInputT;
  records: FormRecords;
  myRequests: MyRequestOption[];
  familyMembers?: FamilyMemberOption[];
}) {
  const t = useTranslations("portal");
  const tRoot = useTranslations();
  const byKey = new Map(records.correctable.map((c) => [`${c.field}|${c.recordId}`, c]));
  const asked: ReactNode[] = [];
  const member = v.subjectPatientId ? familyMembers.find((m) => m.id === v.subjectPatientId) : undefined;
  // Each proof as its kind; the file names were shown when they were uploaded.
  const kinds = [...new Set(v.proofAttachmentIds.flatMap((id) => (v.proofKinds[id] ? [tRoot(`proofKinds.${v.proofKinds[id]}`)] : [])))];
  switch (v.type) {
    case "access":
    case "portability":
      for (const c of v.categories) asked.push(tRoot(`categories.${c}`));
      break;
    case "deletion": {
      for (const c of v.categories) asked.push(tRoot(`categories.${c}`));
      const counts = new Map<DataCategory, number>();
      for (const i of v.items) if (!v.categories.includes(i.category)) counts.set(i.category, (counts.get(i.category) ?? 0) + 1);
      for (const [c, n] of counts) asked.push(t("review.itemsCount", { category: tRoot(`categories.${c}`), count: n }));
      break;
    }
    case "correction":
      for (const c of v.corrections) {
        const rec = byKey.get(`${c.field}|${c.recordId}`);
        if (!rec) continue;
        asked.push(
          t("review.correctionLine", {
            field: correctableLabel(t, tRoot, rec),
            current: displayValue(t, rec.field, rec.current),
            requested: displayValue(t, rec.field, c.requested),
          }),
        );
      }
      break;
    case "consent":
      for (const k of v.consents) asked.push(t(`consentKeys.${k}`));
      break;
    case "automated_decision": {
      const d = records.decisions.find((x) => x.id === v.decisionId);
      if (d) asked.push(`${t.has(`decisionKinds.${d.kind}`) ? t(`decisionKinds.${d.kind}`) : d.kind}: ${d.outcome}`);
      break;
    }
    case "complaint": {
      const r = v.relatedRequestRef ? myRequests.find((x) => x.ref === v.relatedRequestRef) : undefined;
      asked.push(r ? `${t("review.relatedRequest", { ref: r.ref })} · ${tRoot(`types.${r.type}`)}` : t("review.general"));
      break;
    }
    case "cancellation":
      asked.push(tRoot("types.cancellation"));
      break;
  }
  return (
    <dl className="portal-summary" data-testid="review-summary">
      <dt>{t("review.type")}</dt>
      <dd>{tRoot(`types.${v.type}`)}</dd>
      <dt>{t("review.for")}</dt>
      <dd dir="auto">
        {v.relationship === "self"
          ? t("review.self")
          : member
            ? t("review.subjectFamilyMember", {
                relationship: tRoot(`relationships.${v.relationship}`),
                name: member.name,
                member: tRoot(`patientRelationships.${member.relationship}`),
              })
            : t("review.subject", {
                relationship: tRoot(`relationships.${v.relationship}`),
                name: v.subjectName ?? "",
                phone: maskPhone(v.subjectPhone ?? ""),
              })}
        {v.relationship === "guardian" && !member && v.subjectBirthDate && (
          <>
            <br />
            <span>{t("review.subjectBirthDate", { date: v.subjectBirthDate })}</span>
          </>
        )}
        {v.relationship !== "self" && (
          <>
            <br />
            <span className="muted" data-testid="review-proofs">
              {t("review.files", { count: v.proofAttachmentIds.length })}
              {kinds.length > 0 ? ` · ${kinds.join("、")}` : ""}
            </span>
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
      {v.relationship === "close_relative" && v.relativeInterest && (
        <>
          <dt>{t("review.relativeInterest")}</dt>
          <dd className="portal-text" dir="auto">
            {v.relativeInterest}
          </dd>
        </>
      )}
      {v.type === "deletion" && (
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
      {needsRealNameCheck(v) && (
        <>
          <dt>{t("review.identity")}</dt>
          <dd>{t("review.identityProvided", { name: v.identityName ?? "" })}</dd>
        </>
      )}
    </dl>
  );
}
