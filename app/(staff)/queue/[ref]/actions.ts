"use server";

import { defineAction } from "@/lib/actions/define";
import { staffActionDefinition } from "@/lib/requests/staff-actions";

/**
 * The request page's server actions, one per staff action, each through the one pipeline (lib/actions): the
 * role, the form's schema, the change in one transaction (lib/requests/staff-actions.ts), then the request
 * and the queue are rendered again with the new version.
 */
export const claimAction = defineAction(staffActionDefinition("claim"));
export const startAction = defineAction(staffActionDefinition("start"));
export const assignAction = defineAction(staffActionDefinition("assign"));
export const pauseAction = defineAction(staffActionDefinition("pause"));
export const resumeAction = defineAction(staffActionDefinition("resume"));
export const quoteFeeAction = defineAction(staffActionDefinition("quote_fee"));
export const completeAction = defineAction(staffActionDefinition("complete"));
export const refuseAction = defineAction(staffActionDefinition("refuse"));
export const reopenAction = defineAction(staffActionDefinition("reopen"));
export const verifyAction = defineAction(staffActionDefinition("verify"));
export const noteAction = defineAction(staffActionDefinition("note"));
export const replyAction = defineAction(staffActionDefinition("reply"));
