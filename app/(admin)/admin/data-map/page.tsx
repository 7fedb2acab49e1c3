import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { DATA_MAP, TRANSCRIPT_RETENTION } from "@/lib/fulfilment/data-map";

/** The data map, read-only: the configuration fulfilment runs on. */
export default async function DataMapPage() {
  await requireRole("admin");
  const t = await getTranslations();
  return (
    <>
      <h1>{t("dataMap.title")}</h1>
      <p className="muted">{t("dataMap.intro")}</p>
      <div className="table-wrap">
        <table className="data" data-testid="data-map">
          <thead>
            <tr>
              <th scope="col">{t("dataMap.category")}</th>
              <th scope="col">{t("dataMap.tables")}</th>
              <th scope="col">{t("dataMap.erasure")}</th>
              <th scope="col">{t("dataMap.retention")}</th>
              <th scope="col">{t("dataMap.recipients")}</th>
            </tr>
          </thead>
          <tbody>
            {DATA_MAP.map((c) => (
              <tr key={c.category}>
                <th scope="row">{t(`categories.${c.category}`)}</th>
                <td className="mono">
                  {c.tables.map((tb) => (
                    <div key={tb.table}>
                      {tb.table}: {tb.columns.join(", ")}
                    </div>
                  ))}
                </td>
                <td>{t(`dataMap.erasure_${c.erasure}`)}</td>
                <td>
                  {c.retention ? (
                    <>
                      {t(`dataMap.retention_${c.retention.rule}`)}
                      <div className="muted">{t("dataMap.basis", { basis: c.retention.basis })}</div>
                    </>
                  ) : (
                    t("dataMap.none")
                  )}
                </td>
                <td>{c.recipients.length ? c.recipients.map((r) => t(`dataMap.recipient_${r}`)).join("、") : t("dataMap.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        {t("dataMap.transcriptNote")} {t("dataMap.basis", { basis: TRANSCRIPT_RETENTION.basis })}
      </p>
    </>
  );
}
