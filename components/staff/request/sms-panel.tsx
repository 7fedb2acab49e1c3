import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestSms } from "@/lib/sms/queries";

/**
 * The request's text messages and what became of them; a message that finally failed is called out, with the
 * provider's code, so staff reach the patient another way.
 */
export async function SmsPanel({ items }: { items: RequestSms[] }) {
  const t = await getTranslations("smsDelivery");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, "dateTime");
  const known = (k: string) => (t.has(`templates.${k}`) ? t(`templates.${k}` as "templates.otp") : k);
  const failed = items.filter((m) => m.status === "failed");
  const status = (m: RequestSms) => {
    if (m.status === "failed") return t("status_failed");
    if (m.status === "pending") return m.lastError ? t("status_pending_retry", { error: m.lastError }) : t("status_pending");
    if (m.delivery === "delivered") return t("delivery_delivered");
    if (m.delivery === "undelivered") return t("delivery_undelivered", { error: m.lastError ?? "" });
    return t("status_sent");
  };
  return (
    <section className="card" aria-labelledby="sms-title" data-testid="sms-panel">
      <h2 id="sms-title">{t("title")}</h2>
      {failed.map((m) => (
        <p key={m.id} className="alert error" role="alert" data-testid="sms-failed">
          {t("failed", { when: when(m.createdAt), attempts: m.attempts, error: m.lastError ?? "" })}
        </p>
      ))}
      {items.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("when")}</th>
              <th scope="col">{t("template")}</th>
              <th scope="col">{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id} data-testid="sms-row">
                <td>{when(m.createdAt)}</td>
                <td>{known(m.template)}</td>
                <td>{status(m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
