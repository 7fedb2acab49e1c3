import { getFormatter, getTranslations } from "next-intl/server";
import { isDone, NOT_HELD_REASONS, type ItemOutcomeView } from "@/lib/fulfilment/items";

type T = Awaited<ReturnType<typeof getTranslations>>;

/** One item outcome in staff words: what became of a requested category (or of the items it named). */
export function staffItemOutcome(tt: T, day: (d: string) => string, o: ItemOutcomeView, released = true): string {
  const rule = o.retention && tt.has(`dataMap.retention_${o.retention.rule}`) ? tt(`dataMap.retention_${o.retention.rule}`) : "—";
  const basis = o.retention?.basis ?? "—";
  switch (o.outcome) {
    case "provided": {
      const text =
        o.held && o.held > 0
          ? tt("staff.fulfilment.item.providedHeld", { count: o.count, held: o.held, date: o.deletableAfter ? day(o.deletableAfter) : "—", rule })
          : tt("staff.fulfilment.item.provided", { count: o.count });
      return released ? text : `${text} (${tt("staff.fulfilment.item.notReleased")})`;
    }
    case "deleted":
    case "anonymised":
      return tt(`staff.fulfilment.item.${o.outcome}`, { count: o.count });
    case "restricted":
      return tt("staff.fulfilment.item.restricted", { count: o.count, date: o.deletableAfter ? day(o.deletableAfter) : "—", rule, basis });
    case "not_held": {
      const reason = (NOT_HELD_REASONS as readonly string[]).includes(o.reason ?? "") ? o.reason! : "none_held";
      return tt(`staff.fulfilment.item.not_held.${reason as "none_held"}`);
    }
    case "refused":
      return tt("staff.fulfilment.item.refused", {
        reason: o.reason && tt.has(`refusalReasons.${o.reason}`) ? tt(`refusalReasons.${o.reason}`) : "—",
      });
  }
}

/**
 * Requested vs done: each category (or the items of one) a step was asked to handle, what became of it, and
 * whether that is what was asked. `released`: for a copy, whether the requester has it yet.
 */
export async function ItemOutcomesTable({ outcomes, testId, released = true }: { outcomes: ItemOutcomeView[]; testId: string; released?: boolean }) {
  const t = await getTranslations("staff.fulfilment");
  const tt = await getTranslations();
  const format = await getFormatter();
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00+08:00`), "date");
  const category = (c: string) => (tt.has(`categories.${c}`) ? tt(`categories.${c}`) : t("item.not_held.unknown_category"));
  return (
    <table className="data compact" data-testid={testId}>
      <caption>{t("requestedVsDone")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("asked")}</th>
          <th scope="col">{t("result")}</th>
          <th scope="col">{t("doneAsAsked")}</th>
        </tr>
      </thead>
      <tbody>
        {outcomes.map((o, i) => {
          const done = isDone(o) && (released || o.outcome !== "provided");
          return (
            <tr key={i} data-outcome={o.outcome}>
              <th scope="row">
                {category(o.category)}
                {o.items !== null ? ` (${t("items", { count: o.items })})` : ""}
              </th>
              <td>{staffItemOutcome(tt, day, o, released)}</td>
              <td>{done ? `✓ ${t("yesDone")}` : `✗ ${t("notDone")}`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
