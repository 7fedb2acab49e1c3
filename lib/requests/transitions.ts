import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  OPEN_STATUSES,
  attachments,
  messages,
  outbox,
  requestEvents,
  requests,
  requestVerifications,
  users,
  type RefusalReason,
  type Request,
  type RequestType,
} from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { loadDeadlineRules } from "@/lib/calendar/deadline-rules";
import type { Actor } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { closesAccount, endCancelledPortalUser } from "@/lib/fulfilment/cancellation";
import { itemsNotDone } from "@/lib/fulfilment/items";
import { fulfilmentOutcome } from "@/lib/fulfilment/outcome";
import { outcomeText, outcomeVoice } from "@/lib/fulfilment/outcome-text";
import { fulfilmentProgress } from "@/lib/fulfilment/progress";
import { REPLY_LINK_DAYS, signedReplyPath, siteUrl } from "@/lib/fulfilment/reply-link";
import { asLocale, type Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { canClaim, isPatient, isStaff } from "@/lib/policy";
import { requestPolicy } from "@/lib/sla";
import { outboxSmsSender, type SmsTemplate } from "@/lib/sms/sender";
import { transition, type WorkflowAction, type WorkflowError } from "@/lib/workflow/machine";

const isOpenStatus = (s: Request["status"]) => (OPEN_STATUSES as readonly string[]).includes(s);

export type TransitionInput = { ref: string; version: number; action: WorkflowAction };
export type TransitionResult =
  | { ok: true; request: Request }
  /** `holder`: on a claim refused because someone else holds the request (claimed or assigned meanwhile), their name. */
  | { ok: false; error: WorkflowError | "stale"; holder?: string };

/**
 * The request behind `ref`, locked for this transaction, if the actor may see it (canSee in lib/policy: a patient
 * only their own, written here as SQL so another patient's request is never read); otherwise not found.
 */
export async function lockRequestForActor(tx: Tx, actor: Actor, ref: string): Promise<Request> {
  const [row] = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.ref, ref), isPatient(actor.role) ? eq(requests.requesterId, actor.id) : undefined))
    .for("update");
  if (!row) throw new NotFoundError("request");
  return row;
}

/** What the patient is told by SMS after each transition that concerns them. */
const PATIENT_SMS: Partial<Record<WorkflowAction["kind"], SmsTemplate>> = {
  pause: "request_paused",
  quote_fee: "request_fee",
  complete: "request_completed",
  refuse: "request_refused",
  reopen: "request_reopened",
};

/**
 * The text a transition carries to or from the patient, kept in the request's message thread. A refusal
 * always names its reason and tells the patient how to complain (policy §8.7 and §12, PIPL Art. 50),
 * whatever the explanation says.
 */
export function messageOf(action: WorkflowAction, locale: Locale): string | undefined {
  switch (action.kind) {
    case "pause":
      return action.message;
    case "resume":
      return action.message;
    case "complete":
      return action.reply;
    case "quote_fee":
      return translatorFor(locale, "staff")("feeQuote.message", {
        amount: action.amount.toFixed(2),
        reason: action.reason.trim(),
        payment: action.payment.trim(),
      });
    case "refuse":
      return refusalLetter(action.reason, action.explanation, locale);
    case "answer_fee":
      // Declining closes the request as refused: the same letter as any refusal (PIPL Art. 50, how to complain).
      return action.accept ? undefined : refusalLetter("repeat_fee_declined", action.explanation ?? "", locale);
    default:
      return undefined;
  }
}

function refusalLetter(reason: RefusalReason, explanation: string, locale: Locale): string {
  const t = translatorFor(locale, "staff");
  const tr = translatorFor(locale, "refusalReasons");
  return [t("refusal.reasonLine", { reason: tr(reason) }), explanation.trim(), t("refusal.howToComplain")].join("\n\n");
}

/**
 * Moves a request through its workflow: the rules are the pure state machine (lib/workflow/machine.ts); here the
 * request is locked, checked against the version the actor saw (a stale write is refused), changed, and its
 * events, message, notifications and audit row written — all in one transaction.
 */
