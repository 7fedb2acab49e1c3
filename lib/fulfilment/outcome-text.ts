/**
 * What fulfilment did, in the requester's words, from what it recorded (lib/fulfilment/outcome.ts): one sentence
 * per item for the request page (components/portal/outcome.tsx), and the same sentences as the plain text that
 * closes the final reply (lib/requests/transitions.ts), so a reply states only what happened. Pure: the words come
 * from the catalogs through `voice`.
 */
import { createTranslator } from "next-intl";
import { dateFormatter, shanghaiDay } from "@/lib/i18n/dates";
import type { Locale } from "@/lib/i18n/locales";
import { catalogs } from "@/messages";
import { NOT_HELD_REASONS, type ItemOutcomeView } from "./items";
import type { FulfilmentOutcome } from "./outcome";

/** The catalogs and formats an outcome is told with. */
export type OutcomeVoice = {
  /** A message by its full key (`portal.outcome.…`, `categories.…`). */
  t: (key: string, params?: Record<string, string | number>) => string;
  has: (key: string) => boolean;
  /** A Shanghai calendar day (YYYY-MM-DD) as people write it. */
  day: (date: string) => string;
  /** An instant, to the minute, in Shanghai time. */
  at: (instant: Date) => string;
};

/** The voice of one language, for text outside a page (the final reply). */
export function outcomeVoice(locale: Locale): OutcomeVoice {
  const translate = createTranslator({ locale, messages: catalogs[locale] });
  const format = dateFormatter(locale);
  return {
    t: (key, params) => translate(key as never, params as never),
    has: (key) => translate.has(key as never),
    day: (d) => format(shanghaiDay(d), "date"),
    at: (d) => format(d, "dateTime"),
  };
}

/** A category's name, never its key. */
export const categoryName = (c: string, v: OutcomeVoice) => (v.has(`categories.${c}`) ? v.t(`categories.${c}`) : "—");

/** One item's outcome with its date, legal basis or reason. */
export function itemOutcomeText(o: ItemOutcomeView, v: OutcomeVoice): string {
  const rule = o.retention && v.has(`dataMap.retention_${o.retention.rule}`) ? v.t(`dataMap.retention_${o.retention.rule}`) : "—";
  const basis = o.retention?.basis ?? "—";
  const date = o.deletableAfter ? v.day(o.deletableAfter) : "—";
  switch (o.outcome) {
    case "provided":
      return o.held && o.held > 0
        ? v.t("portal.outcome.item.providedHeld", { count: o.count, held: o.held, date, rule, basis })
        : v.t("portal.outcome.item.provided", { count: o.count });
    case "deleted":
    case "anonymised":
      return v.t(`portal.outcome.item.${o.outcome}`);
    case "restricted":
      return v.t("portal.outcome.item.restricted", { date, rule, basis });
    case "not_held":
      return v.t(`portal.outcome.item.not_held.${(NOT_HELD_REASONS as readonly string[]).includes(o.reason ?? "") ? o.reason : "none_held"}`);
    case "refused":
      return v.t("portal.outcome.item.refused", {
        reason: o.reason && v.has(`refusalReasons.${o.reason}`) ? v.t(`refusalReasons.${o.reason}`) : "—",
      });
  }
}

/** "Category (N items): outcome". */
export function itemOutcomeLine(o: ItemOutcomeView, v: OutcomeVoice): string {
  const items = o.items !== null ? ` (${v.t("portal.outcome.items", { count: o.items })})` : "";
  return `${categoryName(o.category, v)}${items}: ${itemOutcomeText(o, v)}`;
}

/** A gender is stored as a code: the requester reads it in words. */
const valueText = (field: string, value: string, v: OutcomeVoice) =>
  field === "account.gender" && (value === "male" || value === "female") ? v.t(`portal.genders.${value}`) : value;

/**
 * The outcome as the plain text that closes a final reply: a heading, then a line per item, recipient, correction
 * and consent, as recorded. Empty when fulfilment recorded nothing (a complaint, a question).
 */
export function outcomeText(outcome: FulfilmentOutcome, v: OutcomeVoice): string {
  const lines: string[] = [];
  const { access, deletion, cancellation, corrections, consents, cancelledAt } = outcome;
  if (access) lines.push(v.t("portal.outcome.copyTitle"), ...access.outcomes.map((o) => `- ${itemOutcomeLine(o, v)}`));
  for (const part of [deletion, cancellation]) if (part) lines.push(...part.outcomes.map((o) => `- ${itemOutcomeLine(o, v)}`));
  const all = [...(access?.outcomes ?? []), ...(deletion?.outcomes ?? []), ...(cancellation?.outcomes ?? [])];
  if (all.some((o) => o.outcome === "restricted" || (o.held ?? 0) > 0)) lines.push(v.t("portal.outcome.restrictedExplained"));
  const told = deletion ?? cancellation;
  if (told && told.recipients.length > 0) {
    lines.push(v.t("portal.outcome.recipientsTold"));
    for (const r of told.recipients)
      lines.push(
        `- ${r.name}: ${r.confirmedAt ? v.t("portal.outcome.recipientConfirmed", { at: v.at(r.confirmedAt) }) : v.t("portal.outcome.recipientAwaited")}`,
      );
  }
  for (const c of corrections ?? []) {
    const field = v.has(`portal.fields.${c.field}`) ? v.t(`portal.fields.${c.field}`) : "—";
    const what = c.approved
      ? v.t("portal.outcome.corrected", { value: c.after ? valueText(c.field, c.after, v) : v.t("portal.outcome.empty") })
      : v.t("portal.outcome.notCorrected", { reason: c.reason ?? "" });
    lines.push(`- ${field}: ${what}`);
  }
  for (const c of consents ?? []) {
    const name = v.has(`portal.consentKeys.${c.key}`) ? v.t(`portal.consentKeys.${c.key}`) : "—";
    lines.push(`- ${name}: ${c.granted ? v.t("portal.outcome.consentOn") : v.t("portal.outcome.consentOff", { at: v.at(c.changedAt) })}`);
  }
  if (cancelledAt) lines.push(v.t("portal.outcome.cancelled", { at: v.at(cancelledAt) }));
  if (told) lines.push(v.t("portal.outcome.backups"));
  return lines.length > 0 ? [v.t("portal.outcome.title"), ...lines].join("\n") : "";
}
