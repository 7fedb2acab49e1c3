import "server-only";
import { and, asc, eq, inArray, isNotNull, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cancellationHeldRecords, cancellationSubjects, consultationPhotos, requests } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { isDataCategory, type DataCategory } from "@/lib/categories/list";
import { idValues } from "@/lib/categories/records";
import { entryOf } from "@/lib/categories/registry";
import { ForbiddenError } from "@/lib/errors";
import { isStaff } from "@/lib/policy";
import { SUBJECT_KEY, subjectHash } from "./cancellation";

/** What staff look a cancelled patient up by: what the patient presents again, the cancellation's reference, or the key. */
export type KeptQuery = { by: "key" | "ref" | "phone" | "id_number"; value: string };

/** Reads the search box: a subject key, a request reference, a mainland mobile number, or else an ID number. */
export function parseKeptQuery(raw: string): KeptQuery | null {
  const q = raw.trim().replace(/\s+/g, "").toUpperCase();
  if (q.length === 0) return null;
  if (SUBJECT_KEY.test(q)) return { by: "key", value: q };
  if (/^DSR-\d{4}-\d+$/.test(q)) return { by: "ref", value: q };
  const digits = q.replace(/[-()+]/g, "");
  if (/^(86)?1\d{10}$/.test(digits)) return { by: "phone", value: digits };
  if (/^[0-9A-Z]{6,20}$/.test(q)) return { by: "id_number", value: q };
  return null;
}

export type KeptRecord = {
  category: DataCategory;
  /** Whether it is about a 就诊人 of the closed account (otherwise the account holder). */
  familyMember: boolean;
  title: string | null;
  detail: string | null;
  at: Date | null;
  deletableAfter: string;
};

export type KeptSubject = {
  key: string;
  /** The cancellation request the records were kept under. */
  ref: string;
  cancelledAt: Date;
  records: KeptRecord[];
  /** Photos kept with the consultations. */
  photos: number;
};

/**
 * The records a legal retention keeps of cancelled patients, found by the subject key, the cancellation's
 * reference, or the phone or ID number the patient presents (matched through their keyed hashes): for staff serving
 * a later copy request or a dispute. Only records still held are listed (the retention purge deletes them when
 * their period ends). Staff only; every look-up is audited (what it was by and the keys found, never the phone or
 * ID number typed).
 */
export async function findKeptRecords(db: Db, actor: Actor, query: KeptQuery, now: Date): Promise<KeptSubject[]> {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  const where: SQL | undefined =
    query.by === "key"
      ? eq(cancellationSubjects.key, query.value)
      : query.by === "ref"
        ? eq(requests.ref, query.value)
        : query.by === "phone"
          ? eq(cancellationSubjects.phoneHash, subjectHash("phone", query.value))
          : eq(cancellationSubjects.idNumberHash, subjectHash("id_number", query.value));
  return db.transaction(async (tx) => {
    const subjects = await tx
      .select({ key: cancellationSubjects.key, ref: requests.ref, cancelledAt: cancellationSubjects.cancelledAt })
      .from(cancellationSubjects)
      .innerJoin(requests, eq(requests.id, cancellationSubjects.requestId))
      .where(where)
      .orderBy(asc(cancellationSubjects.cancelledAt));
    const out: KeptSubject[] = [];
    for (const s of subjects) {
      const held = await tx.select().from(cancellationHeldRecords).where(eq(cancellationHeldRecords.subjectKey, s.key));
      const records: KeptRecord[] = [];
      const byCategory = new Map<string, typeof held>();
      for (const h of held) byCategory.set(h.category, [...(byCategory.get(h.category) ?? []), h]);
      let photos = 0;
      for (const [category, rows] of byCategory) {
        if (!isDataCategory(category)) continue;
        const entry = entryOf(category);
        if (!entry.restriction) continue;
        const ids = rows.map((r) => r.recordId);
        const fields = { id: entry.id.column, ...(entry.view && !entry.subject.via ? entry.view.select : {}) };
        const found = (await tx
          .select(fields)
          .from(entry.table)
          .where(and(inArray(entry.id.column, idValues(entry, ids)), isNotNull(entry.restriction.restrictedAt)))) as Record<string, unknown>[];
        const byId = new Map(found.map((f) => [String(f.id), f]));
        for (const r of rows) {
          const row = byId.get(r.recordId);
          if (!row) continue; // purged since
          const item = entry.view && !entry.subject.via ? entry.view.item(row as never) : null;
          records.push({
            category,
            familyMember: r.patientId !== null,
            title: item?.title ?? null,
            detail: item?.detail ?? null,
            at: item?.at ?? null,
            deletableAfter: r.deletableAfter,
          });
        }
        if (category === "consultations" && found.length > 0) {
          photos += (
            await tx
              .select({ id: consultationPhotos.id })
              .from(consultationPhotos)
              .where(
                inArray(
                  consultationPhotos.consultationId,
                  found.map((f) => String(f.id)),
                ),
              )
          ).length;
        }
      }
      records.sort((a, b) => a.category.localeCompare(b.category) || (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0));
      out.push({ ...s, records, photos });
    }
    await appendAudit(tx, {
      actorId: actor.id,
      action: "kept_records.lookup",
      entity: "cancellation_subject",
      entityId: out.length === 1 ? out[0]!.key : null,
      data: { by: query.by, keys: out.map((s) => s.key) },
      now,
    });
    return out;
  });
}
