import "server-only";
import type { Db } from "@/db/client";
import { notices } from "@/db/schema";
import type { NoticeKind } from "@/lib/domain/values";
import { queueEmail } from "@/lib/email/sender";
import { asLocale } from "@/lib/i18n/locales";
import type { Sms, SmsSender } from "@/lib/sms/sender";
import { noticeEmail } from "./wording";

export type NoticeUser = { id: string; email: string | null; displayName: string; locale: string };

export type NoticeInput = {
  user: NoticeUser;
  kind: NoticeKind;
  requestId: string | null;
  /** The state announced (lib/reminders/scan.ts): a second notice of the same state is never written. */
  onceKey: string;
  data: Record<string, unknown>;
  at: Date;
  /** Patients are told by SMS too. */
  sms?: Sms;
};

/**
 * Writes the notice (shown in-app) and queues its e-mail (staff with an address) or SMS (patients), in one
 * transaction; when the notice exists already, nothing is written or sent. Answers 1 when it was new.
 */
export async function deliverNotice(db: Db, ctx: { siteUrl: string }, input: NoticeInput, smsSender?: SmsSender): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notices)
      .values({ userId: input.user.id, requestId: input.requestId, kind: input.kind, onceKey: input.onceKey, data: input.data, createdAt: input.at })
      .onConflictDoNothing()
      .returning({ id: notices.id });
    if (!row) return 0;
    if (input.user.email && input.kind !== "waiting_on_patient") {
      const mail = noticeEmail(input.kind, input.data, { name: input.user.displayName, locale: asLocale(input.user.locale), siteUrl: ctx.siteUrl });
      await queueEmail(tx, { to: input.user.email, kind: input.kind, ...mail, requestId: input.requestId, at: input.at });
    }
    if (input.sms && smsSender) await smsSender.send(tx, input.sms);
    return 1;
  });
}
