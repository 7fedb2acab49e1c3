import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/session";
import { STAFF_ROLES } from "@/lib/policy";
import { contentDisposition, readAttachmentForStaff } from "@/lib/requests/attachment-access";
import { logUnexpected, NotFoundError } from "@/lib/errors";

type Params = { params: Promise<{ ref: string; id: string }> };

/** A request's attachment (proof documents above all), for staff only; every view and download is audited. */
export async function GET(req: Request, { params }: Params) {
  const actor = await requireRole(...STAFF_ROLES);
  const { ref, id } = await params;
  const mode = new URL(req.url).searchParams.get("download") === "1" ? "download" : "view";
  try {
    const file = await readAttachmentForStaff(await getDb(), actor, ref, id, mode, new Date());
    return new Response(Buffer.from(file.content), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": contentDisposition(file.disposition, file.filename),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        "Referrer-Policy": "no-referrer",
      },
    });
  } catch (e) {
    const t = await getTranslations();
    const text = { "Content-Type": "text/plain; charset=utf-8" };
    if (e instanceof NotFoundError) return new Response(t("notFound.body"), { status: 404, headers: text });
    return new Response(t("errors.unexpected", { ref: logUnexpected(e, { route: "staff attachment" }) }), { status: 500, headers: text });
  }
}
