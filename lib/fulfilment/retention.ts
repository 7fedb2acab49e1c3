import { and, inArray, isNotNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consultationPhotos, consultations, orders, prescriptions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { addCalendarDays, shanghaiDateOf } from "@/lib/sla";

export type PurgeReport = {
  applied: boolean;
  today: string;
  photos: string[];
  prescriptions: string[];
  consultations: string[];
  transcripts: string[];
};

/**
 * Deletes restricted records whose retention period has ended (deletable after < today, Shanghai), and clears
 * consultation transcripts held past their own 3 years. Dry run unless `apply`; each purge is audited.
 */
export async function purgeExpiredRetention(db: Db, opts: { apply: boolean; now: Date }): Promise<PurgeReport> {
  const today = shanghaiDateOf(opts.now);
  const transcriptCutoff = new Date(`${addCalendarDays(today, -3 * 365 - 1)}T00:00:00+08:00`);
  return db.transaction(async (tx) => {
    const expired = <T extends { deletableAfter: unknown; restrictedAt: unknown }>(t: T) =>
      and(isNotNull(t.restrictedAt as never), lt(t.deletableAfter as never, today));
    const photos = (await tx.select({ id: consultationPhotos.id }).from(consultationPhotos).where(expired(consultationPhotos))).map((r) => r.id);
    const rx = (await tx.select({ id: prescriptions.id }).from(prescriptions).where(expired(prescriptions))).map((r) => r.id);
    const visits = (await tx.select({ id: consultations.id }).from(consultations).where(expired(consultations))).map((r) => r.id);
    const transcripts = (
      await tx
        .select({ id: consultations.id })
        .from(consultations)
        .where(and(isNotNull(consultations.restrictedAt), isNotNull(consultations.transcript), lt(consultations.startedAt, transcriptCutoff)))
    )
      .map((r) => r.id)
      .filter((id) => !visits.includes(id));
    const report: PurgeReport = { applied: opts.apply, today, photos, prescriptions: rx, consultations: visits, transcripts };
    if (!opts.apply) return report;

    if (photos.length) await tx.delete(consultationPhotos).where(inArray(consultationPhotos.id, photos));
    if (visits.length) {
      // Photos of a purged consultation go with it, whatever their own date.
      await tx.delete(consultationPhotos).where(inArray(consultationPhotos.consultationId, visits));
      await tx.update(prescriptions).set({ consultationId: null }).where(inArray(prescriptions.consultationId, visits));
    }
    if (rx.length) {
      await tx.update(orders).set({ prescriptionId: null }).where(inArray(orders.prescriptionId, rx));
      await tx.delete(prescriptions).where(inArray(prescriptions.id, rx));
    }
    if (visits.length) await tx.delete(consultations).where(inArray(consultations.id, visits));
    if (transcripts.length) await tx.update(consultations).set({ transcript: null }).where(inArray(consultations.id, transcripts));
    for (const [entity, ids] of Object.entries({ consultation_photos: photos, prescriptions: rx, consultations: visits, transcripts })) {
      if (ids.length === 0) continue;
      await appendAudit(tx, { actorId: null, action: "retention.purge", entity, data: { ids, today }, now: opts.now });
    }
    return report;
  });
}
