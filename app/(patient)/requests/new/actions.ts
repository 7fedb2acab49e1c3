"use server";

import { defineAction } from "@/lib/actions/define";
import { previewRequestDefinition, submitRequestDefinition } from "@/lib/requests/submit-action";

/** The review step: the same checks as filing, and the reply date the deadline engine gives for now. */
export const previewRequestAction = defineAction(previewRequestDefinition);

/** Files the request (lib/requests/submit-action.ts, the same definition as POST /api/requests). */
export const submitRequestAction = defineAction(submitRequestDefinition);
