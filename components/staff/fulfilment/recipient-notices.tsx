import { getFormatter, getTranslations } from "next-intl/server";
import { confirmRecipientAction } from "@/app/(staff)/queue/[ref]/fulfilment-actions";
import type { RecipientNotice } from "@/lib/fulfilment/recipients";
import { ConfirmNoticeForm } from "./confirm-notice-form";

/** The deletion notices sent to recipients of the data, each awaited until staff record its confirmation. */
export async function RecipientNoticesTable({
  requestRef,
  notices,
  canConfirm,
}: {
  requestRef: string;
  notices: RecipientNotice[];
  canConfirm: boolean;
}) {
  const t = await getTranslations("staff.fulfilment");
  const format = await getFormatter();
  const at = (d: Date) => format.dateTime(d, "dateTime");
  const awaited = notices.filter((n) => !n.confirmedAt).length;
  return (
    <>
      <h3>{t("noticesTitle")}</h3>
      <p className="muted staff-meta">{awaited > 0 ? t("noticesAwaited", { count: awaited }) : t("noticesAllConfirmed")}</p>
      <ul className="staff-recipient-notices" data-testid="recipient-notices">
        {notices.map((n) => (
          <li key={n.id} data-testid={`notice-${n.id}`}>
            <p>
              <strong dir="auto">{n.recipient}</strong> <span className="muted">{t(`recipientKinds.${n.kind}`)}</span> ·{" "}
              {t("noticeSent", { at: at(n.sentAt) })} ·{" "}
              {n.confirmedAt ? (
                <span className="badge" data-testid="notice-confirmed">
                  {t("noticeConfirmed", { at: at(n.confirmedAt), by: n.confirmedBy ?? "" })}
                </span>
              ) : (
                <span className="badge staff-flag">{t("noticeAwaited")}</span>
              )}
            </p>
            {n.note && (
              <p className="muted" dir="auto">
                {n.note}
              </p>
            )}
            {!n.confirmedAt && canConfirm && (
              <ConfirmNoticeForm action={confirmRecipientAction} requestRef={requestRef} noticeId={n.id} recipient={n.recipient} />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
