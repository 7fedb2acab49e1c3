import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { accounts, addresses, realNameVerifications, type Request } from "@/db/schema";
import { StepRefused, type StepResult } from "./steps";

export type CorrectionDecision = { index: number; approve: boolean; reason?: string };

const COLUMNS = {
  account: { table: accounts, fields: ["nickname", "gender", "birthDate", "email"] },
  real_name: { table: realNameVerifications, fields: ["realName"] },
  address: { table: addresses, fields: ["recipientName", "phone", "province", "city", "district", "detail", "postalCode"] },
} as const;

/**
 * Applies the corrections staff approved, each beside its current value; a rejection needs a reason. A decision
 * for a change the request did not ask for is refused, and so is a set of decisions that leaves one undecided.
 */
export async function applyCorrections(tx: Tx, request: Request, decisions: CorrectionDecision[]): Promise<StepResult> {
  const asked = request.scope.corrections ?? [];
  const seen = new Set<number>();
  for (const d of decisions) {
    if (!Number.isInteger(d.index) || d.index < 0 || d.index >= asked.length || seen.has(d.index))
      throw new StepRefused("not_requested", { index: d.index });
    if (!d.approve && !d.reason?.trim()) throw new StepRefused("reason_required", { index: d.index });
    seen.add(d.index);
  }
  if (seen.size !== asked.length) throw new StepRefused("undecided");
  const results = [];
  for (const d of [...decisions].sort((a, b) => a.index - b.index)) {
    const c = asked[d.index]!;
    const [record, field] = c.field.split(".") as [keyof typeof COLUMNS, string];
    const target = COLUMNS[record];
    if (!target || !(target.fields as readonly string[]).includes(field)) throw new StepRefused("not_requested", { index: d.index });
    if (!d.approve) {
      results.push({ field: c.field, recordId: c.recordId, approved: false, reason: d.reason!.trim() });
      continue;
    }
    const table = target.table;
    const [before] = await tx.select().from(table).where(eq(table.id, c.recordId));
    if (!before) throw new StepRefused("record_gone", { index: d.index });
    const owner = "accountId" in before ? before.accountId : before.id;
    // The account, its real-name record and its addresses are the account holder's: not a 就诊人's to correct.
    if (owner !== request.subjectAccountId || request.subjectPatientId) throw new StepRefused("not_requested", { index: d.index });
    await tx
      .update(table)
      .set({ [field]: c.requested })
      .where(eq(table.id, c.recordId));
    results.push({
      field: c.field,
      recordId: c.recordId,
      approved: true,
      before: String((before as Record<string, unknown>)[field] ?? ""),
      after: c.requested,
    });
  }
  return { corrections: results };
}
