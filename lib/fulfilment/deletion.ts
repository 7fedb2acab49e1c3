import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Conn, Tx } from "@/db/client";
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
  outbox,
  prescriptions,
  realNameVerifications,
  type Request,
} from "@/db/schema";
import { translatorFor } from "@/lib/i18n/translator";
import { shanghaiDateOf } from "@/lib/sla";
import type { DataCategory } from "@/lib/requests/categories";
import { categoryMap, deletableAfter, type Recipient } from "./data-map";
import { StepRefused, type StepResult } from "./steps";

export type ItemOutcome = {
  category: DataCategory;
  id: string | null;
  outcome: "deleted" | "anonymised" | "restricted" | "none";
  count: number;
  deletableAfter?: string;
};

/** Staff may only ask for what the data map allows: never "delete" for a category a retention period holds. */
export type DeletionOverride = { category: DataCategory; erasure: "delete" };

/** The last visit: the latest consultation of the account; medical records are held 15 years from it. */
async function lastVisitDate(tx: Conn, accountId: string): Promise<string | null> {
  const [row] = await tx
    .select({ last: sql<Date | null>`max(coalesce(${consultations.endedAt}, ${consultations.startedAt}))` })
    .from(consultations)
    .where(eq(consultations.accountId, accountId));
  return row?.last ? shanghaiDateOf(new Date(row.last)) : null;
}

