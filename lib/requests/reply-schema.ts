// zod/mini: the reply form runs this schema in the patient's browser as well as on the server.
import * as z from "zod/mini";
import { isSafeText } from "@/lib/text/safe-text";
import { UPLOAD_LIMITS } from "@/lib/uploads/file-type";

const Ref = z.string().check(z.trim(), z.maxLength(40));
const Version = z.int().check(z.minimum(0));

/** A patient's message or answer to staff, shared by the form and the server action. Codes of lib/actions/codes.ts. */
export const ReplyInput = z.object({
  ref: Ref,
  version: Version,
  message: z.string().check(z.trim(), z.minLength(1, "required"), z.maxLength(5000, "too_long"), z.refine(isSafeText, "invalid_characters")),
  attachmentIds: z._default(z.array(z.uuid("invalid")).check(z.maxLength(UPLOAD_LIMITS.maxFilesPerRequest, "too_many_files")), []),
});
export type ReplyInputT = z.infer<typeof ReplyInput>;

export const VersionedRef = z.object({ ref: Ref, version: Version });
export const FeeAnswerInput = z.extend(VersionedRef, { accept: z.boolean() });
