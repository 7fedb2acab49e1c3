"use server";

import { defineAction } from "@/lib/actions/define";
import { markNoticeReadDefinition } from "@/lib/reminders/queries";
import { bulkQueueDefinition } from "@/lib/requests/bulk";
import { deleteViewDefinition, saveViewDefinition } from "@/lib/requests/saved-views";

/** Marks one of the staff member's own reminders read (lib/reminders/queries.ts). */
export const markNoticeReadAction = defineAction(markNoticeReadDefinition);

/** Claims or (managers) assigns the requests selected in the queue, one transaction each (lib/requests/bulk.ts). */
export const bulkQueueAction = defineAction(bulkQueueDefinition);

/** Saves the current filters and sort as a named view of one's own (lib/requests/saved-views.ts). */
export const saveViewAction = defineAction(saveViewDefinition);

/** Deletes one of one's own saved views. */
export const deleteViewAction = defineAction(deleteViewDefinition);
