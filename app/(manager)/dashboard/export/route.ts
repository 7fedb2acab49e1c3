import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { appendAudit } from "@/lib/audit/log";
import { requireRole } from "@/lib/auth/session";
import { MANAGER_ROLES } from "@/lib/policy";
import { csvHeader, csvRow, CSV_BOM, type ExportLabels } from "@/lib/dashboard/csv";
import { exportBatches } from "@/lib/dashboard/export";
import { parseDashboardQuery } from "@/lib/dashboard/period";
import { logUnexpected } from "@/lib/errors";

const TEXT = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" };

/**
 * GET /dashboard/export?from=&to=&type= — the period's requests as CSV (UTF-8 with BOM, for Excel), streamed a
 * batch at a time. Managers and admins only; every export is audited.
 */
export async function GET(req: Request) {
  const actor = await requireRole(...MANAGER_ROLES);
  const t = await getTranslations();
  const now = new Date();
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = parseDashboardQuery(params, now);
  if (!parsed.ok) {
    return new Response(`${parsed.errors.map((e) => t(`dashboard.errors.${e}`)).join("\n")}\n`, { status: 400, headers: TEXT });
  }
  const q = parsed.query;
  const locale = await getLocale();
  const labels: ExportLabels = {
    column: (c) => t(`dashboard.csv.${c}`),
    type: (v) => t(`types.${v}` as never),
    status: (v) => t(`staff.status.${v}` as never),
    outcome: (v) => t(`outcomes.${v}` as never),
    refusalReason: (v) => t(`refusalReasons.${v}` as never),
    yes: t("dashboard.csv.yes"),
    no: t("dashboard.csv.no"),
  };
  let db;
  try {
    db = await getDb();
    await db.transaction((tx) =>
      appendAudit(tx, {
        actorId: actor.id,
        action: "dashboard.export",
        entity: "requests_csv",
        entityId: `${q.from}..${q.to}${q.type ? `:${q.type}` : ""}`,
        data: { from: q.from, to: q.to, type: q.type, locale },
        now,
      }),
    );
  } catch (e) {
    return new Response(t("errors.unexpected", { ref: logUnexpected(e, { route: "dashboard export" }) }), { status: 500, headers: TEXT });
  }

  const encoder = new TextEncoder();
  const batches = exportBatches(db, actor, q);
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(CSV_BOM + csvHeader(labels)));
          return;
        }
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((r) => csvRow(r, labels)).join("")));
      } catch (e) {
        // Headers are gone already: end the download as failed rather than hand over a silently cut file.
        logUnexpected(e, { route: "dashboard export", from: q.from, to: q.to });
        controller.error(new Error("export failed"));
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const filename = `dsr-requests_${q.from}_${q.to}${q.type ? `_${q.type}` : ""}.csv`;
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
