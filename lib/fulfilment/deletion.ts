import type { Conn, Tx } from "@/db/client";
import { outbox, type Request } from "@/db/schema";
import { eraseOwned, lastVisitDate, restrictOwned, selectOwned } from "@/lib/categories/records";
import { entryOf, RECIPIENT_NAMES, RECIPIENTS, type Recipient } from "@/lib/categories/registry";
import { translatorFor } from "@/lib/i18n/translator";
import { shanghaiDateOf } from "@/lib/sla";
import type { DataCategory } from "@/lib/requests/categories";
import { deletableAfter } from "./data-map";
import { StepRefused, type StepResult } from "./steps";

export type ItemOutcome = {
  category: DataCategory;
  id: string | null;
  outcome: "deleted" | "anonymised" | "restricted" | "none";
  count: number;
  deletableAfter?: string;
};

/** Staff may only ask for what the registry allows: never "delete" for a category a retention period holds. */
export type DeletionOverride = { category: DataCategory; erasure: "delete" };

/**
 * Who received the data of these categories (their entries' `recipients`), by name, read before anything is
 * deleted from the records that name them (the registry's RECIPIENT_NAMES; policy §5, §8.3).
 */
async function recipientsOf(tx: Conn, accountId: string, categories: Set<DataCategory>): Promise<{ kind: Recipient; name: string }[]> {
  const kinds = new Set<Recipient>();
  for (const c of categories) for (const r of entryOf(c).recipients) kinds.add(r);
  if (kinds.size === 0) return [];
  const named = entryOf(RECIPIENT_NAMES.category);
  const rows = await selectOwned(tx, named, accountId, RECIPIENT_NAMES.columns);
  const found = new Map<string, { kind: Recipient; name: string }>();
  for (const r of rows) {
    for (const kind of RECIPIENTS) {
      const name = r[kind] as string | null;
      if (kinds.has(kind) && name) found.set(`${kind}:${name}`, { kind, name });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
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
 * What a deletion request will do to its subject's records, per the data-category registry: which categories and items
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
    const entry = entryOf(category);
    return entry.erasure.method === "restrict" && entry.retention
      ? { category, ids, erasure: "restrict", deletableAfter: deletableAfter(entry.retention, lastVisit) }
      : { category, ids, erasure: entry.erasure.method === "anonymise" ? "anonymise" : "delete" };
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
    const entry = entryOf(o.category);
    if (entry.retention && entry.erasure.method === "restrict") {
      throw new StepRefused("legal_hold", { category: o.category });
    }
  }
  const { targets, recipients } = await planDeletion(tx, request, now);
  const outcomes: ItemOutcome[] = [];
  for (const target of targets) {
    if (target.erasure === "restrict") {
      const count = (await restrictOwned(tx, entryOf(target.category), accountId, target.ids, { now, until: target.deletableAfter! })).length;
      outcomes.push({ category: target.category, id: target.ids?.join(",") ?? null, outcome: count > 0 ? "restricted" : "none", count, deletableAfter: target.deletableAfter });
    } else {
      const count = await eraseOwned(tx, entryOf(target.category), accountId, target.ids);
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
