"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { bulkQueueAction } from "@/app/(staff)/queue/actions";
import { useErrorText, useFailureText } from "@/components/ui/use-error-text";
import type { ActionFailure } from "@/lib/actions/result";

/** The form the queue's row checkboxes belong to (`form="queue-bulk"`), so the table stays a server component. */
export const BULK_FORM_ID = "queue-bulk";
const boxes = () => Array.from(document.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][form="${BULK_FORM_ID}"][name="refs"]`));

type Outcome = { ref: string; ok: true } | { ref: string; ok: false; error: string; holder?: string };

/** The header checkbox: selects or clears every request on this page. */
export function QueueSelectAll() {
  const t = useTranslations("staff.queue");
  return (
    <input
      type="checkbox"
      aria-label={t("bulkSelectAll")}
      data-testid="bulk-select-all"
      onChange={(e) => {
        for (const box of boxes()) box.checked = e.currentTarget.checked;
      }}
    />
  );
}

/**
 * Above the queue: claim the selected requests (everyone) or assign them to one colleague (managers). Each request
 * is done on its own; the summary says how many were done and names each one that was not, with who holds it.
 */
export function QueueBulkToolbar({ staff }: { staff: { id: string; displayName: string }[] | null }) {
  const t = useTranslations("staff.queue");
  const errorText = useErrorText();
  const failureText = useFailureText();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [summary, setSummary] = useState<string | null>(null);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [assigneeId, setAssigneeId] = useState("");

  const run = (op: "claim" | "assign") => {
    const refs = boxes()
      .filter((b) => b.checked)
      .map((b) => b.value);
    setSummary(null);
    setFailure(null);
    if (refs.length === 0) return setSummary(t("bulkNoneSelected"));
    if (op === "assign" && !assigneeId) return setSummary(t("bulkChooseAssignee"));
    start(async () => {
      const result = await bulkQueueAction(op === "assign" ? { op, refs, assigneeId } : { op, refs });
      if (!result.ok) return setFailure(result);
      const outcomes = result.results as Outcome[];
      const done = outcomes.filter((o) => o.ok).length;
      const refused = outcomes.flatMap((o) =>
        o.ok
          ? []
          : [o.holder ? t("bulkHeldBy", { ref: o.ref, name: o.holder }) : t("bulkRefusedItem", { ref: o.ref, reason: errorText(o.error) ?? "" })],
      );
      const parts = [t(op === "assign" ? "bulkAssigned" : "bulkClaimed", { count: done })];
      if (refused.length > 0)
        parts.push(t(op === "assign" ? "bulkNotAssigned" : "bulkNotClaimed", { count: refused.length, list: refused.join(t("listSeparator")) }));
      setSummary(parts.join(t("bulkSentenceSeparator")));
      for (const box of boxes()) box.checked = false;
      const all = document.querySelector<HTMLInputElement>('[data-testid="bulk-select-all"]');
      if (all) all.checked = false;
      router.refresh();
    });
  };

  return (
    <form
      id={BULK_FORM_ID}
      className="row staff-bulk"
      aria-label={t("bulkLabel")}
      data-testid="bulk-toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        run("claim");
      }}
    >
      <button type="submit" className="btn secondary" disabled={pending} data-testid="bulk-claim">
        {t("bulkClaim")}
      </button>
      {staff && (
        <>
          <label htmlFor="bulk-assignee">{t("bulkAssignee")}</label>
          <select id="bulk-assignee" value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} data-testid="bulk-assignee">
            <option value="">{t("bulkChooseAssigneeOption")}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName}
              </option>
            ))}
          </select>
          <button type="button" className="btn" disabled={pending} onClick={() => run("assign")} data-testid="bulk-assign">
            {t("bulkAssign")}
          </button>
        </>
      )}
      <p role="status" className="grow" data-testid="bulk-summary">
        {failure ? failureText(failure) : summary}
      </p>
    </form>
  );
}
