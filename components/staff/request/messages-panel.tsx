import { getFormatter, getTranslations } from "next-intl/server";

export type ThreadMessage = { id: string; body: string; createdAt: Date; authorName: string; authorRole: string; internal: boolean };

/** Messages as text (React escapes what the patient wrote): the public thread, or the internal notes. */
export async function MessagesPanel({ kind, items, children }: { kind: "thread" | "notes"; items: ThreadMessage[]; children?: React.ReactNode }) {
  const t = await getTranslations("staff.messages");
  const format = await getFormatter();
  return (
    <section className="card" aria-labelledby={`${kind}-title`} data-testid={kind}>
      <h2 id={`${kind}-title`}>{kind === "thread" ? t("threadTitle") : t("notesTitle")}</h2>
      <p className="muted staff-meta">{kind === "thread" ? t("threadIntro") : t("notesIntro")}</p>
      {items.length === 0 ? (
        <p className="muted">{kind === "thread" ? t("threadEmpty") : t("notesEmpty")}</p>
      ) : (
        <ul className="staff-thread">
          {items.map((m) => (
            <li key={m.id} className={m.internal ? "internal" : m.authorRole === "patient" ? "from-requester" : undefined}>
              <div className="staff-meta">
                {format.dateTime(m.createdAt, "dateTime")} · {m.authorName}
                {m.authorRole === "patient" ? ` · ${t("requester")}` : ` · ${t("staff")}`}
              </div>
              <p className="staff-text">{m.body}</p>
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}
