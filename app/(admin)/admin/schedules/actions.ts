"use server";

import { defineAction } from "@/lib/actions/define";
import { runScheduleDefinition } from "@/lib/jobs/manual-run";

/** Runs a schedule now, or dry (reporting what it would do), by hand from the admin page (lib/jobs/manual-run.ts). */
export const runScheduleAction = defineAction(runScheduleDefinition);
