import "server-only";
import { and, inArray, isNotNull, type SQL } from "drizzle-orm";
import type { Conn, Tx } from "@/db/client";
import { outbox, type Request } from "@/db/schema";
import { isDataCategory } from "@/lib/categories/list";
import { eraseOwned, idValues, lastVisitDate, ownedBy, recordsPatients, restrictOwned, selectOwned } from "@/lib/categories/records";
import { entryOf, retainedFromRecordDate, RECIPIENT_NAMES, RECIPIENTS, type Recipient } from "@/lib/categories/registry";
import { translatorFor } from "@/lib/i18n/translator";
import { ownedIds } from "@/lib/platform/ownership";
import { accountHolder, subjectOf, type Subject } from "@/lib/platform/subject";
import { shanghaiDateOf } from "@/lib/sla";
import type { DataCategory } from "@/lib/requests/categories";
import { deletableAfter } from "./data-map";
import type { ItemOutcome, NotHeldReason, Withheld } from "./items";
import { StepRefused, type StepResult } from "./steps";

/** Staff may only ask for what the registry allows: never "delete" for a category a retention period holds. */
export type DeletionOverride = { category: DataCategory; erasure: "delete" };

/**
 * Who received the data of these categories (their entries' `recipients`), by name, read before anything is
 * deleted from the records that name them (the registry's RECIPIENT_NAMES; policy §5, §8.3). The records naming
 * them are the account holder's; for a 就诊人, those pointing at the 就诊人's own records (the orders that filled
 * their prescriptions).
 */
async function recipientsOf(tx: Conn, subject: Subject, categories: Set<DataCategory>): Promise<{ kind: Recipient; name: string }[]> {
  const kinds = new Set<Recipient>();
  for (const c of categories) for (const r of entryOf(c).recipients) kinds.add(r);
  if (kinds.size === 0) return [];
  const named = entryOf(RECIPIENT_NAMES.category);
  const via = RECIPIENT_NAMES.patientVia;
  const viaEntry = entryOf(via.category);
  const rows =
    subject.patientId === null
      ? await selectOwned(tx, named, subject, RECIPIENT_NAMES.columns)
      : await selectOwned(tx, named, accountHolder(subject.accountId), RECIPIENT_NAMES.columns, {
          where: inArray(
            via.column,
            tx
              .select({ id: viaEntry.id.column })
              .from(viaEntry.table)
              .where(ownedBy(tx, viaEntry, subject)),
          ),
        });
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
  /** `delete_past_retention`: records past the period kept from their own date go, younger ones are restricted. */
  erasure: "delete" | "anonymise" | "restrict" | "delete_past_retention";
  /** For a restricted category: the date (Shanghai) its records become deletable. */
  deletableAfter?: string;
};

export type DeletionPlan = {
  targets: DeletionTarget[];
  recipients: { kind: Recipient; name: string }[];
  /** What was asked that is not a category we keep (a category, or a single item of one): reported, not thrown. */
  unknown: { category: string; id: string | null }[];
  /** What staff decline to delete, with the reason the requester is told. */
  refused: (Withheld & { ids: string[] | null })[];
};

/**
 * What a deletion request will do to its subject's records (the account holder's own, or one 就诊人's), per the
 * data-category registry: which categories and items
 * go (deleted or anonymised), which a retention period holds (restricted, with the date they become
 * deletable), and who received the data. Restrictions come first: erasing orders must not run before
 * prescriptions are held. What staff withhold (`withheld`, with a reason) is left as it is, and its recipients
 * are not told. The request page shows it before staff apply it; applyDeletion carries it out.
 */
