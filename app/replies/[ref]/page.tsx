import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { FulfilmentOutcomeView } from "@/components/portal/outcome";
import { finalReplyByLink } from "@/lib/fulfilment/final-reply";

type Props = { params: Promise<{ ref: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The final reply to a request that closed the patient's account, read through the signed link of the closing
 * SMS (lib/fulfilment/reply-link.ts): no sign-in — the account is gone — and only with a link we made, for 30 days.
 */
export default async function FinalReplyPage({ params, searchParams }: Props) {
  const { ref } = await params;
  const q = await searchParams;
  const found = await finalReplyByLink(await getDb(), decodeURIComponent(ref).toUpperCase(), one(q.expires), one(q.sig), new Date());
  const t = await getTranslations("portal.finalReply");
  const tt = await getTranslations();
  const format = await getFormatter();
  if (!found.ok) {
    return (
      <article className="portal-request" data-testid="final-reply-refused">
        <h1>{t(`${found.error}Title`)}</h1>
        <p>{t(`${found.error}Body`)}</p>
      </article>
    );
  }
  const { request: r, reply, outcome } = found.reply;
  return (
    <article className="portal-request" aria-labelledby="final-reply-title" data-testid="final-reply">
      <h1 id="final-reply-title">{t("title", { ref: r.ref })}</h1>
      <p className="muted">{t("intro")}</p>
      <p data-testid="final-reply-status">
        {t("status", {
          outcome: r.outcome ? tt(`outcomes.${r.outcome}`) : tt(`statuses.${r.status}`),
          at: r.closedAt ? format.dateTime(r.closedAt, "dateTime") : "—",
        })}
      </p>
      {reply && (
        <section className="card" aria-labelledby="final-reply-text">
          <h2 id="final-reply-text">{t("reply")}</h2>
          <p className="portal-text" dir="auto" data-testid="final-reply-text">
            {reply}
          </p>
        </section>
      )}
      <section className="card portal-result">
        <FulfilmentOutcomeView outcome={outcome} />
        <p>{t("kept")}</p>
      </section>
      <section className="card portal-complain" aria-labelledby="final-reply-complain" data-testid="complain">
        <h2 id="final-reply-complain">{t("complainTitle")}</h2>
        <p>{t("complainBody")}</p>
      </section>
    </article>
  );
}
