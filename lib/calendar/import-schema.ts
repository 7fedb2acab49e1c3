import { z } from "zod";

/** The largest calendar file an admin may upload. */
export const CALENDAR_FILE_MAX_BYTES = 1024 * 1024;

/** A file input's value in the browser is a FileList; on the server the form carries the File itself. */
const oneFile = (v: unknown) => (typeof FileList !== "undefined" && v instanceof FileList ? v[0] : v);

/**
 * The calendar import form: one JSON file (its content is checked by lib/sla/calendar-file.ts on the server)
 * and whether it corrects a loaded year. Messages are codes of the `errors` catalog.
 */
export const CalendarUpload = z.object({
  file: z.preprocess(
    oneFile,
    z
      .instanceof(File, { message: "calendar_no_file" })
      .refine((f) => f.size > 0, "calendar_no_file")
      .refine((f) => f.size <= CALENDAR_FILE_MAX_BYTES, "calendar_too_large"),
  ),
  replace: z.preprocess((v) => v === true || v === "on", z.boolean()),
});