export async function planDeletion(conn: Conn, request: Request, now: Date, withheld: Withheld[] = []): Promise<DeletionPlan> {
  const subject = subjectOf(request);
  if (!subject) throw new StepRefused("no_subject_account");
  const scope = request.scope;
  const asked: { category: string; ids: string[] | null }[] = [...new Set(scope.categories ?? [])].map((c) => ({ category: c, ids: null }));
  const itemCategories = new Map<string, string[]>();
  for (const item of scope.items ?? []) {
    if ((scope.categories ?? []).includes(item.category)) continue; // the whole category goes anyway
    const ids = itemCategories.get(item.category) ?? [];
    if (!ids.includes(item.id)) ids.push(item.id);
    itemCategories.set(item.category, ids);
  }
  for (const [category, ids] of itemCategories) asked.push({ category, ids });
  for (const w of withheld) if (!asked.some((a) => a.category === w.category)) throw new StepRefused("not_requested", { category: w.category });

  const unknown = asked.filter((a) => !isDataCategory(a.category)).flatMap(({ category, ids }) => (ids ?? [null]).map((id) => ({ category, id })));
  const refused = asked.flatMap((a) => {
    const w = withheld.find((x) => x.category === a.category);
    return w && isDataCategory(a.category) ? [{ ...w, ids: a.ids }] : [];
  });
  const wanted = asked.filter(
    (a): a is { category: DataCategory; ids: string[] | null } => isDataCategory(a.category) && !withheld.some((w) => w.category === a.category),
  );
  const lastVisit = (await lastVisitDate(conn, subject)) ?? shanghaiDateOf(now);
  const targets = wanted.map(({ category, ids }): DeletionTarget => {
    const entry = entryOf(category);
    if (entry.erasure.method === "restrict" && entry.retention)
      return { category, ids, erasure: "restrict", deletableAfter: deletableAfter(entry.retention, lastVisit) };
    if (retainedFromRecordDate(entry)) return { category, ids, erasure: "delete_past_retention" };
    return { category, ids, erasure: entry.erasure.method === "anonymise" ? "anonymise" : "delete" };
  });
  targets.sort((a, b) => Number(b.erasure === "restrict") - Number(a.erasure === "restrict"));
  const recipients = await recipientsOf(conn, subject, new Set(targets.map((t) => t.category)));
  return { targets, recipients, unknown, refused };
}

/** Why the subject has nothing of a category: it is the account holder's only and they are a 就诊人, or there is none. */
const noneReason = (subject: Subject, category: DataCategory): NotHeldReason =>
  subject.patientId !== null && !recordsPatients(entryOf(category)) ? "account_holder_only" : "none_held";

/**
 * Carries out one target of the plan and says, per category (or per item it names), what became of it: deleted,
 * anonymised, restricted until a date under a retention (those already held by an earlier request too, with
 * their own date), or not held — nothing of it about the subject, or an item named that is no longer there.
 */
async function applyTarget(tx: Tx, subject: Subject, target: DeletionTarget, now: Date): Promise<ItemOutcome[]> {
  if (target.erasure === "delete_past_retention") return deletePastRetention(tx, subject, target, now);
  const { category } = target;
  const entry = entryOf(category);
  const retention = entry.retention ? { rule: entry.retention.rule, basis: entry.retention.basis } : undefined;
  const done = target.erasure === "anonymise" ? "anonymised" : "deleted";
  /** The subject's records held now (restricted) among `where`: their ids and the day each is kept until. */
  const heldNow = async (where?: SQL) =>
    (await selectOwned(
      tx,
      entry,
      subject,
      { id: entry.id.column, until: entry.restriction!.deletableAfter },
      { where: and(isNotNull(entry.restriction!.restrictedAt), where) },
    )) as { id: unknown; until: string | null }[];

  if (target.ids) {
    const owned = await ownedIds(tx, subject, category, target.ids);
    const gone = target.ids.filter((id) => !owned.has(id));
    const mine = target.ids.filter((id) => owned.has(id));
    const out: ItemOutcome[] = gone.map((id) => ({ category, id, outcome: "not_held", count: 0, reason: "record_gone" }));
    if (mine.length === 0) return out;
    if (target.erasure === "restrict") {
      await restrictOwned(tx, entry, subject, mine, { now, until: target.deletableAfter! });
      const held = new Map((await heldNow(inArray(entry.id.column, idValues(entry, mine)))).map((r) => [String(r.id), r.until]));
      for (const id of mine) {
        const until = held.get(id);
        out.push(
          until
            ? { category, id, outcome: "restricted", count: 1, deletableAfter: until, ...(retention ? { retention } : {}) }
            : { category, id, outcome: "not_held", count: 0, reason: "record_gone" },
        );
      }
      return out;
    }
    await eraseOwned(tx, entry, subject, mine);
    return [...out, ...mine.map((id): ItemOutcome => ({ category, id, outcome: done, count: 1 }))];
  }

  if (target.erasure === "restrict") {
    await restrictOwned(tx, entry, subject, null, { now, until: target.deletableAfter! });
    const held = await heldNow();
    const until = held
      .map((r) => r.until)
      .filter((d): d is string => Boolean(d))
      .sort()
      .at(-1);
    return held.length > 0
      ? [
          {
            category,
            id: null,
            outcome: "restricted",
            count: held.length,
            deletableAfter: until ?? target.deletableAfter,
            ...(retention ? { retention } : {}),
          },
        ]
      : [{ category, id: null, outcome: "not_held", count: 0, reason: noneReason(subject, category) }];
  }
  const count = await eraseOwned(tx, entry, subject, null);
  return count > 0
    ? [{ category, id: null, outcome: done, count }]
    : [{ category, id: null, outcome: "not_held", count: 0, reason: noneReason(subject, category) }];
}

