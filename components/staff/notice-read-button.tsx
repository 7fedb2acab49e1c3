"use client";

// Zod's CSP setting before any schema here parses, whichever chunk the browser evaluates first.
import "@/components/layout/strict-csp";
import { useTranslations } from "next-intl";
import { z } from "zod";
import { markNoticeReadAction } from "@/app/(staff)/queue/actions";
import { useActionForm } from "@/components/ui/use-action-form";
import { FormMessage } from "./actions/form-message";

const NoInput = z.object({});

/** "Got it": marks one reminder read; the list renders again without it. */
export function NoticeReadButton({ id, label }: { id: string; label: string }) {
  const t = useTranslations("staff.reminders");
  const f = useActionForm({ schema: NoInput, action: () => markNoticeReadAction({ id }), defaultValues: {} });
  return (
    <form onSubmit={f.onSubmit} noValidate>
      <FormMessage success={null} failure={f.failure} />
      <button type="submit" className="btn secondary small" disabled={f.pending} aria-label={t("markReadLabel", { what: label })}>
        {t("markRead")}
      </button>
    </form>
  );
}
