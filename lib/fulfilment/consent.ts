import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { consents, type Request } from "@/db/schema";
import { ownedBy } from "@/lib/categories/records";
import { entryOf } from "@/lib/categories/registry";
import { subjectOf } from "@/lib/platform/subject";
import { StepRefused, type StepResult } from "./steps";

/**
 * Switches off, in the platform records, the consents the patient withdrew, with the time. Consents are the
 * account holder's (the registry's `consents` entry): a 就诊人 has none of their own, so nothing is switched.
 */
export async function applyConsentWithdrawal(tx: Tx, request: Request, now: Date): Promise<StepResult> {
  const subject = subjectOf(request);
  if (!subject) throw new StepRefused("no_subject_account");
  const keys = request.scope.consents ?? [];
  if (keys.length === 0) throw new StepRefused("nothing_to_do");
  const changed = await tx
    .update(consents)
    .set({ granted: false, changedAt: now })
    .where(and(ownedBy(tx, entryOf("consents"), subject), inArray(consents.key, keys as never[]), eq(consents.granted, true)))
    .returning({ key: consents.key });
  return { withdrawn: keys, switchedOff: changed.map((c) => c.key).sort(), at: now.toISOString() };
}
