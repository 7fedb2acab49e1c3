import { getDb } from "@/db/client";
import { requireApiRole } from "@/lib/auth/session";
import { logUnexpected, NotFoundError } from "@/lib/errors";
import { fileResponse } from "@/lib/uploads/file-response";
import { openAttachment } from "@/lib/uploads/store";

/**
 * A document, for whoever may read it (lib/uploads/store.ts: its uploader; the requester for staff's message
 * files; staff for any file of a request, result packages included). Every read is audited. Anything else —
 * another patient's file, a guessed id — is 404, the same answer. Released results: /api/downloads/[id].
 * Always a download, never rendered by the browser as a page.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiRole("patient", "agent", "manager", "admin");
  if ("response" in auth) return auth.response;
  try {
    const file = await openAttachment(await getDb(), auth.actor, (await params).id);
    return fileResponse(file);
  } catch (e) {
    if (e instanceof NotFoundError) return Response.json({ error: "not_found" }, { status: 404 });
    return Response.json({ error: "unexpected", ref: logUnexpected(e, { route: "GET /api/attachments/[id]" }) }, { status: 500 });
  }
}
