import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PolicyQuote } from "@/components/portal/policy-quote";
import { RequestForm } from "@/components/portal/request-form";
import { requireRole } from "@/lib/auth/session";
import { REF_PATTERN, REQUEST_TYPES, type RequestType } from "@/lib/domain";
import { familyMembersOf } from "@/lib/platform/family-members";
import { loadPatientRecords } from "@/lib/platform/patient-records";
import { FAMILY_MEMBER_TYPES } from "@/lib/identity/authority";
import { expectedDue } from "@/lib/requests/expected-due";
import { formRecords } from "@/lib/requests/form-records";
import { listMyRequestChoices } from "@/lib/requests/patient-view";

type Props = { params: Promise<{ type: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Step two: the form of one request type, offering the patient's own records (and, for a complaint, their requests). */
export default async function NewRequestOfTypePage({ params, searchParams }: Props) {
  const actor = await requireRole("patient");
  const { type: raw } = await params;
  if (!(REQUEST_TYPES as readonly string[]).includes(raw)) notFound();
  const type = raw as RequestType;
  const db = await getDb();
  const now = new Date();
  const [records, choices, expected, members] = await Promise.all([
    loadPatientRecords(db, actor, now),
    listMyRequestChoices(db, actor),
    expectedDue(db, type, now),
    familyMembersOf(db, actor, now),
  ]);
  const about = (await searchParams).about;
  // Only one of the patient's own references prefills a complaint; anything else is ignored.
  const related = typeof about === "string" && REF_PATTERN.test(about) && choices.some((c) => c.ref === about) ? about : undefined;
  const t = await getTranslations();
  return (
    <>
      <p>
        <Link href="/requests/new">{t("portal.form.back")}</Link>
      </p>
      <h1>{t(`types.${type}`)}</h1>
      <p>{t(`portal.chooser.summary.${type}`)}</p>
      {type !== "deletion" && type !== "consent" && type !== "cancellation" && type !== "automated_decision" && type !== "complaint" && (
        <PolicyQuote clause={type} />
      )}
      <RequestForm
        type={type}
        records={formRecords(type, records)}
        myRequests={choices.map((c) => ({ ref: c.ref, type: c.type, status: c.status }))}
        relatedRequestRef={related}
        expected={expected}
        familyMembers={
          FAMILY_MEMBER_TYPES.includes(type) ? members.map((m) => ({ id: m.id, name: m.name, relationship: m.relationship, age: m.age })) : []
        }
      />
    </>
  );
}
