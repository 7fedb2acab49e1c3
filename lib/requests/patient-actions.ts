import "server-only";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, messages, requestEvents, type Request } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { ActionDefinition } from "@/lib/actions/perform";
import { failure, type ActionResult } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/session";
import type { WorkflowError } from "@/lib/workflow/machine";
import { FeeAnswerInput, ReplyInput, VersionedRef, type ReplyInputT } from "./reply-schema";
import { applyTransition, lockRequestForActor } from "./transitions";

/**
 * What a patient does on their own request page: reply to staff (which, when staff asked a question, resumes the
 * paused clock), accept or decline a quoted fee, withdraw. Transitions go through applyTransition (the workflow
 * owner's); a reply with files runs it inside this module's transaction so the files are linked to the very
 * message it wrote, or nothing is written at all.
 */

export { ReplyInput, type ReplyInputT } from "./reply-schema";

export type PatientActionError = WorkflowError | "stale" | "files_invalid";
export type PatientActionResult = { ok: true; resumed?: boolean } | { ok: false; error: PatientActionError };

class FilesInvalid extends Error {}

/** Links the patient's own unlinked uploads to the request and the message; all of them or none (rolls back). */
async function linkFiles(tx: Db, actor: Actor, requestId: string, messageId: string, ids: string[]) {
  if (ids.length === 0) return;
  const linked = await tx
    .update(attachments)
    .set({ requestId, messageId })
    .where(and(inArray(attachments.id, ids), eq(attachments.uploaderId, actor.id), isNull(attachments.requestId), isNull(attachments.deletedAt)))
    .returning({ id: attachments.id });
  if (linked.length !== new Set(ids).size) throw new FilesInvalid();
}

/**
 * The patient writes to staff. When the request waits on them (a question, identity proof) the message is their
 * answer and the clock resumes (applyTransition "resume"); on another open request it is a plain message. A fee
 * is answered with answerFee, not here; a closed request takes no messages (file a complaint instead).
 */
export async function replyToStaff(db: Db, actor: Actor, input: ReplyInputT, now = new Date()): Promise<PatientActionResult> {
  try {
    return await db.transaction(async (tx): Promise<PatientActionResult> => {
      const r: Request = await lockRequestForActor(tx, actor, input.ref);
      if (r.status === "awaiting_requester") {
        if (r.pauseReason === "fee") return { ok: false, error: "not_allowed" };
        // Nested: applyTransition's own transaction becomes a savepoint of this one; the row lock is kept.
        const result = await applyTransition(
          tx as unknown as Db,
          actor,
          { ref: input.ref, version: input.version, action: { kind: "resume", message: input.message } },
          now,
        );
        if (!result.ok) return result;
        const [message] = await tx
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.requestId, r.id), eq(messages.authorId, actor.id), eq(messages.createdAt, now)))
          .orderBy(desc(messages.createdAt))
          .limit(1);
        if (input.attachmentIds.length > 0) {
          if (!message) throw new FilesInvalid();
          await linkFiles(tx as unknown as Db, actor, r.id, message.id, input.attachmentIds);
        }
        return { ok: true, resumed: true };
      }
      if (r.status !== "submitted" && r.status !== "in_progress") return { ok: false, error: "wrong_status" };
      const [message] = await tx
        .insert(messages)
        .values({ requestId: r.id, authorId: actor.id, body: input.message, createdAt: now })
        .returning({ id: messages.id });
      await linkFiles(tx as unknown as Db, actor, r.id, message!.id, input.attachmentIds);
      await tx.insert(requestEvents).values({
        requestId: r.id,
        kind: "message",
        actorId: actor.id,
        public: true,
        data: { messageId: message!.id, by: "requester", files: input.attachmentIds.length },
        occurredAt: now,
      });
      await appendAudit(tx, {
        actorId: actor.id,
        action: "request.message",
        entity: "request",
        entityId: r.ref,
        requestId: r.id,
        data: { files: input.attachmentIds.length },
        now,
      });
      return { ok: true };
    });
  } catch (e) {
    if (e instanceof FilesInvalid) return { ok: false, error: "files_invalid" };
    throw e;
  }
}

export async function withdrawRequest(db: Db, actor: Actor, input: { ref: string; version: number }, now = new Date()): Promise<PatientActionResult> {
  const result = await applyTransition(db, actor, { ref: input.ref, version: input.version, action: { kind: "withdraw" } }, now);
  return result.ok ? { ok: true } : result;
}

export async function answerFee(
  db: Db,
  actor: Actor,
  input: { ref: string; version: number; accept: boolean },
  now = new Date(),
): Promise<PatientActionResult> {
  const result = await applyTransition(
    db,
    actor,
    { ref: input.ref, version: input.version, action: { kind: "answer_fee", accept: input.accept } },
    now,
  );
  return result.ok ? { ok: true } : result;
}

/** The result as the patient's page reads it: a changed request ("stale") in the patient's own words. */
function answer(result: PatientActionResult): ActionResult<{ resumed?: boolean }> {
  if (result.ok) return result;
  return failure(result.error === "stale" ? "request_changed" : result.error);
}

const pages = (input: { ref: string }) => [`/requests/${input.ref}`, "/requests"];

/** Server-action definitions of the request page (app/(patient)/requests/[ref]/actions.ts). */
export const replyDefinition = {
  name: "reply",
  roles: ["patient"],
  schema: ReplyInput,
  run: async ({ actor, db, input, now }) => answer(await replyToStaff(db, actor, input, now)),
  revalidate: pages,
} satisfies ActionDefinition<typeof ReplyInput, { resumed?: boolean }>;

export const withdrawDefinition = {
  name: "withdraw",
  roles: ["patient"],
  schema: VersionedRef,
  run: async ({ actor, db, input, now }) => answer(await withdrawRequest(db, actor, input, now)),
  revalidate: pages,
} satisfies ActionDefinition<typeof VersionedRef, { resumed?: boolean }>;

export const answerFeeDefinition = {
  name: "answerFee",
  roles: ["patient"],
  schema: FeeAnswerInput,
  run: async ({ actor, db, input, now }) => answer(await answerFee(db, actor, input, now)),
  revalidate: pages,
} satisfies ActionDefinition<typeof FeeAnswerInput, { resumed?: boolean }>;