/** Who received the data of these categories, by name, read before anything is deleted (policy §5, §8.3). */
async function recipientsOf(tx: Conn, accountId: string, categories: Set<DataCategory>): Promise<{ kind: Recipient; name: string }[]> {
  const kinds = new Set<Recipient>();
  for (const c of categories) for (const r of categoryMap(c).recipients) kinds.add(r);
  if (kinds.size === 0) return [];
  const rows = await tx
    .select({ pharmacy: orders.pharmacy, logistics: orders.logisticsCompany, payment: orders.paymentProvider })
    .from(orders)
    .where(eq(orders.accountId, accountId));
  const found = new Map<string, { kind: Recipient; name: string }>();
  for (const r of rows) {
    if (kinds.has("partner_pharmacy") && r.pharmacy) found.set(`partner_pharmacy:${r.pharmacy}`, { kind: "partner_pharmacy", name: r.pharmacy });
    if (kinds.has("logistics") && r.logistics) found.set(`logistics:${r.logistics}`, { kind: "logistics", name: r.logistics });
    if (kinds.has("payment_provider") && r.payment) found.set(`payment_provider:${r.payment}`, { kind: "payment_provider", name: r.payment });
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function restrict(tx: Tx, category: DataCategory, accountId: string, ids: string[] | null, now: Date, until: string): Promise<number> {
  const set = { restrictedAt: now, deletableAfter: until };
  switch (category) {
    case "consultations": {
      const where = and(eq(consultations.accountId, accountId), isNull(consultations.restrictedAt), ids ? inArray(consultations.id, ids) : undefined);
      const rows = await tx.update(consultations).set(set).where(where).returning({ id: consultations.id });
      if (rows.length > 0) {
        await tx
          .update(consultationPhotos)
          .set(set)
          .where(and(inArray(consultationPhotos.consultationId, rows.map((r) => r.id)), isNull(consultationPhotos.restrictedAt)));
      }
      return rows.length;
    }
    case "photos": {
      const own = tx.select({ id: consultations.id }).from(consultations).where(eq(consultations.accountId, accountId));
      const where = and(inArray(consultationPhotos.consultationId, own), isNull(consultationPhotos.restrictedAt), ids ? inArray(consultationPhotos.id, ids) : undefined);
      return (await tx.update(consultationPhotos).set(set).where(where).returning({ id: consultationPhotos.id })).length;
    }
    case "prescriptions": {
      const where = and(eq(prescriptions.accountId, accountId), isNull(prescriptions.restrictedAt), ids ? inArray(prescriptions.id, ids) : undefined);
      return (await tx.update(prescriptions).set(set).where(where).returning({ id: prescriptions.id })).length;
    }
    default:
      throw new Error(`${category} is not restricted by retention`);
  }
}

async function erase(tx: Tx, category: DataCategory, accountId: string, ids: string[] | null): Promise<number> {
  const byIds = <T>(col: T) => (ids ? inArray(col as never, ids) : undefined);
  switch (category) {
    case "account": {
      const rows = await tx
        .update(accounts)
        .set({ nickname: "已删除", gender: null, birthDate: null, email: null })
        .where(eq(accounts.id, accountId))
        .returning({ id: accounts.id });
      return rows.length;
    }
    case "real_name":
      return (await tx.delete(realNameVerifications).where(and(eq(realNameVerifications.accountId, accountId), byIds(realNameVerifications.id))).returning({ id: realNameVerifications.id })).length;
    case "appointments":
      return (await tx.delete(appointments).where(and(eq(appointments.accountId, accountId), byIds(appointments.id))).returning({ id: appointments.id })).length;
    case "orders":
      return (await tx.delete(orders).where(and(eq(orders.accountId, accountId), byIds(orders.id))).returning({ id: orders.id })).length;
    case "addresses": {
      const gone = tx.select({ id: addresses.id }).from(addresses).where(and(eq(addresses.accountId, accountId), byIds(addresses.id)));
      await tx.update(orders).set({ addressId: null }).where(inArray(orders.addressId, gone));
      return (await tx.delete(addresses).where(and(eq(addresses.accountId, accountId), byIds(addresses.id))).returning({ id: addresses.id })).length;
    }
    case "bank_cards":
      return (await tx.delete(bankCards).where(and(eq(bankCards.accountId, accountId), byIds(bankCards.id))).returning({ id: bankCards.id })).length;
    case "consents":
      return (await tx.delete(consents).where(and(eq(consents.accountId, accountId), byIds(consents.id))).returning({ id: consents.id })).length;
    case "browsing_logs": {
      const numeric = ids?.map(Number);
      return (
        await tx
          .delete(browsingLogs)
          .where(and(eq(browsingLogs.accountId, accountId), numeric ? inArray(browsingLogs.id, numeric) : undefined))
          .returning({ id: browsingLogs.id })
      ).length;
    }
    default:
      throw new Error(`${category} cannot be erased here`);
  }
}

export type DeletionTarget = {
  category: DataCategory;
  /** Single items asked for, or null for the whole category. */
  ids: string[] | null;
  erasure: "delete" | "anonymise" | "restrict";
  /** For a restricted category: the date (Shanghai) its records become deletable. */
  deletableAfter?: string;
};

export type DeletionPlan = { targets: DeletionTarget[]; recipients: { kind: Recipient; name: string }[] };

/**
 * What a deletion request will do to its subject's records, per the data map: which categories and items
 * go (deleted or anonymised), which a retention period holds (restricted, with the date they become
 * deletable), and who received the data. Restrictions come first: erasing orders must not run before
 * prescriptions are held. The request page shows it before staff apply it; applyDeletion carries it out.
 */
export async function planDeletion(conn: Conn, request: Request, now: Date): Promise<DeletionPlan> {
  const accountId = request.subjectAccountId;
  if (!accountId) throw new StepRefused("no_subject_account");
  const scope = request.scope;
  const wanted: { category: DataCategory; ids: string[] | null }[] = (scope.categories ?? []).map((c) => ({ category: c as DataCategory, ids: null }));
  const itemCategories = new Map<DataCategory, string[]>();
  for (const item of scope.items ?? []) {
    if ((scope.categories ?? []).includes(item.category)) continue; // the whole category goes anyway
    itemCategories.set(item.category as DataCategory, [...(itemCategories.get(item.category as DataCategory) ?? []), item.id]);
  }
  for (const [category, ids] of itemCategories) wanted.push({ category, ids });
  const lastVisit = (await lastVisitDate(conn, accountId)) ?? shanghaiDateOf(now);
  const targets = wanted.map(({ category, ids }): DeletionTarget => {
    const map = categoryMap(category);
    return map.erasure === "restrict" && map.retention
      ? { category, ids, erasure: "restrict", deletableAfter: deletableAfter(map.retention, lastVisit) }
      : { category, ids, erasure: map.erasure === "anonymise" ? "anonymise" : "delete" };
  });
  targets.sort((a, b) => Number(b.erasure === "restrict") - Number(a.erasure === "restrict"));
  const recipients = await recipientsOf(conn, accountId, new Set(targets.map((t) => t.category)));
  return { targets, recipients };
}

/**
 * Carries out a deletion request on the platform records of its subject (see planDeletion), then sends every
 * recipient of the data a deletion notice through the outbox, tracked until staff record its confirmation
 * (lib/fulfilment/recipients.ts). Runs inside a fulfilment step (one transaction). `overrides` are staff's
 * requests to delete outright; one for a category a retention period holds is refused, nothing changed.
 */
export async function applyDeletion(tx: Tx, request: Request, now: Date, overrides: DeletionOverride[] = []): Promise<StepResult> {
  const accountId = request.subjectAccountId;
  if (!accountId) throw new StepRefused("no_subject_account");
  for (const o of overrides) {
    if (categoryMap(o.category).retention && categoryMap(o.category).erasure === "restrict") {
      throw new StepRefused("legal_hold", { category: o.category });
    }
  }
  const { targets, recipients } = await planDeletion(tx, request, now);
  const outcomes: ItemOutcome[] = [];
  for (const target of targets) {
    if (target.erasure === "restrict") {
      const count = await restrict(tx, target.category, accountId, target.ids, now, target.deletableAfter!);
      outcomes.push({ category: target.category, id: target.ids?.join(",") ?? null, outcome: count > 0 ? "restricted" : "none", count, deletableAfter: target.deletableAfter });
    } else {
      const count = await erase(tx, target.category, accountId, target.ids);
      outcomes.push({ category: target.category, id: target.ids?.join(",") ?? null, outcome: count === 0 ? "none" : target.erasure === "anonymise" ? "anonymised" : "deleted", count });
    }
  }
  const categories = [...new Set(targets.map((t) => t.category))];
  const t = translatorFor("zh-CN", "notices");
  const names = translatorFor("zh-CN", "categories");
  for (const r of recipients) {
    await tx.insert(outbox).values({
      channel: "recipient_notice",
      recipient: r.name,
      template: "deletion_notice",
      body: t("deletion_notice", { ref: request.ref, categories: categories.map((c) => names(c)).join("、") }),
      payload: { kind: r.kind, ref: request.ref, categories },
      requestId: request.id,
      createdAt: now,
    });
  }
  return { outcomes, recipients: recipients.map((r) => r.name) };
}
