import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  accounts,
  addresses,
  appointments,
  bankCards,
  browsingLogs,
  consents,
  consultationPhotos,
  consultations,
  orders,
  prescriptions,
  realNameVerifications,
  users,
  type Request,
} from "@/db/schema";
import { asLocale } from "@/lib/i18n/locales";
import { cancellationBlockers } from "@/lib/platform/ownership";
import { shanghaiDateOf } from "@/lib/sla";
import { outboxSmsSender } from "@/lib/sms/sender";
import { categoryMap, deletableAfter } from "./data-map";
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
    await outboxSmsSender.send(tx, { phone: oldPhone, template: "account_cancelled", params: { ref: request.ref }, locale: asLocale(request.locale), requestId: request.id });
  }

  const [last] = await tx
    .select({ last: sql<Date | null>`max(coalesce(${consultations.endedAt}, ${consultations.startedAt}))` })
    .from(consultations)
    .where(eq(consultations.accountId, accountId));
  const until = deletableAfter(categoryMap("consultations").retention!, last?.last ? shanghaiDateOf(new Date(last.last)) : shanghaiDateOf(now));
  const held = { restrictedAt: now, deletableAfter: until };

  const kept = await tx.update(consultations).set({ ...held, accountId: null }).where(eq(consultations.accountId, accountId)).returning({ id: consultations.id });
  if (kept.length > 0) {
    await tx.update(consultationPhotos).set(held).where(and(inArray(consultationPhotos.consultationId, kept.map((k) => k.id)), isNull(consultationPhotos.restrictedAt)));
  }
  const keptPrescriptions = await tx.update(prescriptions).set({ ...held, accountId: null }).where(eq(prescriptions.accountId, accountId)).returning({ id: prescriptions.id });
  await tx.update(orders).set({ addressId: null }).where(eq(orders.accountId, accountId));
  const removed = {
    orders: (await tx.delete(orders).where(eq(orders.accountId, accountId)).returning({ id: orders.id })).length,
    appointments: (await tx.delete(appointments).where(eq(appointments.accountId, accountId)).returning({ id: appointments.id })).length,
    addresses: (await tx.delete(addresses).where(eq(addresses.accountId, accountId)).returning({ id: addresses.id })).length,
    bankCards: (await tx.delete(bankCards).where(eq(bankCards.accountId, accountId)).returning({ id: bankCards.id })).length,
    consents: (await tx.delete(consents).where(eq(consents.accountId, accountId)).returning({ id: consents.id })).length,
    browsingLogs: (await tx.delete(browsingLogs).where(eq(browsingLogs.accountId, accountId)).returning({ id: browsingLogs.id })).length,
    realName: (await tx.delete(realNameVerifications).where(eq(realNameVerifications.accountId, accountId)).returning({ id: realNameVerifications.id })).length,
  };
  await tx
    .update(accounts)
    .set({ phone: null, nickname: "已注销用户", gender: null, birthDate: null, email: null, balanceCents: 0, status: "cancelled", cancelledAt: now })
    .where(eq(accounts.id, accountId));
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
    restricted: { consultations: kept.length, prescriptions: keptPrescriptions.length, deletableAfter: until },
    removed,
    sessionsRevoked: revoked,
  };
}