export async function applyTransition(db: Db, actor: Actor, input: TransitionInput, now = new Date()): Promise<TransitionResult> {
  const { index, policies } = await loadDeadlineRules(db);
  return db.transaction(async (tx) => {
    const r = await lockRequestForActor(tx, actor, input.ref);
    // Two agents claiming at once: the one who waited on the lock learns who won, whatever version they saw.
    // Staff only: a colleague's name is never told to anyone else.
    const heldByColleague = isStaff(actor.role) && !canClaim(actor, r) && r.assigneeId !== actor.id && isOpenStatus(r.status);
    if (input.action.kind === "claim" && heldByColleague) {
      const [holder] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, r.assigneeId!));
      return { ok: false, error: "already_claimed", holder: holder?.name ?? "" };
    }
    if (r.version !== input.version) return { ok: false, error: "stale" };

    let action = input.action;
    let assigneeLocale = asLocale(undefined);
    if (action.kind === "assign") {
      const [assignee] = await tx
        .select({ id: users.id, role: users.role, locale: users.locale })
        .from(users)
        .where(eq(users.id, action.assignee.id));
      if (!assignee) return { ok: false, error: "assignee_not_staff" };
      action = { ...action, assignee: { id: assignee.id, role: assignee.role } };
      assigneeLocale = asLocale(assignee.locale);
    }
    if (action.kind === "answer_fee" && !action.accept) {
      // The written explanation of the refusal a declined fee ends in, in the request's language (PIPL Art. 50).
      action = { ...action, explanation: translatorFor(asLocale(r.locale), "staff")("refusal.feeDeclined") };
    }
    // A resume moves the dates with the policy the request was received under, never a later one.
    const policy = requestPolicy(r, policies[r.type as RequestType]);
    if (action.kind === "complete") {
      // What the request's fulfilment steps recorded as not done: then it closes only as partially fulfilled.
      action = { ...action, notDone: itemsNotDone((await fulfilmentProgress(tx, r.id)).done).length };
    }
    const result = transition(r, action, { id: actor.id, role: actor.role }, { now, index, policy });
    if (!result.ok) return result;

    const [updated] = await tx
      .update(requests)
      .set({ ...result.patch, version: sql`${requests.version} + 1`, updatedAt: now })
      .where(and(eq(requests.id, r.id), eq(requests.version, r.version)))
      .returning();
    if (!updated) return { ok: false, error: "stale" };

    await tx.insert(requestEvents).values(
      result.events.map((e) => ({
        requestId: r.id,
        kind: e.kind,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorId: actor.id,
        reason: e.reason,
        public: e.public,
        data: e.data ?? {},
        occurredAt: now,
      })),
    );
    if (result.verification) {
      // The evidence a staff decision looked at: the proof documents on the request at that moment.
      const proofs = await tx
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(eq(attachments.requestId, r.id), eq(attachments.purpose, "proof"), isNull(attachments.deletedAt)));
      const { checked, ...decision } = result.verification;
      await tx.insert(requestVerifications).values({
        requestId: r.id,
        ...decision,
        evidence: { attachmentIds: proofs.map((p) => p.id), ...(checked ? { checked } : {}) },
        decidedById: actor.id,
        decidedAt: now,
      });
    }
    const locale = asLocale(r.locale);
    // A completion reply ends with what fulfilment recorded, in the request's language: it states only what happened.
    const facts = action.kind === "complete" ? outcomeText(await fulfilmentOutcome(tx, r), outcomeVoice(locale)) : "";
    const body = [messageOf(action, locale)?.trim(), facts].filter(Boolean).join("\n\n");
    // The refusal a declined fee ends in is the hospital's letter, from the staff member handling the request.
    const author = action.kind === "answer_fee" ? (r.assigneeId ?? actor.id) : actor.id;
    if (body) await tx.insert(messages).values({ requestId: r.id, authorId: author, body, createdAt: now });

    // Completing a request that closed an account: the final reply goes out with a signed link to read it, then
    // the account's portal user ends, in this transaction (lib/fulfilment/cancellation.ts).
    const closing = action.kind === "complete" && updated.status === "completed" && r.type === "cancellation" && (await closesAccount(tx, r));
    const template = closing ? "account_cancelled" : PATIENT_SMS[action.kind];
    if (template) {
      const [requester] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, r.requesterId));
      const amount = action.kind === "quote_fee" ? action.amount.toFixed(2) : "";
      const params = {
        ref: r.ref,
        amount,
        ...(closing ? { link: `${siteUrl()}${signedReplyPath(r.ref, now)}`, days: String(REPLY_LINK_DAYS) } : {}),
      };
      if (requester?.phone) await outboxSmsSender.send(tx, { phone: requester.phone, template, params, locale, requestId: r.id, at: now });
      await tx.insert(outbox).values({
        channel: "portal",
        recipient: r.requesterId,
        template,
        body: translatorFor(locale, "sms")(template, params),
        requestId: r.id,
        status: "sent",
        createdAt: now,
        sentAt: now,
      });
    }
    if (closing) await endCancelledPortalUser(tx, r, now);
    if (action.kind === "assign") {
      await tx.insert(outbox).values({
        channel: "portal",
        recipient: action.assignee.id,
        template: "request_assigned",
        body: translatorFor(assigneeLocale, "sms")("request_assigned", { ref: r.ref }),
        requestId: r.id,
        status: "sent",
        createdAt: now,
        sentAt: now,
      });
    }
    await appendAudit(tx, {
      actorId: actor.id,
      action: `request.${action.kind}`,
      entity: "request",
      entityId: r.ref,
      requestId: r.id,
      data: { from: r.status, to: updated.status, version: updated.version },
      now,
    });
    return { ok: true, request: updated };
  });
}
