import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { OPEN_STATUSES, type RequestStatus } from "@/lib/domain";
import { FeeAnswer, ReplyForm, WithdrawButton } from "@/components/portal/request-actions";
import { FulfilmentOutcomeView } from "@/components/portal/outcome";
import { FileLinks, MessageThread, ScopeSummary, Timeline } from "@/components/portal/request-view";
import { DueDate } from "@/components/requests/due-date";
import { requireRole } from "@/lib/auth/session";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { NotFoundError } from "@/lib/errors";
import { hasFulfilmentOutcome } from "@/lib/fulfilment/outcome";
import { getMyRequest, type MyRequestDetail } from "@/lib/requests/patient-view";
import { maskPhone } from "@/lib/text/mask";

type Props = { params: Promise<{ ref: string }> };

async function load(ref: string, actor: Awaited<ReturnType<typeof requireRole>>): Promise<MyRequestDetail> {
  try {
    return await getMyRequest(await getDb(), actor, ref);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}

/**
 * One of the patient's requests: where it stands, when it is due, what we need from them, the messages, the
 * result; withdrawing an open one, complaining about an answered (completed or refused) one. A withdrawn one says so
 * and offers only a new request: no deadline, no met/missed, no complaint. Another patient's reference is 404.
 */
export default async function MyRequestPage({ params }: Props) {
  const actor = await requireRole("patient");
  const detail = await load((await params).ref, actor);
  const { request: r } = detail;
  const [index, t, format] = await Promise.all([loadWorkingDayIndex(await getDb()), getTranslations(), getFormatter()]);
  const now = new Date();
  const open = (OPEN_STATUSES as readonly RequestStatus[]).includes(r.status);
  const waiting = r.status === "awaiting_requester";
  const feeQuoted = waiting && r.pauseReason === "fee";
  const lastStaffMessage = [...detail.messages].reverse().find((m) => !m.fromMe);
  const withdrawn = r.status === "withdrawn";
  // A complaint is about how we answered: it applies to a completed or refused request, not to one the patient withdrew.
  const answered = r.status === "completed" || r.status === "refused";
  const o = detail.outcome;
  const hasOutcome = hasFulfilmentOutcome(o);
  const linkUntil = detail.results.length > 0 ? Math.min(...detail.results.map((f) => f.expiresAt.getTime())) : null;
  return (
    <article className="portal-request" aria-labelledby="request-title">
      <p>
        <Link href="/requests">{t("portal.detail.back")}</Link>
      </p>
      <h1 id="request-title">
        {t(`types.${r.type}`)}{" "}
        <span className="mono portal-ref" data-testid="request-ref">
          {r.ref}
        </span>
      </h1>
      <dl className="portal-facts">
        <dt>{t("portal.detail.status")}</dt>
        <dd>
          <span className={`badge status-${r.status}`} data-testid="request-status">
            {t(`statuses.${r.status}`)}
          </span>
          {r.outcome && <> {t(`outcomes.${r.outcome}`)}</>}
        </dd>
        <dt>{t("portal.detail.received")}</dt>
        <dd>{format.dateTime(r.receivedAt, "dateTime")}</dd>
        {!withdrawn && (
          <>
            <dt>{t("portal.detail.due")}</dt>
            <dd data-testid="request-due">
              <DueDate request={detail.summary} index={index} now={now} />
            </dd>
          </>
        )}
        {r.closedAt && (
          <>
            <dt>{withdrawn ? t("portal.detail.withdrawnAt") : t("portal.detail.closed")}</dt>
            <dd>{format.dateTime(r.closedAt, "dateTime")}</dd>
          </>
        )}
        {r.relationship !== "self" && (
          <>
            <dt>{t("portal.detail.relationship")}</dt>
            <dd>{t(`relationships.${r.relationship}`)}</dd>
            <dt>{t("portal.detail.subject")}</dt>
            <dd dir="auto">
              {r.subjectName} ({maskPhone(r.subjectPhone)})
            </dd>
          </>
        )}
      </dl>

      {waiting && !feeQuoted && (
        <section className="card portal-action" aria-labelledby="action-title" data-testid="action-needed">
          <h2 id="action-title">{t("portal.detail.actionTitle")}</h2>
          <p>{t("portal.detail.pausedBecause", { reason: r.pauseReason ? t(`pauseReasons.${r.pauseReason}`) : "—" })}</p>
          {lastStaffMessage && (
            <figure className="portal-question">
              <figcaption className="muted">{t("portal.detail.latestQuestion")}</figcaption>
              <blockquote className="portal-text" dir="auto" data-testid="staff-question">
                {lastStaffMessage.body}
              </blockquote>
            </figure>
          )}
          <ReplyForm refCode={r.ref} version={r.version} mode="answer" purpose={r.pauseReason === "identity" ? "proof" : "message"} />
        </section>
      )}

      {feeQuoted && (
        <section className="card portal-action" aria-labelledby="fee-title" data-testid="fee">
          <h2 id="fee-title">{t("portal.detail.feeTitle")}</h2>
          <p>{t("portal.detail.feeBody", { amount: r.feeAmount ?? "" })}</p>
          {r.feeReason && (
            <p className="portal-text" dir="auto">
              {t("portal.detail.feeReason", { reason: r.feeReason })}
            </p>
          )}
          {r.feePayment && (
            <p className="portal-text" dir="auto" data-testid="fee-payment">
              {t("portal.detail.feePayment", { payment: r.feePayment })}
            </p>
          )}
          <p className="muted">
            {t("portal.clauses.fees.source")}: {t("portal.clauses.fees.text")}
          </p>
          <FeeAnswer refCode={r.ref} version={r.version} />
        </section>
      )}

      {open && r.feeStatus === "accepted" && r.feeAmount && (
        <section className="card portal-action" aria-labelledby="payment-title" data-testid="payment">
          <h2 id="payment-title">{t("portal.detail.paymentTitle")}</h2>
          <p>{t("portal.detail.paymentBody", { amount: r.feeAmount })}</p>
          {r.feePayment && (
            <p className="portal-text" dir="auto">
              {r.feePayment}
            </p>
          )}
        </section>
      )}

      {r.status === "refused" && (
        <section className="card portal-refused" aria-labelledby="refused-title" data-testid="refused">
          <h2 id="refused-title">{t("portal.detail.refusedTitle")}</h2>
          {r.refusalReason && <p>{t("portal.detail.refusalReason", { reason: t(`refusalReasons.${r.refusalReason}`) })}</p>}
          {r.refusalExplanation && (
            <p className="portal-text" dir="auto">
              {r.refusalExplanation}
            </p>
          )}
        </section>
      )}

      {(r.status === "completed" || hasOutcome || detail.results.length > 0 || detail.expiredResults > 0) && (
        <section className="card portal-result" aria-labelledby="result-title" data-testid="result">
          <h2 id="result-title">{t("portal.detail.resultTitle")}</h2>
          {r.outcome && <p>{t("portal.detail.outcome", { outcome: t(`outcomes.${r.outcome}`) })}</p>}
          {detail.results.length > 0 && (
            <>
              <h3>{t("portal.detail.resultFiles")}</h3>
              <FileLinks files={detail.results} testId="result-files" />
              <p className="muted">{t("portal.detail.resultLinkNote", { until: format.dateTime(new Date(linkUntil!), "dateTime") })}</p>
            </>
          )}
          <FulfilmentOutcomeView outcome={o} />
          {detail.expiredResults > 0 && <p className="muted">{t("portal.detail.resultExpired", { count: detail.expiredResults })}</p>}
          {detail.results.length === 0 && detail.expiredResults === 0 && !hasOutcome && <p className="muted">{t("portal.detail.noResultFiles")}</p>}
        </section>
      )}

      {withdrawn && (
        <section className="card portal-withdrawn" aria-labelledby="withdrawn-title" data-testid="withdrawn">
          <h2 id="withdrawn-title">{t("portal.detail.withdrawnTitle")}</h2>
          <p>{t("portal.detail.withdrawnBody")}</p>
          <Link className="btn secondary" href="/requests/new" data-testid="file-new">
            {t("portal.list.newRequest")}
          </Link>
        </section>
      )}

      {answered && (
        <section className="card portal-complain" aria-labelledby="complain-title" data-testid="complain">
          <h2 id="complain-title">{t("portal.detail.complainTitle")}</h2>
          <p>{t("portal.detail.complainBody")}</p>
          <Link className="btn secondary" href={`/requests/new/complaint?about=${encodeURIComponent(r.ref)}`} data-testid="complain-link">
            {t("portal.detail.complain")}
          </Link>
        </section>
      )}

      <section aria-labelledby="asked-title">
        <h2 id="asked-title">{t("portal.detail.asked")}</h2>
        <ScopeSummary type={r.type} scope={r.scope} description={r.description} decision={detail.decision} />
        {detail.myFiles.length > 0 && (
          <>
            <h3>{t("portal.detail.myFiles")}</h3>
            <FileLinks files={detail.myFiles} testId="my-files" />
          </>
        )}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("portal.detail.timeline")}</h2>
        <Timeline events={detail.events} />
      </section>

      <section aria-labelledby="thread-title">
        <h2 id="thread-title">{t("portal.detail.thread")}</h2>
        <MessageThread messages={detail.messages} />
        {open && !waiting && <ReplyForm refCode={r.ref} version={r.version} mode="message" purpose="message" />}
      </section>

      {open && (
        <section className="card portal-withdraw" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t("portal.detail.withdrawTitle")}</h2>
          <p>{t("portal.detail.withdrawBody")}</p>
          <WithdrawButton refCode={r.ref} version={r.version} />
        </section>
      )}
    </article>
  );
}
