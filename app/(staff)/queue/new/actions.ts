"use server";

import { defineAction } from "@/lib/actions/define";
import { logIntakeDefinition } from "@/lib/requests/intake";

/** Logs a request received by phone, letter, e-mail or at the counter (lib/requests/intake.ts): agents and managers. */
export const logIntakeAction = defineAction(logIntakeDefinition);
