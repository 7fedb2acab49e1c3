import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, bankCards, orders, type Request } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { fileRequest, step, type FileInput, type TestPatient } from "@/lib/testing/factories";

/**
 * Helpers of the fulfilment tests, on patients the tests make themselves (lib/testing/factories.ts): never a
 * demo patient, never the seed's state; every moment is an argument.
 */

/** The patient's platform account, as it is now. */
export async function accountOf(db: Db, patient: TestPatient) {
  if (!patient.accountId) throw new Error(`patient ${patient.phone} has no platform account`);
  const [a] = await db.select().from(accounts).where(eq(accounts.id, patient.accountId));
  return a!;
}

/**
 * A request the patient files through the portal's own code at `now`, claimed by `agent` at the same moment:
 * in progress and assigned to them, ready for fulfilment steps.
 */
export async function requestInProgress(db: Db, agent: Actor, patient: TestPatient, input: FileInput, opts: { now: Date }): Promise<Request> {
  const filed = await fileRequest(db, patient, input, { now: opts.now });
  return step(db, agent, filed.ref, { kind: "claim" }, opts.now);
}

/** A bank card bound to the patient's account (the factory draws 0–2 at random), bound a year before `now`. */
export async function addBankCard(db: Db, patient: TestPatient, opts: { now: Date }) {
  const [card] = await db
    .insert(bankCards)
    .values({
      accountId: patient.accountId!,
      bankName: "招商银行",
      cardType: "信用卡",
      maskedNumber: "6225 **** **** 0427",
      boundAt: new Date(opts.now.getTime() - 365 * 86_400_000),
    })
    .returning();
  return card!;
}

/** The calendar date in Shanghai (UTC+8, no daylight saving) of an instant, as YYYY-MM-DD. */
export const shanghaiDate = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The day a period of whole years after `date` (YYYY-MM-DD) ends, as the Civil Code counts it (art. 202): the
 * same day of the month, or the month's last day when it has none (29 February → 28 February).
 */
export function yearsAfter(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, "0")}-${String(Math.min(d, daysInMonth)).padStart(2, "0")}`;
}

/** A delivered medicine order of `patient`'s account, placed and delivered at `at`. */
export async function orderAt(db: Db, patient: TestPatient, at: Date, pharmacy = "测试大药房") {
  const [o] = await db
    .insert(orders)
    .values({
      accountId: patient.accountId!,
      status: "delivered",
      totalCents: 12_800,
      pharmacy,
      logisticsCompany: "顺丰速运",
      paymentProvider: "微信支付",
      createdAt: at,
      deliveredAt: at,
    })
    .returning();
  return o!;
}
