import { getDb } from "@/db/client";
import { requireApiRole } from "@/lib/auth/session";
import { INTAKE_ROLES } from "@/lib/policy";
import { logUnexpected, NotFoundError } from "@/lib/errors";
import { discardUpload } from "@/lib/uploads/store";

/** The uploader takes back a document not yet sent (its content is erased). 204; 404 for anything else. */
export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiRole("patient", ...INTAKE_ROLES);
  if ("response" in auth) return auth.response;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return Response.json({ error: "invalid" }, { status: 403 });
  try {
    await discardUpload(await getDb(), auth.actor, (await params).id);
    return new Response(null, { status: 204 });
  } catch (e) {
    if (e instanceof NotFoundError) return Response.json({ error: "not_found" }, { status: 404 });
    return Response.json({ error: "unexpected", ref: logUnexpected(e, { route: "DELETE /api/uploads/[id]" }) }, { status: 500 });
  }
}
