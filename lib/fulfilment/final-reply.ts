import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages, requests, users, type Request } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { fulfilmentOutcome, type FulfilmentOutcome } from "./outcome";
import { checkReplyLink } from "./reply-link";

export type FinalReply = {
  request: Pick<Request, "ref" | "type" | "status" | "outcome" | "closedAt">;
  /** The hospital's reply on closing. */
  reply: string | null;
  outcome: FulfilmentOutcome;
};

/**
 * The final reply of a closed request, read through the signed link sent by SMS when it closed an account
 * (lib/fulfilment/reply-link.ts) — the patient can no longer sign in. An altered link, another request's, or one
 * for a request not closed gets "invalid"; an old one "expired". Each reading is audited.
 */
export async function finalReplyByLink(
  db: Db,
  ref: string,
  expires: string | undefined,
  sig: string | undefined,
  now: Date,
): Promise<{ ok: true; reply: FinalReply } | { ok: false; error: "invalid" | "expired" }> {
  const check = checkReplyLink(ref, expires, sig, now);
  if (check !== "ok") return { ok: false, error: check };
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(requests).where(eq(requests.ref, ref));
    if (!r || r.status !== "completed") return { ok: false as const, error: "invalid" as const };
    const [last] = await tx
      .select({ body: messages.body })
      .from(messages)
      .innerJoin(users, eq(users.id, messages.authorId))
      .where(and(eq(messages.requestId, r.id), eq(messages.internal, false), ne(users.role, "patient")))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(1);
    const outcome = await fulfilmentOutcome(tx, r);
    await appendAudit(tx, { actorId: null, action: "reply_link.view", entity: "request", entityId: r.ref, requestId: r.id, now });
    return {
      ok: true as const,
      reply: {
        request: { ref: r.ref, type: r.type, status: r.status, outcome: r.outcome, closedAt: r.closedAt },
        reply: last?.body ?? null,
        outcome,
      },
    };
  });
}
