"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { runScheduleAction } from "@/app/(admin)/admin/schedules/actions";
import { useFailureText } from "@/components/ui/use-error-text";
import type { ActionResult } from "@/lib/actions/result";
import { RunReport } from "./run-report";

type Result = ActionResult<{ dryRun: boolean; report: Record<string, unknown> }>;

/**
 * A schedule's two buttons: run it now, or dry (counting what it would delete, deleting nothing). The outcome is
 * announced beside them; the page's last run updates with it (the action revalidates the page).
 */
export function RunScheduleButtons({ schedule, title }: { schedule: string; title: string }) {
  const t = useTranslations("schedules");
  const failureText = useFailureText();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Result | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const run = (dryRun: boolean) =>
    startTransition(async () => {
      setResult(null);
      setResult(await runScheduleAction({ schedule, dryRun }));
    });

  return (
    <div>
      <div className="row">
        <button type="button" className="btn" disabled={pending} onClick={() => run(false)} aria-label={`${t("runNow")} · ${title}`}>
          {t("runNow")}
        </button>
        <button type="button" className="btn secondary" disabled={pending} onClick={() => run(true)} aria-label={`${t("dryRun")} · ${title}`}>
          {t("dryRun")}
        </button>
        {pending && <span role="status">{t("running")}</span>}
      </div>
      <div ref={resultRef} tabIndex={-1} data-testid={`run-result-${schedule}`}>
        {result?.ok && (
          <div className="alert info" role="status">
            <p style={{ margin: 0 }}>{t(result.dryRun ? "dryRanOk" : "ranOk", { job: title })}</p>
            <RunReport report={result.report} />
          </div>
        )}
        {result && !result.ok && (
          <p className="alert error" role="alert">
            {t("runFailed", { job: title })} {failureText(result)}
          </p>
        )}
      </div>
    </div>
  );
}