/**
 * A category kept for a period from each record's own date (orders: 3 years from the transaction, 电子商务法
 * Art. 31): the records past it are deleted; the younger ones are restricted until it ends, as on closing the
 * account (lib/fulfilment/cancellation.ts), and the retention purge deletes them then. Says which of each.
 */
async function deletePastRetention(tx: Tx, subject: Subject, target: DeletionTarget, now: Date): Promise<ItemOutcome[]> {
  const { category } = target;
  const entry = entryOf(category);
  const kept = retainedFromRecordDate(entry)!;
  const retention = { rule: kept.retention.rule, basis: kept.retention.basis };
  const today = shanghaiDateOf(now);
  const rows = await selectOwned(
    tx,
    entry,
    subject,
    { id: entry.id.column, at: kept.recordDate },
    { where: target.ids ? inArray(entry.id.column, idValues(entry, target.ids)) : undefined },
  );
  const past: string[] = [];
  const until = new Map<string, string>();
  for (const r of rows) {
    const end = deletableAfter(kept.retention, shanghaiDateOf(new Date(r.at as string | Date)));
    if (end < today) past.push(String(r.id));
    else until.set(String(r.id), end);
  }
  const byUntil = new Map<string, string[]>();
  for (const [id, end] of until) byUntil.set(end, [...(byUntil.get(end) ?? []), id]);
  for (const [end, ids] of byUntil) await restrictOwned(tx, entry, subject, ids, { now, until: end });
  if (past.length > 0) await eraseOwned(tx, entry, subject, past);

  if (target.ids) {
    return target.ids.map((id): ItemOutcome => {
      const end = until.get(id);
      if (end) return { category, id, outcome: "restricted", count: 1, deletableAfter: end, retention };
      return past.includes(id)
        ? { category, id, outcome: "deleted", count: 1 }
        : { category, id, outcome: "not_held", count: 0, reason: "record_gone" };
    });
  }
  const lines: ItemOutcome[] = [];
  if (until.size > 0)
    lines.push({ category, id: null, outcome: "restricted", count: until.size, deletableAfter: [...until.values()].sort().at(-1)!, retention });
  if (past.length > 0) lines.push({ category, id: null, outcome: "deleted", count: past.length });
  return lines.length > 0 ? lines : [{ category, id: null, outcome: "not_held", count: 0, reason: noneReason(subject, category) }];
}

/**
 * Carries out a deletion request on the platform records of its subject (see planDeletion), then sends every
 * recipient of the data a deletion notice through the outbox, tracked until staff record its confirmation
 * (lib/fulfilment/recipients.ts). Runs inside a fulfilment step (one transaction). `overrides` are staff's
 * requests to delete outright; one for a category a retention period holds is refused, nothing changed.
 * `withheld` are the categories staff decline to delete, with the reason the requester is told. The result's
 * `outcomes` say what became of each category and item asked for (lib/fulfilment/items.ts).
 */
export async function applyDeletion(
  tx: Tx,
  request: Request,
  now: Date,
  overrides: DeletionOverride[] = [],
  withheld: Withheld[] = [],
): Promise<StepResult> {
  const subject = subjectOf(request);
  if (!subject) throw new StepRefused("no_subject_account");
  for (const o of overrides) {
    const entry = entryOf(o.category);
    if (entry.retention && entry.erasure.method === "restrict") {
      throw new StepRefused("legal_hold", { category: o.category });
    }
  }
  const { targets, recipients, unknown, refused } = await planDeletion(tx, request, now, withheld);
  const outcomes: ItemOutcome[] = [];
  for (const target of targets) outcomes.push(...(await applyTarget(tx, subject, target, now)));
  for (const r of refused)
    for (const id of r.ids ?? [null]) outcomes.push({ category: r.category, id, outcome: "refused", count: 0, reason: r.reason });
  for (const u of unknown) outcomes.push({ category: u.category, id: u.id, outcome: "not_held", count: 0, reason: "unknown_category" });
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
