import "server-only";
import { and, asc, desc, eq, gte } from "drizzle-orm";
import type { Conn } from "@/db/client";
import {
  addresses,
  appointments,
  automatedDecisions,
  bankCards,
  browsingLogs,
  consents,
  consultationPhotos,
  consultations,
  orders,
  prescriptions,
  realNameVerifications,
  type ConsentKey,
} from "@/db/schema";
import { CONSENT_KEYS } from "@/db/schema/platform";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import type { CorrectableField, DataCategory } from "@/lib/requests/categories";
import { accountByPhone, cancellationBlockers, type CancellationBlocker } from "./ownership";

/**
 * The signed-in patient's own hospital records, as the request forms offer them: only through this module, only
 * the actor's own account (found by the phone they signed in with), and only what a form needs. ID numbers
 * leave it masked — with the last four characters hidden too, since they are what the real-name check asks.
 */

/** 110105196803126687 → 110***************: nothing of the part the real-name check asks for. */
export function maskIdForPatient(id: string): string {
  return id.length > 3 ? `${id.slice(0, 3)}${"*".repeat(id.length - 3)}` : "***";
}

export type CorrectableValue = {
  field: CorrectableField;
  recordId: string;
  /** The value as stored (gender as "male"/"female", dates as YYYY-MM-DD); "" when empty. */
  current: string;
  /** Which address, for address fields: the default one first. */
  addressIndex?: number;
};

export type RecordItem = {
  id: string;
  /** Words from the record itself (department and complaint, pharmacy…), shown as text. */
  title: string;
  detail?: string;
  /** A photo's kind, "tongue" or "face". */
  kind?: string;
  at: string | null;
  /** Held for a legal retention period after an earlier deletion: kept, restricted, deletable from this date. */
  restrictedUntil: string | null;
};

