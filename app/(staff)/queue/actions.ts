"use server";

import { defineAction } from "@/lib/actions/define";
import { markNoticeReadDefinition } from "@/lib/reminders/queries";
import { bulkQueueDefinition } from "@/lib/requests/bulk";

/** Marks one of the staff member's own reminders read (lib/reminders/queries.ts). */
export const markNoticeReadAction = defineAction(markNoticeReadDefinition);

/** Claims or (managers) assigns the requests selected in the queue, one transaction each (lib/requests/bulk.ts). */
export const bulkQueueAction = defineAction(bulkQueueDefinition);
