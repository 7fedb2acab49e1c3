import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { REQUEST_TYPES, type RequestType } from "@/lib/domain";
import { TemplateEditor } from "@/components/staff/template-editor";
import { requireRole } from "@/lib/auth/session";
import { MANAGER_ROLES } from "@/lib/policy";
import { isRequestType, listReplyTemplates } from "@/lib/requests/reply-templates";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Managers edit the reply templates of each request type, in both languages. */
export default async function TemplatesPage({ searchParams }: Props) {
  const actor = await requireRole(...MANAGER_ROLES);
  const raw = (await searchParams).type;
  const value = Array.isArray(raw) ? raw[0] : raw;
  const type: RequestType = isRequestType(value) ? value : "access";
  const templates = await listReplyTemplates(await getDb(), actor, type);
  const t = await getTranslations("staff.templates");
  const tt = await getTranslations("types");
  return (
    <div className="staff-page">
      <p>
        <Link href="/queue">{t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {value !== undefined && !isRequestType(value) && (
        <p className="alert warn" role="status">
          {t("unknownType")}
        </p>
      )}
      <form method="get" className="row">
        <div className="field grow">
          <label htmlFor="type">{t("type")}</label>
          <select id="type" name="type" defaultValue={type}>
            {REQUEST_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {tt(ty)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <button type="submit" className="btn secondary">
            {t("show")}
          </button>
        </div>
      </form>
      <div className="grid-2">
        {templates.map((x) => (
          <TemplateEditor key={x.id} template={x} />
        ))}
      </div>
    </div>
  );
}
