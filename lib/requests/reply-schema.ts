import { z } from "zod";
import { isSafeText } from "@/lib/text/safe-text";
import { UPLOAD_LIMITS } from "@/lib/uploads/file-type";

/** A patient's message or answer to staff, shared by the form and the server action. Codes of lib/actions/codes.ts. */
export const ReplyInput = z.object({
  ref: z.string().trim().max(40),
  version: z.number().int().min(0),
  message: z.string().trim().min(1, "required").max(5000, "too_long").refine(isSafeText, "invalid_characters"),
  attachmentIds: z.array(z.uuid("invalid")).max(UPLOAD_LIMITS.maxFilesPerRequest, "too_many_files").default([]),
});
export type ReplyInputT = z.infer<typeof ReplyInput>;

export const VersionedRef = z.object({ ref: z.string().trim().max(40), version: z.number().int().min(0) });
export const FeeAnswerInput = VersionedRef.extend({ accept: z.boolean() });
