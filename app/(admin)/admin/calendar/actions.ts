"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/session";
import { importCalendarYear } from "@/lib/calendar/admin";
import { logUnexpected } from "@/lib/errors";

const MAX_BYTES = 1024 * 1024;

export type ImportState =
  | { ok: true; year: number; days: number; replaced: boolean; recomputed: number }
  | { ok: false; errors: { code: string; date?: string; index?: number }[]; ref?: string }
  | null;

/** Admin import of a year's notice from an uploaded JSON file. */
export async function importCalendarAction(_: ImportState, form: FormData): Promise<ImportState> {
  const actor = await requireRole("admin");
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, errors: [{ code: "no_file" }] };
  if (file.size > MAX_BYTES) return { ok: false, errors: [{ code: "too_large" }] };
  let input: unknown;
  try {
    input = JSON.parse(await file.text());
  } catch {
    return { ok: false, errors: [{ code: "not_json" }] };
  }
  try {
    const result = await importCalendarYear(await getDb(), actor, input, { replace: form.get("replace") === "on", now: new Date() });
    if (result.ok) revalidatePath("/admin/calendar");
    return result;
  } catch (e) {
    return { ok: false, errors: [{ code: "unexpected" }], ref: logUnexpected(e, { action: "importCalendar" }) };
  }
}
