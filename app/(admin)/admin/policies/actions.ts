"use server";

import { defineAction } from "@/lib/actions/define";
import { savePoliciesDefinition } from "@/lib/calendar/policy-action";

/** Saves the deadlines of every request type at once (lib/calendar/policy-action.ts). */
export const savePoliciesAction = defineAction(savePoliciesDefinition);
