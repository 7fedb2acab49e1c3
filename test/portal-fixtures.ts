import type { Db } from "@/db/client";
import { attachments, messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";

/** Test helpers of the patient portal (test/fixtures.ts is shared and read-only). */

process.env.NEXTAUTH_SECRET ??= "portal-tests-secret-0123456789abcdef0123456789";

export const PDF_BYTES = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
export const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
/** The start of a Windows executable ("MZ"), whatever it is called. */
export const EXE_BYTES = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);

/** A message from staff on a request, optionally internal, optionally with a file staff attached. */
export async function staffMessage(
  db: Db,
  staff: Actor,
  requestId: string,
  body: string,
  opts: { internal?: boolean; file?: { purpose: "message" | "result"; name: string } } = {},
) {
  const [m] = await db
    .insert(messages)
    .values({ requestId, authorId: staff.id, body, internal: opts.internal ?? false })
    .returning();
  let fileId: string | undefined;
  if (opts.file) {
    const [a] = await db
      .insert(attachments)
      .values({
        requestId,
        messageId: opts.file.purpose === "message" ? m!.id : null,
        uploaderId: staff.id,
        purpose: opts.file.purpose,
        filename: opts.file.name,
        contentType: "application/pdf",
        sizeBytes: PDF_BYTES.length,
        sha256: "test",
        content: PDF_BYTES,
      })
      .returning();
    fileId = a!.id;
  }
  return { message: m!, fileId };
}
