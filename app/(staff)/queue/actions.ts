"use server";

import { defineAction } from "@/lib/actions/define";
import { markNoticeReadDefinition } from "@/lib/reminders/queries";

/** Marks one of the staff member's own reminders read (lib/reminders/queries.ts). */
export const markNoticeReadAction = defineAction(markNoticeReadDefinition);
