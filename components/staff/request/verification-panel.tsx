import { getFormatter, getTranslations } from "next-intl/server";
import type { VerificationMethod, VerificationResult, VerificationStatus } from "@/lib/domain";
import type { ProofKind } from "@/lib/domain/values";
import type { AuthorityFacts } from "@/lib/identity/authority-facts";

type Record = {
  id: number;
  method: VerificationMethod;
  result: VerificationResult;
  evidence: { attachmentIds?: string[]; checked?: string[] };
  note: string | null;
  decidedAt: Date;
  deciderName: string | null;
};

/**
 * Whether we know who asks and for whom, at the top of the request page: the state, and the verification record
 * (each check, how, with what evidence, by whom, when). Nothing is fulfilled until it says verified.
 */
export async function VerificationPanel({
  status,
  records,
  authority,
}: {
  status: VerificationStatus;
  records: Record[];
  authority?: AuthorityFacts | null;
}) {
  const t = await getTranslations("staff.verification");
  const tRoot = await getTranslations();
  const kind = (k: ProofKind | null) => (k ? tRoot(`proofKinds.${k}`) : t("kindUnlabelled"));
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, "dateTime");
  return (
    <section
      className={`card verification ${status === "verified" ? "" : "alert warn"}`}
      aria-labelledby="verification-title"
      data-testid="verification"
    >
      <h2 id="verification-title">{t("title")}</h2>
      <p data-testid="verification-status">
        <strong>{t(`status_${status}`)}</strong> {status !== "verified" && <span>{t(`explain_${status}`)}</span>}
      </p>
      {authority && (
        <dl className="staff-meta" data-testid="authority">
          <dt>{t("actingAs")}</dt>
          <dd>
            {tRoot(`relationships.${authority.relationship}`)}
            {authority.familyMember && ` · ${t("familyMember")}`}
          </dd>
          {authority.birthDate && (
            <>
              <dt>{t("birthDate")}</dt>
              <dd>{t("birthDateAge", { date: authority.birthDate.date, age: authority.birthDate.age })}</dd>
            </>
          )}
          {authority.relativeInterest && (
            <>
              <dt>{t("relativeInterest")}</dt>
              <dd className="portal-text" dir="auto">
                {authority.relativeInterest}
              </dd>
            </>
          )}
          <dt>{t("proofs")}</dt>
          <dd data-testid="authority-proofs">{authority.proofKinds.length > 0 ? authority.proofKinds.map(kind).join("、") : t("noProofs")}</dd>
          {authority.missing.length > 0 && (
            <>
              <dt>{t("missing")}</dt>
              <dd data-testid="authority-missing">
                <strong>{authority.missing.map(kind).join("、")}</strong>
              </dd>
            </>
          )}
          {authority.relationship === "close_relative" && (
            <>
              <dt>{t("deceasedCheck")}</dt>
              <dd>{t("deceasedCheckHint")}</dd>
            </>
          )}
        </dl>
      )}
      {records.length > 0 && (
        <ol className="staff-meta">
          {records.map((r) => (
            <li key={r.id}>
              {when(r.decidedAt)} · {t(`method_${r.method}`)} · <strong>{t(`result_${r.result}`)}</strong>
              {r.deciderName ? ` · ${r.deciderName}` : ` · ${t("bySystem")}`}
              {r.evidence.attachmentIds && r.evidence.attachmentIds.length > 0 && ` · ${t("documents", { n: r.evidence.attachmentIds.length })}`}
              {r.evidence.checked?.includes("no_other_arrangement") && ` · ${t("checkedNoOtherArrangement")}`}
              {r.method === "staff_check" && ` · ${t(`intakeCheck_${r.evidence.checked?.[0] ?? "not_verified"}` as "intakeCheck_not_verified")}`}
              {r.note && <div className="muted">{r.note}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
