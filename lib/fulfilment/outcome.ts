import { and, eq, inArray } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { consents, type Request } from "@/db/schema";
import { fulfilmentProgress } from "./progress";
import { recipientNotices } from "./recipients";

export type ItemOutcomeView = { category: string; items: number | null; outcome: string; count: number; deletableAfter?: string };

/** What fulfilment did to the hospital's records, as the requester sees it on their request page. */
export type FulfilmentOutcome = {
  deletion: { outcomes: ItemOutcomeView[]; recipients: { name: string; confirmedAt: Date | null }[] } | null;
  corrections: { field: string; approved: boolean; after?: string; reason?: string }[] | null;
  /** The withdrawn consents as the platform records them now. */
  consents: { key: string; granted: boolean; changedAt: Date }[] | null;
  cancelledAt: Date | null;
};

/** Whether fulfilment has done anything the requester should see. */
export const hasFulfilmentOutcome = (o: FulfilmentOutcome) => Boolean(o.deletion || o.corrections || o.consents || o.cancelledAt);

/**
 * The outcome of the request's done fulfilment steps, item by item, for the requester (the caller has checked
 * that the actor is the requester). Only steps that are done count; failures are staff's to see and retry.
 */
export async function fulfilmentOutcome(conn: Conn, request: Pick<Request, "id" | "subjectAccountId">): Promise<FulfilmentOutcome> {
  const { done } = await fulfilmentProgress(conn, request.id);
  const out: FulfilmentOutcome = { deletion: null, corrections: null, consents: null, cancelledAt: null };
  const deletion = done.get("deletion.apply");
  if (deletion) {
    const outcomes = (deletion.result.outcomes ?? []) as { category: string; id: string | null; outcome: string; count: number; deletableAfter?: string }[];
    const notices = await recipientNotices(conn, request.id);
    out.deletion = {
      outcomes: outcomes.map((o) => ({ category: o.category, items: o.id ? o.id.split(",").length : null, outcome: o.outcome, count: o.count, deletableAfter: o.deletableAfter })),
      recipients: notices.map((n) => ({ name: n.recipient, confirmedAt: n.confirmedAt })),
    };
  }
  const correction = done.get("correction.apply");
  if (correction) {
    out.corrections = ((correction.result.corrections ?? []) as { field: string; approved: boolean; after?: string; reason?: string }[]).map((c) => ({
      field: c.field,
      approved: c.approved,
      after: c.after,
      reason: c.reason,
    }));
  }
  const consent = done.get("consent.apply");
  if (consent) {
    const keys = ((consent.result.withdrawn ?? []) as string[]).filter((k) => typeof k === "string");
    out.consents =
      request.subjectAccountId && keys.length > 0
        ? await conn
            .select({ key: consents.key, granted: consents.granted, changedAt: consents.changedAt })
            .from(consents)
            .where(and(eq(consents.accountId, request.subjectAccountId), inArray(consents.key, keys as never[])))
            .orderBy(consents.key)
        : [];
  }
  const cancellation = done.get("cancellation.apply");
  if (cancellation) out.cancelledAt = cancellation.at;
  return out;
}
