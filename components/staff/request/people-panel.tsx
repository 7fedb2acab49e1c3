import { getFormatter, getTranslations } from "next-intl/server";
import type { Request } from "@/db/schema";
import { maskPhone } from "@/lib/text/mask";
import { Facts } from "./facts";

type Attachment = { id: string; purpose: string; filename: string; contentType: string; sizeBytes: number; createdAt: Date };
type Check = { matched: boolean; occurredAt: Date };

/** Who asked, for whom, on what footing: requester, subject, relationship, proof documents and identity checks. */
export async function PeoplePanel({
  request,
  requester,
  loggedBy = null,
  attachments,
  checks,
}: {
  request: Request;
  requester: { displayName: string; phone: string | null };
  /** Who logged a request received by phone, letter, e-mail or at the counter (lib/requests/intake.ts). */
  loggedBy?: { displayName: string } | null;
  attachments: Attachment[];
  checks: Check[];
}) {
  const t = await getTranslations("staff.request");
  const tt = await getTranslations();
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, "dateTime");
  const base = `/queue/${request.ref}/attachments`;
  return (
    <section className="card" aria-labelledby="people-title" data-testid="people">
      <h2 id="people-title">{t("peopleTitle")}</h2>
      <Facts
        items={[
          [
            t("requester"),
            <>
              {requester.displayName} <span className="mono">{requester.phone ? maskPhone(requester.phone) : ""}</span>
            </>,
          ],
          [
            t("channel"),
            <span key="channel" data-testid="request-channel">
              {request.channel === "portal"
                ? t("channel_portal")
                : t("channelLogged", {
                    channel: t(`channel_${request.channel}`),
                    name: loggedBy?.displayName ?? t("noName"),
                    time: when(request.receivedAt),
                  })}
            </span>,
          ],
          [t("relationship"), tt(`relationships.${request.relationship}`)],
          [
            t("subject"),
            <>
              {request.subjectName || t("noName")} <span className="mono">{maskPhone(request.subjectPhone)}</span>
            </>,
          ],
          [t("subjectAccount"), request.subjectAccountId ? t("accountKnown") : t("accountUnknown")],
          [t("language"), request.locale === "en" ? t("language_en") : t("language_zh")],
          [t("identity"), request.identityVerifiedAt ? t("identityVerified", { time: when(request.identityVerifiedAt) }) : t("identityNotVerified")],
        ]}
      />
      {checks.length > 0 && (
        <>
          <h3>{t("checksTitle")}</h3>
          <ul>
            {checks.map((c, i) => (
              <li key={i}>
                {when(c.occurredAt)} · {c.matched ? t("checkMatched") : t("checkMismatch")}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t("attachmentsTitle")}</h3>
      {attachments.length === 0 ? (
        <p className="muted">{request.relationship === "self" ? t("noAttachments") : t("noProof")}</p>
      ) : (
        <ul data-testid="attachments">
          {attachments.map((a) => (
            <li key={a.id}>
              <span className="badge">{t(`purpose_${a.purpose}`)}</span> {a.filename}{" "}
              <span className="muted">
                ({t("size", { kb: Math.max(1, Math.round(a.sizeBytes / 1024)) })}, {when(a.createdAt)})
              </span>{" "}
              {/* Plain links: never prefetched, so each audited view is one a person asked for. */}
              <a href={`${base}/${a.id}`} target="_blank" rel="noopener noreferrer">
                {t("viewFile", { name: a.filename })}
              </a>{" "}
              · <a href={`${base}/${a.id}?download=1`}>{t("downloadFile", { name: a.filename })}</a>
            </li>
          ))}
        </ul>
      )}
      <p className="muted staff-meta">{t("attachmentsAudited")}</p>
    </section>
  );
}
