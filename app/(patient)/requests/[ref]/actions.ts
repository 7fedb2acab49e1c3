"use server";

import { defineAction } from "@/lib/actions/define";
import { answerFeeDefinition, replyDefinition, withdrawDefinition } from "@/lib/requests/patient-actions";

/** A message to staff; when the request waits on the patient, their answer, which resumes the clock. */
export const replyAction = defineAction(replyDefinition);

export const withdrawAction = defineAction(withdrawDefinition);

export const feeAction = defineAction(answerFeeDefinition);
