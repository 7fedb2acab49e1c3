import { getFormatter, getTranslations } from "next-intl/server";
import { staffValue } from "@/lib/i18n/staff-labels";

type AuditRow = {
  id: number;
  occurredAt: Date;
  action: string;
  entity: string;
  entityId: string | null;
  actorName: string | null;
  actorRole: string | null;
  data?: unknown;
};

/** A logged request's channel and time of receipt, as its intake audit rows keep them (lib/requests/intake.ts). */
function intakeOf(r: AuditRow): { channel: string; receivedAt: string } | null {
  if (r.action !== "request.intake" && r.action !== "request.intake_backdated") return null;
  const d = r.data as { channel?: unknown; receivedAt?: unknown } | null;
  return d && typeof d.channel === "string" && typeof d.receivedAt === "string" ? { channel: d.channel, receivedAt: d.receivedAt } : null;
}

/** A manager's view of the request's audit trail: every view, download and change, newest first. */
export async function AuditPanel({ rows, limit }: { rows: AuditRow[]; limit: number }) {
  const t = await getTranslations("staff.audit");
  const tt = await getTranslations();
  const format = await getFormatter();
  const intakeText = (i: { channel: string; receivedAt: string }) =>
    t("intakeDetail", {
      channel: tt.has(`staff.request.channel_${i.channel}` as never) ? tt(`staff.request.channel_${i.channel}` as never) : i.channel,
      time: format.dateTime(new Date(i.receivedAt), "dateTime"),
    });
  return (
    <section className="card" aria-labelledby="audit-title" data-testid="audit-trail">
      <h2 id="audit-title">{t("title")}</h2>
      <p className="muted staff-meta">{rows.length >= limit ? t("introLimited", { limit }) : t("intro")}</p>
      <div className="table-wrap">
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">{t("number")}</th>
              <th scope="col">{t("time")}</th>
              <th scope="col">{t("actor")}</th>
              <th scope="col">{t("action")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="mono">{r.id}</td>
                <td>{format.dateTime(r.occurredAt, "dateTimeSeconds")}</td>
                <td>{r.actorName ?? t("system")}</td>
                <td>
                  {staffValue(tt, "auditAction", r.action)}
                  {intakeOf(r) && <span className="muted"> · {intakeText(intakeOf(r)!)}</span>}
                  {r.entity === "attachment" && r.entityId && <span className="muted mono"> {r.entityId.slice(0, 8)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
