import { getDb } from "@/db/client";
import { requireApiRole } from "@/lib/auth/session";
import { logUnexpected } from "@/lib/errors";
import { INTAKE_ROLES } from "@/lib/policy";
import { UPLOAD_LIMITS } from "@/lib/uploads/file-type";
import { PATIENT_UPLOAD_PURPOSES, storeUpload, type PatientUploadPurpose } from "@/lib/uploads/store";

/**
 * Uploads one document for the signed-in patient (or a proof document for staff logging a request on a patient's
 * behalf, lib/requests/intake.ts), before it is sent with a request or a message:
 * `POST /api/uploads?purpose=proof|evidence|message&name=<file name>` with the file's bytes as the body. The body
 * is read up to 10 MB and no further (no server-action body limit involved); the type comes from the bytes.
 * 201 `{ id, filename, contentType, sizeBytes }`; errors are codes of the `portal.errors` catalog:
 * 413 upload_too_large, 415 upload_type, 400 upload_empty or invalid, 409 upload_count.
 */
export async function POST(req: Request) {
  const auth = await requireApiRole("patient", ...INTAKE_ROLES);
  if ("response" in auth) return auth.response;
  // Only the portal's own pages upload (browsers say so; cookies are SameSite=Lax as well).
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return Response.json({ error: "invalid" }, { status: 403 });

  const url = new URL(req.url);
  const purpose = url.searchParams.get("purpose") as PatientUploadPurpose | null;
  if (!purpose || !PATIENT_UPLOAD_PURPOSES.includes(purpose)) return Response.json({ error: "invalid" }, { status: 400 });
  if (auth.actor.role !== "patient" && purpose !== "proof") return Response.json({ error: "forbidden" }, { status: 403 });
  const name = (url.searchParams.get("name") ?? "").slice(0, 500);

  const bytes = await readLimited(req, UPLOAD_LIMITS.maxBytes);
  if (bytes === "too_large") return Response.json({ error: "upload_too_large" }, { status: 413 });
  try {
    const result = await storeUpload(await getDb(), auth.actor, { purpose, filename: name, bytes });
    if (result.ok) return Response.json(result.upload, { status: 201 });
    const status = { upload_too_large: 413, upload_type: 415, upload_empty: 400, upload_count: 409 }[result.error];
    return Response.json({ error: result.error }, { status });
  } catch (e) {
    return Response.json({ error: "unexpected", ref: logUnexpected(e, { route: "POST /api/uploads" }) }, { status: 500 });
  }
}

/** The request body, or "too_large" as soon as it passes `max` bytes (the rest is never read). */
async function readLimited(req: Request, max: number): Promise<Uint8Array | "too_large"> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > max) return "too_large";
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return "too_large";
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
