import { and, eq, isNull, sql } from "drizzle-orm";
import { toCamelCase } from "drizzle-orm/casing";
import type { Tx } from "@/db/client";
import { accounts, users, type Request } from "@/db/schema";
import { eraseOwned, lastVisitDate, referencingFirst, restrictRecords } from "@/lib/categories/records";
import { REGISTRY } from "@/lib/categories/registry";
import { asLocale } from "@/lib/i18n/locales";
import { cancellationBlockers } from "@/lib/platform/ownership";
import { shanghaiDateOf } from "@/lib/sla";
import { outboxSmsSender } from "@/lib/sms/sender";
import { deletableAfter } from "./data-map";
import { StepRefused, type StepResult } from "./steps";

/**
 * Closes the subject's account (policy §8.5): preconditions re-checked; the account anonymised (name, phone,
 * ID, addresses, cards removed); medical records kept for their retention period, restricted and detached from
 * the account; every portal session of that phone revoked, so signing in with it again starts a new, empty
 * account; a final confirmation by SMS.
 */
export async function applyCancellation(tx: Tx, request: Request, now: Date): Promise<StepResult> {
  const accountId = request.subjectAccountId;
  if (!accountId) throw new StepRefused("no_subject_account");
  const blockers = await cancellationBlockers(tx, accountId);
  if (blockers.length > 0) throw new StepRefused("cancellation_blocked", { blockers });
  const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account || account.status === "cancelled") throw new StepRefused("already_cancelled");
  const oldPhone = account.phone;

  // The confirmation goes out while we still know where to send it.
  if (oldPhone) {
    await outboxSmsSender.send(tx, { phone: oldPhone, template: "account_cancelled", params: { ref: request.ref }, locale: asLocale(request.locale), requestId: request.id, at: now });
  }

  // Per the registry: what a retention period holds is kept, restricted and detached from the account (the
  // records that belong through it, such as photos, restricted with it); everything else is deleted; the
  // account itself is anonymised as closed, last.
  const lastVisit = (await lastVisitDate(tx, accountId)) ?? shanghaiDateOf(now);
  const restricted: Record<string, unknown> = {};
  let until = "";
  for (const entry of REGISTRY) {
    if (entry.erasure.method !== "restrict" || !entry.retention || entry.subject.via) continue;
    const held = { now, until: deletableAfter(entry.retention, lastVisit) };
    restricted[entry.category] = (await restrictRecords(tx, entry, eq(entry.subject.column, accountId), held, { detach: true })).length;
    if (held.until > until) until = held.until;
  }
  restricted.deletableAfter = until;
  const removed: Record<string, number> = {};
  for (const entry of referencingFirst(REGISTRY.filter((e) => e.erasure.method === "delete"))) {
    removed[toCamelCase(entry.category)] = await eraseOwned(tx, entry, accountId, null);
  }
  for (const entry of REGISTRY) {
    if (entry.erasure.method === "anonymise") await eraseOwned(tx, entry, accountId, null, entry.erasure.onCancellation(now));
  }
  let revoked = 0;
  if (oldPhone) {
    const rows = await tx
      .update(users)
      .set({ phone: null, displayName: "", disabledAt: now, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(and(eq(users.phone, oldPhone), eq(users.role, "patient"), isNull(users.disabledAt)))
      .returning({ id: users.id });
    revoked = rows.length;
  }
  return {
    anonymised: true,
    restricted,
    removed,
    sessionsRevoked: revoked,
  };
}
