import { getTranslations } from "next-intl/server";
import { claimAction, noteAction, reopenAction, replyAction, startAction, verifyAction } from "@/app/(staff)/queue/[ref]/actions";
import { AssignForm } from "@/components/staff/actions/assign-form";
import { CompleteForm } from "@/components/staff/actions/complete-form";
import { FeeForm } from "@/components/staff/actions/fee-form";
import { PauseForm } from "@/components/staff/actions/pause-form";
import { RefuseForm } from "@/components/staff/actions/refuse-form";
import { ResumeForm } from "@/components/staff/actions/resume-form";
import { SimpleActionForm } from "@/components/staff/actions/simple-action-form";
import type { OfferedTemplate } from "@/components/staff/actions/template-text-field";
import { TextActionForm } from "@/components/staff/actions/text-action-form";
import type { StaffActionKind } from "@/lib/requests/staff-action-schemas";
import type { TemplateKey } from "@/lib/requests/reply-templates";

type Props = {
  requestRef: string;
  version: number;
  available: Set<StaffActionKind>;
  templates: OfferedTemplate[];
  staff: { id: string; displayName: string }[];
  assigneeId: string | null;
  isRepeat: boolean;
  complaintText: string;
  /** How many requested items fulfilment left undone (lib/fulfilment/items.ts): then it closes only as partly fulfilled. */
  notDone?: number;
  /** The outcome the system adds below a completion reply. */
  outcomeFacts?: string;
  /** A close relative's request for a deceased patient: verifying confirms the deceased left no other arrangement. */
  deceasedSubject?: boolean;
};

/** The workflow actions the signed-in staff member may take on the request now. */
export async function ActionsPanel(p: Props) {
  const t = await getTranslations("staff.actions");
  const pick = (...keys: TemplateKey[]) => p.templates.filter((x) => (keys as string[]).includes(x.key));
  const can = (k: StaffActionKind) => p.available.has(k);
  const common = { requestRef: p.requestRef, version: p.version };
  const workflow = ["claim", "start", "verify", "assign", "pause", "resume", "quote_fee", "complete", "refuse", "reopen"].some((k) =>
    can(k as StaffActionKind),
  );
  return (
    <section className="card staff-actions" aria-labelledby="actions-title" data-testid="actions">
      <h2 id="actions-title">{t("title")}</h2>
      {!workflow && <p className="muted">{t("noneNow")}</p>}
      {/* Always mounted: a lost claim keeps naming the holder after the page refreshes and the form is gone. */}
      <SimpleActionForm action={claimAction} {...common} offered={can("claim")} label={t("claim")} testId="claim-form" />
      {can("start") && !can("claim") && <SimpleActionForm action={startAction} {...common} label={t("start")} testId="start-form" />}
      {can("assign") && <AssignForm {...common} staff={p.staff} current={p.assigneeId} />}
      {can("verify") && (
        <TextActionForm
          action={verifyAction}
          kind="verify"
          {...common}
          title={t("verifyTitle")}
          intro={t("verifyIntro")}
          label={t("verifyNote")}
          submit={t("verify")}
          testId="verify-form"
          rows={3}
          checks={p.deceasedSubject ? [{ value: "no_other_arrangement", label: t("checkNoOtherArrangement") }] : []}
        />
      )}
      {can("resume") && <ResumeForm {...common} />}
      {can("complete") && (
        <CompleteForm {...common} templates={pick("completed", "partially_completed")} notDone={p.notDone ?? 0} facts={p.outcomeFacts} />
      )}
      {can("pause") && <PauseForm {...common} templates={pick("question_identity", "question_clarification")} />}
      {can("quote_fee") && <FeeForm {...common} templates={pick("fee")} isRepeat={p.isRepeat} />}
      {can("refuse") && <RefuseForm {...common} templates={pick("refused")} complaintText={p.complaintText} />}
      {can("reopen") && (
        <TextActionForm
          action={reopenAction}
          kind="reopen"
          {...common}
          title={t("reopenTitle")}
          intro={t("reopenIntro")}
          label={t("reopenReason")}
          submit={t("reopen")}
          testId="reopen-form"
          rows={3}
        />
      )}
    </section>
  );
}

/** Writing to the requester without changing the status, and internal notes. */
export async function WritingForms({ requestRef, templates, kind }: { requestRef: string; templates: OfferedTemplate[]; kind: "reply" | "note" }) {
  const t = await getTranslations("staff.actions");
  return kind === "reply" ? (
    <TextActionForm
      action={replyAction}
      kind="reply"
      requestRef={requestRef}
      title={t("replyTitle")}
      intro={t("replyIntro")}
      label={t("replyBody")}
      submit={t("send")}
      testId="reply-form"
      templates={templates}
    />
  ) : (
    <TextActionForm
      action={noteAction}
      kind="note"
      requestRef={requestRef}
      title={t("noteTitle")}
      intro={t("noteIntro")}
      label={t("noteBody")}
      submit={t("addNote")}
      testId="note-form"
      rows={3}
    />
  );
}
