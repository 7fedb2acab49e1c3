import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb, getReadDb } from "@/db/client";
import type { OfferedTemplate } from "@/components/staff/actions/template-text-field";
import { FulfilmentPanel } from "@/components/staff/fulfilment/fulfilment-panel";
import { ActionsPanel, WritingForms } from "@/components/staff/request/actions-panel";
import { AuditPanel } from "@/components/staff/request/audit-panel";
import { MessagesPanel } from "@/components/staff/request/messages-panel";
import { PeoplePanel } from "@/components/staff/request/people-panel";
import { PlatformPanel } from "@/components/staff/request/platform-panel";
import { RepeatsPanel } from "@/components/staff/request/repeats-panel";
import { SlaPanel } from "@/components/staff/request/sla-panel";
import { SmsPanel } from "@/components/staff/request/sms-panel";
import { SummaryPanel } from "@/components/staff/request/summary-panel";
import { Timeline } from "@/components/staff/request/timeline";
import { VerificationPanel } from "@/components/staff/request/verification-panel";
import { requireRole } from "@/lib/auth/session";
import { authorityFacts } from "@/lib/identity/authority-facts";
import { loadSlaPolicies } from "@/lib/calendar/policies";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { NotFoundError } from "@/lib/errors";
import { fulfilmentOutcome } from "@/lib/fulfilment/outcome";
import { outcomeText, outcomeVoice } from "@/lib/fulfilment/outcome-text";
import { fulfilmentForStaff } from "@/lib/fulfilment/staff-view";
import { asLocale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { canReadAuditTrail, STAFF_ROLES } from "@/lib/policy";
import { AUDIT_TRAIL_LIMIT, requestAuditTrail } from "@/lib/requests/audit-trail";
import { availableActions } from "@/lib/requests/available-actions";
import { pausesOf } from "@/lib/requests/pauses";
import { platformRecordsFor } from "@/lib/requests/platform-records";
import { listStaff } from "@/lib/requests/queue";
import { earlierSameRequests } from "@/lib/requests/repeats";
import { fillTemplate, listReplyTemplates } from "@/lib/requests/reply-templates";
import { smsForRequest } from "@/lib/sms/queries";
import {
  openRequestForStaff,
  requestAttachments,
  requesterIdentityChecks,
  requestMessages,
  requestTimeline,
  requestVerificationRecord,
} from "@/lib/requests/staff-view";

type Props = { params: Promise<{ ref: string }> };

export default async function StaffRequestPage({ params }: Props) {
  const actor = await requireRole(...STAFF_ROLES);
  const { ref } = await params;
  const db = await getDb();
  const now = new Date();
  let opened;
  try {
    opened = await openRequestForStaff(db, actor, ref, now);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const { request, requester, assignee, loggedBy } = opened;
  // The rest only reads: the read pool (db/client.ts), so the page keeps its speed while patients file.
  const reader = await getReadDb();
  const [index, policies, events, msgs, files, checks, earlier, records, templates, staff, audit, fulfilment, verification, sms] = await Promise.all([
    loadWorkingDayIndex(reader),
    loadSlaPolicies(reader),
    requestTimeline(reader, actor, request.id),
    requestMessages(reader, actor, request.id),
    requestAttachments(reader, actor, request.id),
    requesterIdentityChecks(reader, actor, request),
    earlierSameRequests(reader, actor, request),
    platformRecordsFor(reader, actor, request),
    listReplyTemplates(reader, actor, request.type),
    listStaff(reader, actor),
    canReadAuditTrail(actor) ? requestAuditTrail(reader, actor, request.id) : Promise.resolve(null),
    fulfilmentForStaff(reader, actor, request, now),
    requestVerificationRecord(reader, actor, request.id),
    smsForRequest(reader, actor, request.id),
  ]);
  const t = await getTranslations("staff.request");
  const tt = await getTranslations();
  const available = availableActions(request, actor, { now, index, policy: policies[request.type] });
  const locale = asLocale(request.locale);
  const offered: OfferedTemplate[] = [...templates]
    .sort((a, b) => (a.locale === locale ? 0 : 1) - (b.locale === locale ? 0 : 1))
    .map((x) => ({ id: x.id, key: x.key, locale: x.locale, title: x.title, body: fillTemplate(x.body, { ref: request.ref, due: request.dueDate }) }));
  const names = new Map(staff.map((s) => [s.id, s.displayName]));
  return (
    <div className="staff-page">
      <p>
        <Link href="/queue">{t("back")}</Link>
      </p>
      <h1>
        <span className="mono">{request.ref}</span> · {tt(`types.${request.type}`)}
      </h1>
      <p data-testid="request-status">
        <span className="badge">{tt(`staff.status.${request.status}`)}</span> ·{" "}
        {assignee ? t("assignedTo", { name: assignee.displayName }) : t("unassigned")}
        {request.verificationStatus !== "verified" && (
          <>
            {" "}
            · <span className="badge staff-flag">{tt(`staff.verification.status_${request.verificationStatus}`)}</span>
          </>
        )}
        {request.isRepeat || earlier.length > 0 ? (
          <>
            {" "}
            · <span className="badge staff-flag">{tt("staff.repeats.badge")}</span>
          </>
        ) : null}
      </p>
      <div className="staff-request">
        <div>
          <VerificationPanel status={request.verificationStatus} records={verification} authority={authorityFacts(request, files, now)} />
          <SummaryPanel request={request} />
          <PeoplePanel request={request} requester={requester} loggedBy={loggedBy} attachments={files} checks={checks} />
          <RepeatsPanel earlier={earlier} flagged={request.isRepeat} />
          <PlatformPanel type={request.type} records={records} hasAccount={Boolean(request.subjectAccountId)} />
          {fulfilment && <FulfilmentPanel request={request} view={fulfilment} records={records} />}
          <MessagesPanel kind="thread" items={msgs.thread}>
            {available.has("reply") && <WritingForms kind="reply" requestRef={request.ref} templates={offered} />}
          </MessagesPanel>
          <Timeline events={events} names={names} />
          {audit && <AuditPanel rows={audit} limit={AUDIT_TRAIL_LIMIT} />}
        </div>
        <div>
          <SlaPanel request={request} index={index} now={now} pauses={pausesOf(events, request)} />
          <ActionsPanel
            requestRef={request.ref}
            version={request.version}
            available={available}
            templates={offered}
            staff={staff}
            assigneeId={request.assigneeId}
            isRepeat={request.isRepeat || earlier.length > 0}
            complaintText={translatorFor(locale, "staff")("refusal.howToComplain")}
            notDone={fulfilment?.notDone.length ?? 0}
            outcomeFacts={available.has("complete") ? outcomeText(await fulfilmentOutcome(db, request), outcomeVoice(locale)) : ""}
            deceasedSubject={request.relationship === "close_relative"}
          />
          <SmsPanel items={sms} />
          <MessagesPanel kind="notes" items={msgs.notes}>
            <WritingForms kind="note" requestRef={request.ref} templates={[]} />
          </MessagesPanel>
        </div>
      </div>
    </div>
  );
}
