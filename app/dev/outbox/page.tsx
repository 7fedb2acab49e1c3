import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { latestOutbox } from "@/lib/outbox/queries";
import { maskPhone } from "@/lib/text/mask";

/** Demo only: shows the SMS the built-in sender queued, so a person trying the demo can read their code. */
export default async function DevOutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const e = env();
  if (e.NODE_ENV === "production" && e.DEMO_MODE !== "1") notFound();
  const phoneParam = (await searchParams).phone;
  // A phone number or a staff member's e-mail address; anything else lists every recipient.
  const phone = typeof phoneParam === "string" && /^(\d{11}|[^\s@]+@[^\s@]+)$/.test(phoneParam) ? phoneParam : undefined;
  const rows = await latestOutbox(await getDb(), { recipient: phone, limit: 50 });
  const t = await getTranslations("outbox");
  const format = await getFormatter();
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <form method="get" className="row" role="search">
        <div className="field grow">
          <label htmlFor="phone">{t("filter")}</label>
          <input id="phone" name="phone" type="text" autoComplete="off" defaultValue={phone ?? ""} />
        </div>
        <div className="field">
          <button className="btn secondary" type="submit">
            {t("apply")}
          </button>
        </div>
      </form>
      {rows.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="outbox">
            <thead>
              <tr>
                <th scope="col">{t("sentAt")}</th>
                <th scope="col">{t("recipient")}</th>
                <th scope="col">{t("body")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} data-recipient={m.recipient}>
                  <td>{format.dateTime(m.createdAt, "dateTimeSeconds")}</td>
                  <td className="mono">{m.channel === "sms" ? maskPhone(m.recipient) : m.recipient}</td>
                  <td>{m.body}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
