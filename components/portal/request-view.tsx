import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestScope } from "@/db/schema";
import type { PatientEvent, PatientFile, PatientMessage } from "@/lib/requests/patient-view";
import { formatBytes } from "./format";
import { PolicyContactLine } from "./policy-contact";

/**
 * Pieces of a patient's request page, rendered on the server. Whatever a patient or staff wrote is rendered as
 * text (React escapes it; `dir="auto"` lays out right-to-left text properly); nothing is ever injected as HTML.
 */

export async function FileLinks({ files, testId }: { files: PatientFile[]; testId?: string }) {
  const t = await getTranslations("portal.files");
  if (files.length === 0) return null;
  return (
    <ul className="portal-file-list" data-testid={testId}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={f.href} download aria-label={t("download", { name: f.filename })} dir="auto">
            {f.filename}
          </a>{" "}
          <span className="muted">{formatBytes(f.sizeBytes)}</span>
        </li>
      ))}
    </ul>
  );
}

export async function ScopeSummary({
  type,
  scope,
  description,
  decision,
}: {
  type: string;
  scope: RequestScope;
  description: string;
  decision: { kind: string; outcome: string } | null;
}) {
  const t = await getTranslations();
  const lines: string[] = [];
  for (const c of scope.categories ?? []) lines.push(t(`categories.${c}`));
  const itemCounts = new Map<string, number>();
  for (const i of scope.items ?? []) itemCounts.set(i.category, (itemCounts.get(i.category) ?? 0) + 1);
  for (const [c, n] of itemCounts) lines.push(t("portal.review.itemsCount", { category: t(`categories.${c}`), count: n }));
  for (const c of scope.corrections ?? []) {
    const label = t.has(`portal.fields.${c.field}`) ? t(`portal.fields.${c.field}`) : c.field;
    const shown = (v: string) =>
      c.field === "account.gender" && (v === "male" || v === "female") ? t(`portal.genders.${v}`) : v || t("portal.form.empty");
    lines.push(t("portal.review.correctionLine", { field: label, current: shown(c.current), requested: shown(c.requested) }));
  }
  for (const k of scope.consents ?? []) lines.push(t.has(`portal.consentKeys.${k}`) ? t(`portal.consentKeys.${k}`) : k);
  if (scope.relatedRequestRef) lines.push(t("portal.review.relatedRequest", { ref: scope.relatedRequestRef }));
  if (type === "complaint" && !scope.relatedRequestRef) lines.push(t("portal.review.general"));
  if (type === "cancellation") lines.push(t("types.cancellation"));
  if (type === "automated_decision" && decision) {
    lines.push(`${t.has(`portal.decisionKinds.${decision.kind}`) ? t(`portal.decisionKinds.${decision.kind}`) : decision.kind}: ${decision.outcome}`);
  }
  return (
    <dl className="portal-summary" data-testid="scope">
      <dt>{t("portal.review.asked")}</dt>
      <dd>
        {lines.length > 0 ? (
          <ul>
            {lines.map((l, i) => (
              <li key={i} dir="auto">
                {l}
              </li>
            ))}
          </ul>
        ) : (
          t("portal.detail.none")
        )}
      </dd>
      {scope.ground && (
        <>
          <dt>{t("portal.review.ground")}</dt>
          <dd>{t.has(`portal.grounds.${scope.ground}`) ? t(`portal.grounds.${scope.ground}`) : scope.ground}</dd>
        </>
      )}
      {description && (
        <>
          <dt>{t("portal.review.description")}</dt>
          <dd className="portal-text" dir="auto" data-testid="scope-description">
            {description}
          </dd>
        </>
      )}
    </dl>
  );
}

export async function Timeline({ events }: { events: PatientEvent[] }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const date = (d: unknown) =>
    typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d) ? format.dateTime(new Date(`${d}T12:00:00+08:00`), "date") : undefined;
  const status = (s: string | null) => (s && t.has(`statuses.${s}`) ? t(`statuses.${s}`) : "—");
  const text = (e: PatientEvent): string => {
    switch (e.kind) {
      case "submitted":
        return t("portal.events.submitted");
      case "status_changed":
        return t("portal.events.status_changed", { from: status(e.fromStatus), to: status(e.toStatus) });
      case "paused": {
        const reason = e.reason ?? (e.data.pauseReason as string | undefined);
        return t("portal.events.paused", { reason: reason && t.has(`pauseReasons.${reason}`) ? t(`pauseReasons.${reason}`) : "—" });
      }
      case "resumed": {
        const d = date(e.data.dueDate);
        return d ? t("portal.events.resumed", { date: d }) : t("portal.events.resumedNoDate");
      }
      case "message":
        return e.mine ? t("portal.events.message_mine") : t("portal.events.message_staff");
      case "fee_quoted":
        return t("portal.events.fee_quoted", { amount: String(e.data.amount ?? "") });
      case "fee_answered":
        return e.data.accepted ? t("portal.events.fee_accepted") : t("portal.events.fee_declined");
      case "deadline_recomputed": {
        const d = date(e.data.dueDate);
        return d ? t("portal.events.deadline_recomputed", { date: d }) : t("events.deadline_recomputed");
      }
      case "reopened":
        return t("portal.events.reopened");
      case "fulfilment_step": {
        const step = `portal.events.steps.${String(e.data.step)}`;
        return t.has(step) ? t(step as "portal.events.fulfilment_step") : t("portal.events.fulfilment_step");
      }
      default:
        return t.has(`events.${e.kind}`) ? t(`events.${e.kind}`) : t("portal.events.other", { kind: e.kind });
    }
  };
  return (
    <ol className="portal-timeline" data-testid="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.occurredAt.toISOString()}>{format.dateTime(e.occurredAt, "dateTime")}</time>
          <span>{text(e)}</span>
        </li>
      ))}
    </ol>
  );
}

export async function MessageThread({ messages }: { messages: PatientMessage[] }) {
  const t = await getTranslations("portal.detail");
  const format = await getFormatter();
  if (messages.length === 0) return <p className="muted">{t("noMessages")}</p>;
  return (
    <ol className="portal-thread" data-testid="thread">
      {messages.map((m) => (
        <li key={m.id} className={m.fromMe ? "mine" : "staff"} data-testid="message">
          <p className="portal-msg-head">
            <strong>{m.fromMe ? t("fromMe") : t("fromStaff")}</strong>{" "}
            <time className="muted" dateTime={m.createdAt.toISOString()}>
              {format.dateTime(m.createdAt, "dateTime")}
            </time>
          </p>
          <p className="portal-text" dir="auto">
            {m.body}
          </p>
          <FileLinks files={m.files} />
          {!m.fromMe && <PolicyContactLine />}
        </li>
      ))}
    </ol>
  );
}
