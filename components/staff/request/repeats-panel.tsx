import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";

type Earlier = { ref: string; status: string; receivedAt: Date };

/** §8.7: the same type from the same subject within 12 months; links to the earlier requests. */
export async function RepeatsPanel({ earlier, flagged }: { earlier: Earlier[]; flagged: boolean }) {
  if (earlier.length === 0 && !flagged) return null;
  const t = await getTranslations("staff.repeats");
  const tt = await getTranslations();
  const format = await getFormatter();
  return (
    <section className="card" aria-labelledby="repeats-title" data-testid="repeats">
      <h2 id="repeats-title">
        {t("title")} <span className="badge staff-flag">{t("badge")}</span>
      </h2>
      <p>{t("intro")}</p>
      {earlier.length === 0 ? (
        <p className="muted">{t("flaggedOnly")}</p>
      ) : (
        <ul>
          {earlier.map((e) => (
            <li key={e.ref}>
              <Link href={`/queue/${e.ref}`} className="mono" prefetch={false}>
                {e.ref}
              </Link>{" "}
              · {format.dateTime(e.receivedAt, "date")} · {tt(`staff.status.${e.status}`)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
