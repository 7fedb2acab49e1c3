import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { consents, type Request } from "@/db/schema";
import { StepRefused, type StepResult } from "./steps";

/** Switches off, in the platform records, the consents the patient withdrew, with the time. */
export async function applyConsentWithdrawal(tx: Tx, request: Request, now: Date): Promise<StepResult> {
  const accountId = request.subjectAccountId;
  if (!accountId) throw new StepRefused("no_subject_account");
  const keys = request.scope.consents ?? [];
  if (keys.length === 0) throw new StepRefused("nothing_to_do");
  const changed = await tx
    .update(consents)
    .set({ granted: false, changedAt: now })
    .where(and(eq(consents.accountId, accountId), inArray(consents.key, keys as never[]), eq(consents.granted, true)))
    .returning({ key: consents.key });
  return { withdrawn: keys, switchedOff: changed.map((c) => c.key).sort(), at: now.toISOString() };
}
