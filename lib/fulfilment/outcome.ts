import "server-only";
import { inArray } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { consents, type Request } from "@/db/schema";
import { selectOwned } from "@/lib/categories/records";
import { entryOf } from "@/lib/categories/registry";
import { subjectOf } from "@/lib/platform/subject";
import { groupItemOutcomes, readItemOutcomes, type ItemOutcomeView } from "./items";
import { fulfilmentProgress } from "./progress";
import { recipientNotices } from "./recipients";

export type { ItemOutcomeView };

/** What fulfilment did to the hospital's records, as the requester sees it on their request page. */
export type FulfilmentOutcome = {
  /** Access and portability, once the copy is released to them: what it holds of each category asked for. */
  access: { outcomes: ItemOutcomeView[] } | null;
  deletion: { outcomes: ItemOutcomeView[]; recipients: { name: string; confirmedAt: Date | null }[] } | null;
  /** A closed account: what became of each category (kept under a retention until when), and the recipients told. */
  cancellation: { outcomes: ItemOutcomeView[]; recipients: { name: string; confirmedAt: Date | null }[] } | null;
  corrections: { field: string; approved: boolean; after?: string; reason?: string }[] | null;
  /** The withdrawn consents as the platform records them now. */
  consents: { key: string; granted: boolean; changedAt: Date }[] | null;
  cancelledAt: Date | null;
};

/** Whether fulfilment has done anything the requester should see. */
export const hasFulfilmentOutcome = (o: FulfilmentOutcome) => Boolean(o.access || o.deletion || o.corrections || o.consents || o.cancelledAt);

/**
 * The outcome of the request's done fulfilment steps, item by item, for the requester (the caller has checked
 * that the actor is the requester). Only steps that are done count; failures are staff's to see and retry.
 */
export async function fulfilmentOutcome(
  conn: Conn,
  request: Pick<Request, "id" | "subjectAccountId"> & Partial<Pick<Request, "subjectPatientId">>,
): Promise<FulfilmentOutcome> {
  const { done } = await fulfilmentProgress(conn, request.id);
  const out: FulfilmentOutcome = { access: null, deletion: null, cancellation: null, corrections: null, consents: null, cancelledAt: null };
  const prepared = done.get("access.prepare");
  // What a copy holds is the requester's to read once it is theirs to download: released.
  if (prepared && done.has("access.release")) out.access = { outcomes: groupItemOutcomes(readItemOutcomes(prepared.result.outcomes)) };
  const deletion = done.get("deletion.apply");
  if (deletion) {
    const notices = await recipientNotices(conn, request.id);
    out.deletion = {
      outcomes: groupItemOutcomes(readItemOutcomes(deletion.result.outcomes)),
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
    const subject = subjectOf({ subjectAccountId: request.subjectAccountId, subjectPatientId: request.subjectPatientId ?? null });
    out.consents =
      subject && keys.length > 0
        ? ((await selectOwned(
            conn,
            entryOf("consents"),
            subject,
            { key: consents.key, granted: consents.granted, changedAt: consents.changedAt },
            { where: inArray(consents.key, keys as never[]), order: [consents.key] },
          )) as { key: string; granted: boolean; changedAt: Date }[])
        : [];
  }
  const cancellation = done.get("cancellation.apply");
  if (cancellation) {
    out.cancelledAt = cancellation.at;
    const notices = await recipientNotices(conn, request.id);
    out.cancellation = {
      outcomes: groupItemOutcomes(readItemOutcomes(cancellation.result.outcomes)),
      recipients: notices.map((n) => ({ name: n.recipient, confirmedAt: n.confirmedAt })),
    };
  }
  return out;
}
