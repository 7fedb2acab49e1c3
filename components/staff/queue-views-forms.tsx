"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { deleteViewAction, saveViewAction } from "@/app/(staff)/queue/actions";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { DeleteViewInput, SAVED_VIEW_NAME_MAX, SaveViewInput } from "@/lib/requests/saved-view-schema";
import { FormMessage } from "./actions/form-message";

/** "Save as a view": a name for the current filters and sort, behind a disclosure so it takes one line. */
export function SaveViewForm({ query }: { query: string }) {
  const t = useTranslations("staff.views");
  const errorText = useErrorText();
  const details = useRef<HTMLDetailsElement>(null);
  const f = useActionForm({
    schema: SaveViewInput,
    // The query of the page shown now (the form stays mounted while the queue's address changes).
    action: (v) => saveViewAction({ name: v.name, query }),
    defaultValues: { name: "", query },
    onSuccess: () => {
      if (details.current) details.current.open = false;
    },
  });
  const error = errorText(f.fieldError("name"));
  return (
    <>
      <FormMessage success={f.success} failure={f.failure && Object.keys(f.failure.fieldErrors).length === 0 ? f.failure : null} />
      <details className="queue-views-save" ref={details}>
        <summary data-testid="save-view-toggle">{t("saveToggle")}</summary>
        <form onSubmit={f.onSubmit} noValidate className="row" data-testid="save-view-form">
          <label htmlFor="view-name">{t("nameLabel")}</label>
          <input
            id="view-name"
            maxLength={SAVED_VIEW_NAME_MAX}
            aria-describedby={error ? "view-name-error" : undefined}
            aria-invalid={Boolean(error)}
            {...f.form.register("name")}
          />
          <button type="submit" className="btn small" disabled={f.pending}>
            {t("save")}
          </button>
          <span id="view-name-error" className="field-error" role={error ? "alert" : undefined}>
            {error}
          </span>
        </form>
      </details>
    </>
  );
}

/** The × beside one's own view: deletes it. */
export function DeleteViewButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("staff.views");
  const f = useActionForm({ schema: DeleteViewInput, action: () => deleteViewAction({ id }), defaultValues: { id } });
  return (
    <form onSubmit={f.onSubmit} noValidate className="queue-view-delete">
      <button type="submit" className="btn link" disabled={f.pending} aria-label={t("deleteLabel", { name })} title={t("deleteLabel", { name })}>
        ×
      </button>
      <FormMessage success={null} failure={f.failure} />
    </form>
  );
}
