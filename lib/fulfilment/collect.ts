import { and, asc, eq, isNull } from "drizzle-orm";
import type { Conn } from "@/db/client";
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
} from "@/db/schema";
import { maskIdNumber } from "@/lib/identity/real-name";
import type { DataCategory } from "@/lib/requests/categories";

export type Cell = string | number | boolean | null;
export type CategoryData = {
  category: DataCategory;
  rows: Record<string, Cell>[];
  files: { name: string; contentType: string; bytes: Uint8Array }[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * One category of one account's records, as the data subject receives them. Every query is scoped by the
 * account; records restricted under a retention hold are excluded, as from every other use.
 */
export async function collectCategory(conn: Conn, accountId: string, category: DataCategory): Promise<CategoryData> {
  const data: CategoryData = { category, rows: [], files: [] };
  switch (category) {
    case "account": {
      const rows = await conn.select().from(accounts).where(eq(accounts.id, accountId));
      data.rows = rows.map((a) => ({
        phone: a.phone,
        nickname: a.nickname,
        gender: a.gender,
        birthDate: a.birthDate,
        email: a.email,
        balanceYuan: (a.balanceCents / 100).toFixed(2),
        createdAt: iso(a.createdAt),
      }));
      break;
    }
    case "real_name": {
      const rows = await conn.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, accountId));
      data.rows = rows.map((r) => ({ realName: r.realName, idType: r.idType, idNumber: maskIdNumber(r.idNumber), verifiedAt: iso(r.verifiedAt) }));
      break;
    }
    case "consultations": {
      const rows = await conn
        .select()
        .from(consultations)
        .where(and(eq(consultations.accountId, accountId), isNull(consultations.restrictedAt)))
        .orderBy(asc(consultations.startedAt));
      data.rows = rows.map((c) => ({
        id: c.id,
        startedAt: iso(c.startedAt),
        endedAt: iso(c.endedAt),
        doctor: c.doctorName,
        department: c.department,
        status: c.status,
        chiefComplaint: c.chiefComplaint,
        diagnosis: c.diagnosis,
        transcript: c.transcript,
      }));
      break;
    }
    case "photos": {
      const rows = await conn
        .select({ photo: consultationPhotos })
        .from(consultationPhotos)
        .innerJoin(consultations, eq(consultations.id, consultationPhotos.consultationId))
        .where(and(eq(consultations.accountId, accountId), isNull(consultationPhotos.restrictedAt)))
        .orderBy(asc(consultationPhotos.takenAt));
      for (const { photo } of rows) {
        const name = `images/${photo.takenAt.toISOString().slice(0, 10)}-${photo.kind}-${photo.id.slice(0, 8)}.${photo.contentType === "image/jpeg" ? "jpg" : "png"}`;
        data.rows.push({ id: photo.id, consultationId: photo.consultationId, kind: photo.kind, takenAt: iso(photo.takenAt), file: name });
        data.files.push({ name, contentType: photo.contentType, bytes: photo.content });
      }
      break;
    }
    case "appointments": {
      const rows = await conn
        .select()
        .from(appointments)
        .where(and(eq(appointments.accountId, accountId), isNull(appointments.restrictedAt)))
        .orderBy(asc(appointments.scheduledAt));
      data.rows = rows.map((a) => ({ id: a.id, scheduledAt: iso(a.scheduledAt), doctor: a.doctorName, department: a.department, status: a.status }));
      break;
    }
    case "prescriptions": {
      const rows = await conn
        .select()
        .from(prescriptions)
        .where(and(eq(prescriptions.accountId, accountId), isNull(prescriptions.restrictedAt)))
        .orderBy(asc(prescriptions.issuedAt));
      data.rows = rows.map((p) => ({
        id: p.id,
        issuedAt: iso(p.issuedAt),
        doctor: p.doctorName,
        herbs: p.herbs.map((h) => `${h.name} ${h.grams}g`).join("、"),
        doses: p.doses,
        instructions: p.instructions,
      }));
      break;
    }
    case "orders": {
      const rows = await conn
        .select()
        .from(orders)
        .where(and(eq(orders.accountId, accountId), isNull(orders.restrictedAt)))
        .orderBy(asc(orders.createdAt));
      data.rows = rows.map((o) => ({
        id: o.id,
        createdAt: iso(o.createdAt),
        status: o.status,
        totalYuan: (o.totalCents / 100).toFixed(2),
        pharmacy: o.pharmacy,
        logistics: o.logisticsCompany,
        payment: o.paymentProvider,
        deliveredAt: iso(o.deliveredAt),
      }));
      break;
    }
    case "addresses": {
      const rows = await conn.select().from(addresses).where(eq(addresses.accountId, accountId));
      data.rows = rows.map((a) => ({
        id: a.id,
        recipient: a.recipientName,
        phone: a.phone,
        address: `${a.province}${a.city}${a.district}${a.detail}`,
        postalCode: a.postalCode,
        isDefault: a.isDefault,
      }));
      break;
    }
    case "bank_cards": {
      const rows = await conn.select().from(bankCards).where(eq(bankCards.accountId, accountId));
      data.rows = rows.map((b) => ({ id: b.id, bank: b.bankName, type: b.cardType, number: b.maskedNumber, boundAt: iso(b.boundAt) }));
      break;
    }
    case "consents": {
      const rows = await conn.select().from(consents).where(eq(consents.accountId, accountId)).orderBy(asc(consents.key));
      data.rows = rows.map((c) => ({ key: c.key, granted: c.granted, changedAt: iso(c.changedAt) }));
      break;
    }
    case "browsing_logs": {
      const rows = await conn.select().from(browsingLogs).where(eq(browsingLogs.accountId, accountId)).orderBy(asc(browsingLogs.occurredAt));
      data.rows = rows.map((l) => ({ occurredAt: iso(l.occurredAt), page: l.page, ip: l.ip, userAgent: l.userAgent }));
      break;
    }
  }
  return data;
}

export async function collectCategories(conn: Conn, accountId: string, categories: DataCategory[]): Promise<CategoryData[]> {
  const out: CategoryData[] = [];
  for (const c of categories) out.push(await collectCategory(conn, accountId, c));
  return out;
}
