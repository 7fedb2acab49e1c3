import { getDb } from "@/db/client";
import { requireApiRole } from "@/lib/auth/session";
import { logUnexpected, NotFoundError } from "@/lib/errors";
import { openAttachment } from "@/lib/uploads/store";

/**
 * A document, for whoever may read it (lib/uploads/store.ts: its uploader; the requester for staff's message
 * files and, with a signed short-lived link, result files; staff for any file of a request). Every read is
 * audited. Anything else — another patient's file, a guessed id, an expired link — is 404, the same answer.
 * Always a download, never rendered by the browser as a page.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiRole("patient", "agent", "manager", "admin");
  if ("response" in auth) return auth.response;
  const url = new URL(req.url);
  try {
    const file = await openAttachment(await getDb(), auth.actor, (await params).id, { exp: url.searchParams.get("exp"), sig: url.searchParams.get("sig") });
    return new Response(Buffer.from(file.content), {
      status: 200,
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.content.byteLength),
        "Content-Disposition": attachmentDisposition(file.filename),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (e instanceof NotFoundError) return Response.json({ error: "not_found" }, { status: 404 });
    return Response.json({ error: "unexpected", ref: logUnexpected(e, { route: "GET /api/attachments/[id]" }) }, { status: 500 });
  }
}

/** RFC 6266 with the original (often Chinese) name in filename*. */
function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