export type PatientRecords = {
  hasAccount: boolean;
  realName: { realName: string; idNumberMasked: string } | null;
  correctable: CorrectableValue[];
  addressCount: number;
  consents: { key: ConsentKey; granted: boolean; changedAt: string }[];
  decisions: { id: string; kind: string; outcome: string; decidedAt: string }[];
  /** Single records a deletion may name, per category. */
  items: Partial<Record<DataCategory, RecordItem[]>>;
  blockers: CancellationBlocker[];
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

const EMPTY: PatientRecords = { hasAccount: false, realName: null, correctable: [], addressCount: 0, consents: [], decisions: [], items: {}, blockers: [] };

export async function loadPatientRecords(conn: Conn, actor: Actor, now = new Date()): Promise<PatientRecords> {
  if (actor.role !== "patient") throw new ForbiddenError("patients only");
  const account = actor.phone ? await accountByPhone(conn, actor.phone) : null;
  if (!account) return EMPTY;
  const id = account.id;
  const monthAgo = new Date(now.getTime() - 31 * 86_400_000);

  const [realName, addressRows, consentRows, decisionRows, consultationRows, photoRows, appointmentRows, prescriptionRows, orderRows, cardRows, logRows, blockers] =
    await Promise.all([
      conn.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, id)),
      conn.select().from(addresses).where(eq(addresses.accountId, id)).orderBy(desc(addresses.isDefault), asc(addresses.id)),
      conn.select().from(consents).where(eq(consents.accountId, id)),
      conn.select().from(automatedDecisions).where(eq(automatedDecisions.accountId, id)).orderBy(desc(automatedDecisions.decidedAt)),
      conn.select().from(consultations).where(eq(consultations.accountId, id)).orderBy(desc(consultations.startedAt)),
      conn
        .select({
          id: consultationPhotos.id,
          kind: consultationPhotos.kind,
          takenAt: consultationPhotos.takenAt,
          restrictedAt: consultationPhotos.restrictedAt,
          deletableAfter: consultationPhotos.deletableAfter,
          department: consultations.department,
        })
        .from(consultationPhotos)
        .innerJoin(consultations, eq(consultations.id, consultationPhotos.consultationId))
        .where(eq(consultations.accountId, id))
        .orderBy(desc(consultationPhotos.takenAt)),
      conn.select().from(appointments).where(eq(appointments.accountId, id)).orderBy(desc(appointments.scheduledAt)),
      conn.select().from(prescriptions).where(eq(prescriptions.accountId, id)).orderBy(desc(prescriptions.issuedAt)),
      conn.select().from(orders).where(eq(orders.accountId, id)).orderBy(desc(orders.createdAt)),
      conn.select().from(bankCards).where(eq(bankCards.accountId, id)).orderBy(desc(bankCards.boundAt)),
      conn
        .select()
        .from(browsingLogs)
        .where(and(eq(browsingLogs.accountId, id), gte(browsingLogs.occurredAt, monthAgo)))
        .orderBy(desc(browsingLogs.occurredAt))
        .limit(100),
      cancellationBlockers(conn, id),
    ]);

  const rn = realName[0];
  const correctable: CorrectableValue[] = [
    { field: "account.nickname", recordId: id, current: account.nickname },
    { field: "account.gender", recordId: id, current: account.gender ?? "" },
    { field: "account.birthDate", recordId: id, current: account.birthDate ?? "" },
    { field: "account.email", recordId: id, current: account.email ?? "" },
  ];
  if (rn) correctable.push({ field: "real_name.realName", recordId: rn.id, current: rn.realName });
  addressRows.forEach((a, i) => {
    const fields = { recipientName: a.recipientName, phone: a.phone, province: a.province, city: a.city, district: a.district, detail: a.detail, postalCode: a.postalCode ?? "" };
    for (const [f, v] of Object.entries(fields)) correctable.push({ field: `address.${f}` as CorrectableField, recordId: a.id, current: v, addressIndex: i });
  });

  const restricted = (r: { restrictedAt: Date | null; deletableAfter: string | null }) => (r.restrictedAt ? (r.deletableAfter ?? "") : null);
  const granted = new Map(consentRows.map((c) => [c.key, c]));

  return {
    hasAccount: true,
    realName: rn ? { realName: rn.realName, idNumberMasked: maskIdForPatient(rn.idNumber) } : null,
    correctable,
    addressCount: addressRows.length,
    // Every key the platform asks for, in a fixed order; a key never asked counts as not granted.
    consents: CONSENT_KEYS.map((key) => {
      const c = granted.get(key);
      return { key, granted: c?.granted ?? false, changedAt: iso(c?.changedAt) ?? "" };
    }),
    decisions: decisionRows.map((d) => ({ id: d.id, kind: d.kind, outcome: d.outcome, decidedAt: d.decidedAt.toISOString() })),
    items: {
      consultations: consultationRows.map((c) => ({
        id: c.id,
        title: `${c.department} · ${c.doctorName}`,
        detail: c.chiefComplaint,
        at: iso(c.startedAt),
        restrictedUntil: restricted(c),
      })),
      photos: photoRows.map((p) => ({ id: p.id, title: p.department, kind: p.kind, at: iso(p.takenAt), restrictedUntil: restricted(p) })),
      appointments: appointmentRows.map((a) => ({ id: a.id, title: `${a.department} · ${a.doctorName}`, at: iso(a.scheduledAt), restrictedUntil: restricted(a) })),
      prescriptions: prescriptionRows.map((p) => ({
        id: p.id,
        title: p.doctorName,
        detail: p.herbs
          .slice(0, 4)
          .map((h) => h.name)
          .join("、"),
        at: iso(p.issuedAt),
        restrictedUntil: restricted(p),
      })),
      orders: orderRows.map((o) => ({ id: o.id, title: o.pharmacy, detail: yuan(o.totalCents), at: iso(o.createdAt), restrictedUntil: restricted(o) })),
      addresses: addressRows.map((a) => ({ id: a.id, title: `${a.province}${a.city === a.province ? "" : a.city}${a.district}${a.detail}`, detail: a.recipientName, at: null, restrictedUntil: null })),
      bank_cards: cardRows.map((b) => ({ id: b.id, title: `${b.bankName} ${b.maskedNumber}`, detail: b.cardType, at: iso(b.boundAt), restrictedUntil: null })),
      browsing_logs: logRows.map((l) => ({ id: String(l.id), title: l.page, detail: l.ip, at: iso(l.occurredAt), restrictedUntil: null })),
    },
    blockers,
  };
}
