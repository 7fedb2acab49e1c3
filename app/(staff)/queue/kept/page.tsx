import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/session";
import { findKeptRecords, parseKeptQuery, type KeptSubject } from "@/lib/fulfilment/kept-records";
import { STAFF_ROLES } from "@/lib/policy";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The records a legal retention keeps of patients who closed their accounts, for a later copy request or a
 * dispute: found by the phone or ID number the person presents, the cancellation's reference, or the subject key
 * the records are filed under (lib/fulfilment/kept-records.ts). Every look-up is audited.
 */
export default async function KeptRecordsPage({ searchParams }: Props) {
  const actor = await requireRole(...STAFF_ROLES);
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  const query = q ? parseKeptQuery(q) : null;
  const now = new Date();
  const found: KeptSubject[] | null = query ? await findKeptRecords(await getDb(), actor, query, now) : null;
  const t = await getTranslations("staff.kept");
  const tt = await getTranslations();
  const format = await getFormatter();
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00+08:00`), "date");
  const at = (d: Date) => format.dateTime(d, "date");
  const category = (c: string) => (tt.has(`categories.${c}`) ? tt(`categories.${c}`) : "—");
  return (
    <div className="staff-page">
      <p>
        <Link href="/queue">{t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <form method="get" className="row" role="search">
        <div className="field grow">
          <label htmlFor="kept-q">{t("search")}</label>
          <input id="kept-q" name="q" defaultValue={q} autoComplete="off" aria-describedby="kept-q-hint" data-testid="kept-search" />
          <p id="kept-q-hint" className="muted">
            {t("searchHint")}
          </p>
        </div>
        <div className="field">
          <button type="submit" className="btn">
            {t("find")}
          </button>
        </div>
      </form>
      {q && !query && (
        <p className="alert warn" role="status">
          {t("badQuery")}
        </p>
      )}
      {found && found.length === 0 && (
        <p className="alert info" role="status" data-testid="kept-none">
          {t("none")}
        </p>
      )}
      {found?.map((s) => (
        <section key={s.key} className="card" data-testid="kept-subject" aria-labelledby={`kept-${s.key}`}>
          <h2 id={`kept-${s.key}`}>
            {t("subject")} <span className="mono">{s.key}</span>
          </h2>
          <p>
            {t.rich("cancelledBy", {
              ref: () => (
                <Link href={`/queue/${s.ref}`} className="mono">
                  {s.ref}
                </Link>
              ),
              at: at(s.cancelledAt),
            })}
          </p>
          {s.records.length === 0 ? (
            <p className="muted">{t("nothingLeft")}</p>
          ) : (
            <table className="data compact" data-testid="kept-records">
              <caption>{t("records", { count: s.records.length, photos: s.photos })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("category")}</th>
                  <th scope="col">{t("whose")}</th>
                  <th scope="col">{t("record")}</th>
                  <th scope="col">{t("date")}</th>
                  <th scope="col">{t("until")}</th>
                </tr>
              </thead>
              <tbody>
                {s.records.map((r, i) => (
                  <tr key={i} data-category={r.category}>
                    <th scope="row">{category(r.category)}</th>
                    <td>{r.familyMember ? t("familyMember") : t("holder")}</td>
                    <td dir="auto">
                      {r.title ?? "—"}
                      {r.detail ? <span className="muted"> · {r.detail}</span> : null}
                    </td>
                    <td>{r.at ? at(r.at) : "—"}</td>
                    <td>{day(r.deletableAfter)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">{t("use")}</p>
        </section>
      ))}
    </div>
  );
}
