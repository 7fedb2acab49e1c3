/**
 * Item-level outcomes (DESIGN.md "Outcomes are item by item"): what a fulfilment step did to each category the
 * request asked for, and to each single record it named. Recorded with the step (the `outcomes` of its result,
 * on its `fulfilment_step` event), shown to staff before release and to the requester on their request page; a
 * request with anything not done closes as partially fulfilled. Pure: no database.
 */
import type { Retention } from "@/lib/categories/registry";
import type { RefusalReason } from "@/lib/domain/values";

/**
 * What happened to an item: given in a copy, deleted, anonymised, kept restricted under a legal retention until
 * a date, not held by us (there was nothing of that kind, or the record named is gone), or refused with a reason.
 */
export const ITEM_OUTCOMES = ["provided", "deleted", "anonymised", "restricted", "not_held", "refused"] as const;
export type ItemOutcomeKind = (typeof ITEM_OUTCOMES)[number];

/**
 * Why nothing was held: no record of that kind about the subject; a kind that is the account holder's only, asked
 * about a 就诊人; a single record named that is no longer there (or was never theirs); not a kind we keep.
 */
export const NOT_HELD_REASONS = ["none_held", "account_holder_only", "record_gone", "unknown_category"] as const;
export type NotHeldReason = (typeof NOT_HELD_REASONS)[number];

/** Why staff may decline one category of a request while doing the rest (policy §8.7, PIPL Art. 50). */
export const ITEM_REFUSAL_REASONS = [
  "risks_others_rights",
  "serious_harm",
  "trade_secret",
  "excessive_technical_means",
  "impractical",
  "national_security",
  "public_safety_health",
  "criminal_investigation",
  "malice_or_abuse",
] as const satisfies readonly RefusalReason[];
export type ItemRefusalReason = (typeof ITEM_REFUSAL_REASONS)[number];

/** A requested category staff decline (to provide, or to delete), with the reason the requester is told. */
export type Withheld = { category: string; reason: ItemRefusalReason };

export type ItemOutcome = {
  /** The category asked for (as the request has it: a string that is not a category is reported, not thrown). */
  category: string;
  /** The single record this line is about, or null: the whole category. */
  id: string | null;
  outcome: ItemOutcomeKind;
  /** How many records. */
  count: number;
  /**
   * `restricted`: the day (Shanghai) the legal retention ends, after which they are deleted. `provided`: the
   * latest such day among the records of the copy that a retention holds (see `held`).
   */
  deletableAfter?: string;
  /** `provided`: how many of the records given are held under a legal retention (kept, marked in the copy). */
  held?: number;
  /** The retention holding the records (`restricted`, or `provided` with `held`): its rule and legal basis. */
  retention?: { rule: Retention["rule"]; basis: string };
  /** `not_held`: a NotHeldReason; `refused`: an ItemRefusalReason. */
  reason?: string;
};

/** Whether the item was done as asked: given, deleted or anonymised — or there was nothing of it to do. */
export const isDone = (o: Pick<ItemOutcome, "outcome">) => o.outcome !== "restricted" && o.outcome !== "refused";

const isKind = (v: unknown): v is ItemOutcomeKind => typeof v === "string" && (ITEM_OUTCOMES as readonly string[]).includes(v);
const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * The item outcomes a step's stored result holds, checked line by line (it is JSON read back from an event): a
 * line that does not parse is dropped. Deletions recorded before outcomes were per item said `none` for nothing
 * found, and named several items in one comma-joined id; they read as `not_held`, one line per item.
 */
export function readItemOutcomes(raw: unknown): ItemOutcome[] {
  if (!Array.isArray(raw)) return [];
  const out: ItemOutcome[] = [];
  for (const line of raw as Record<string, unknown>[]) {
    if (!line || typeof line !== "object" || typeof line.category !== "string") continue;
    const outcome = line.outcome === "none" ? "not_held" : line.outcome;
    if (!isKind(outcome)) continue;
    const retention = line.retention as { rule?: unknown; basis?: unknown } | undefined;
    const base: ItemOutcome = {
      category: line.category,
      id: null,
      outcome,
      count: num(line.count),
      ...(str(line.deletableAfter) ? { deletableAfter: str(line.deletableAfter) } : {}),
      ...(typeof line.held === "number" ? { held: num(line.held) } : {}),
      ...(retention && typeof retention.rule === "string" && typeof retention.basis === "string"
        ? { retention: { rule: retention.rule as Retention["rule"], basis: retention.basis } }
        : {}),
      ...(str(line.reason) ? { reason: str(line.reason) } : line.outcome === "none" ? { reason: "none_held" } : {}),
    };
    const ids = typeof line.id === "string" && line.id.length > 0 ? line.id.split(",") : [];
    if (ids.length <= 1) out.push({ ...base, id: ids[0] ?? null });
    else for (const id of ids) out.push({ ...base, id, count: base.count > 0 ? 1 : 0 });
  }
  return out;
}

/** A refusal reason staff may give for one category (the schema checks it; this guards stored data). */
export const isItemRefusalReason = (r: unknown): r is ItemRefusalReason =>
  typeof r === "string" && (ITEM_REFUSAL_REASONS as readonly string[]).includes(r);

/**
 * The requested items a request's done steps leave undone — restricted, refused, or (access, portability) a copy
 * prepared but not released to the requester — so that it can close only as partially fulfilled. Steps not run
 * record nothing here: closing without them is the workflow's question, not an item's.
 */
export function itemsNotDone(done: ReadonlyMap<string, { result: Record<string, unknown> }>): ItemOutcome[] {
  const out: ItemOutcome[] = [];
  const prepared = done.get("access.prepare");
  if (prepared) {
    const released = done.has("access.release");
    for (const o of readItemOutcomes(prepared.result.outcomes)) if (!isDone(o) || (!released && o.outcome === "provided")) out.push(o);
  }
  // A deletion, and the deletion a closed account is (what a retention keeps is not done as asked).
  for (const step of ["deletion.apply", "cancellation.apply"]) {
    const erased = done.get(step);
    if (erased) for (const o of readItemOutcomes(erased.result.outcomes)) if (!isDone(o)) out.push(o);
  }
  return out;
}

/** Item outcomes as people read them: per category, the single items of one category with the same outcome together. */
export type ItemOutcomeView = Omit<ItemOutcome, "id"> & {
  /** How many single items the request named this line is about, or null: the whole category. */
  items: number | null;
};

/**
 * Groups a step's item outcomes for reading: a whole-category line as it is; the single items named in one
 * category, by outcome (and hold date, reason), into one line saying how many — in the order first met.
 */
export function groupItemOutcomes(outcomes: readonly ItemOutcome[]): ItemOutcomeView[] {
  const out: ItemOutcomeView[] = [];
  const byKey = new Map<string, ItemOutcomeView>();
  for (const { id, ...o } of outcomes) {
    if (id === null) {
      out.push({ ...o, items: null });
      continue;
    }
    const key = [o.category, o.outcome, o.deletableAfter ?? "", o.reason ?? ""].join("|");
    const seen = byKey.get(key);
    if (seen) {
      seen.items = (seen.items ?? 0) + 1;
      seen.count += o.count;
    } else {
      const line = { ...o, items: 1 };
      byKey.set(key, line);
      out.push(line);
    }
  }
  return out;
}
