import type { NoticeKind } from "@/lib/domain/values";
import { dateFormatter } from "@/lib/i18n/dates";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";

type Urgent = { ref: string; type: string; dueDate: string; state: string };
export type DigestData = {
  date: string;
  counts: { on_track: number; at_risk: number; overdue: number; waiting: number; total: number };
  urgent: Urgent[];
};

const dateText = (locale: Locale, d: unknown) => (typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d) ? dateFormatter(locale)(d, "date") : "");

/**
 * What a notice says, as a title and lines, in `locale`: the same words in-app and in its e-mail. Built only from
 * what the notice recorded (reference, type, due date, working days), never from the request's current state.
 */
export function noticeText(kind: NoticeKind, data: Record<string, unknown>, locale: Locale): { title: string; lines: string[] } {
  const t = translatorFor(locale, "reminders");
  const root = translatorFor(locale, "types");
  const type = typeof data.type === "string" ? root(data.type as never) : "";
  const ref = String(data.ref ?? "");
  const due = dateText(locale, data.dueDate);
  const days = Number(data.days ?? 0);
  if (kind === "at_risk") {
    return {
      title: t("at_risk.subject", { ref, days }),
      lines: [t(data.unassigned ? "at_risk.bodyUnassigned" : "at_risk.body", { ref, type, due, days })],
    };
  }
  if (kind === "overdue") {
    const assignee = typeof data.assignee === "string" && data.assignee ? data.assignee : t("overdue.nobody");
    return { title: t("overdue.subject", { ref }), lines: [t("overdue.body", { ref, type, due, assignee })] };
  }
  if (kind === "waiting_on_patient") {
    return { title: t("waiting.title", { ref }), lines: [t("waiting.body", { ref, type, days, since: dateText(locale, data.since) })] };
  }
  const digest = data as unknown as DigestData;
  const states = translatorFor(locale, "sla");
  const lines = [t("digest.counts", digest.counts)];
  if (digest.urgent.length === 0) lines.push(t("digest.none"));
  else {
    lines.push(t("digest.urgentTitle", { count: digest.urgent.length }));
    for (const u of digest.urgent) {
      lines.push(
        t("digest.urgentLine", { ref: u.ref, type: root(u.type as never), due: dateText(locale, u.dueDate), state: states(u.state as never) }),
      );
    }
  }
  return {
    title: t("digest.subject", { date: dateText(locale, digest.date), overdue: digest.counts.overdue, at_risk: digest.counts.at_risk }),
    lines,
  };
}

/** The staff e-mail of a notice: its title as the subject, a greeting, its lines and where to act. */
export function noticeEmail(kind: NoticeKind, data: Record<string, unknown>, opts: { name: string; locale: Locale; siteUrl: string }) {
  const t = translatorFor(opts.locale, "reminders");
  const { title, lines } = noticeText(kind, data, opts.locale);
  const base = opts.siteUrl.replace(/\/+$/, "");
  const link = kind === "digest" ? `${base}/queue` : `${base}/queue/${String(data.ref ?? "")}`;
  const text = [t("greeting", { name: opts.name }), "", ...lines, "", t("open", { link }), "", t("signature")].join("\n");
  return { subject: title, text };
}
