/**
 * The saved queue views' inputs and limits, shared by the forms (components/staff/queue-views-forms.tsx) and the
 * server actions (lib/requests/saved-views.ts): one schema for both.
 */
import { z } from "zod";
import { isSafeLine } from "@/lib/text/safe-text";

/** At most this many views of one's own. */
export const SAVED_VIEWS_MAX = 20;
export const SAVED_VIEW_NAME_MAX = 40;
/** The longest query string a view keeps (the search alone may be 100 characters). */
export const SAVED_VIEW_QUERY_MAX = 1000;

/** The built-in views, for every staff member: their names are in the catalog (staff.views.builtIn_<key>). */
export const BUILT_IN_VIEWS = [
  { key: "myAtRisk", query: "sla=attention&assignee=mine" },
  { key: "unassignedDeletions", query: "type=deletion&assignee=unassigned" },
] as const;
export type BuiltInViewKey = (typeof BUILT_IN_VIEWS)[number]["key"];

export const SaveViewInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "required")
    .max(SAVED_VIEW_NAME_MAX, "tooLong")
    .refine((s) => isSafeLine(s), "invalid_characters"),
  query: z.string().max(SAVED_VIEW_QUERY_MAX, "view_query_invalid"),
});

export const DeleteViewInput = z.object({ id: z.uuid("view_not_found") });
