"use server";

import { defineAction } from "@/lib/actions/define";
import type { ErrorCode } from "@/lib/actions/codes";
import { failure } from "@/lib/actions/result";
import { importCalendarYear } from "@/lib/calendar/admin";
import { CalendarUpload } from "@/lib/calendar/import-schema";

/**
 * Admin import of a year's notice from an uploaded JSON file (the form is sent as FormData, its File included).
 * Each problem with the file comes back as an issue: its code and where in the file it is.
 */
export const importCalendarAction = defineAction({
  name: "importCalendar",
  roles: ["admin"],
  schema: CalendarUpload,
  run: async ({ actor, db, input, now }) => {
    let content: unknown;
    try {
      content = JSON.parse(await input.file.text());
    } catch {
      return failure("calendar_not_json");
    }
    const result = await importCalendarYear(db, actor, content, { replace: input.replace, now });
    if (result.ok) return result;
    const issues = result.errors.map((e) => ({
      code: `calendar_${e.code}` as ErrorCode,
      params: { ...("index" in e && e.index !== undefined ? { index: e.index + 1 } : {}), ...("date" in e && e.date ? { date: e.date } : {}) },
    }));
    return failure(issues[0]?.code ?? "calendar_malformed", { issues });
  },
  revalidate: () => ["/admin/calendar"],
});
