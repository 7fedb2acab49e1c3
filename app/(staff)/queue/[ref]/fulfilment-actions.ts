"use server";

import { defineAction } from "@/lib/actions/define";
import { fulfilmentActionDefinition } from "@/lib/fulfilment/actions";

/**
 * The fulfilment panel's server actions, each through the one pipeline (lib/actions): staff only, the form's
 * schema, then one step in one transaction (lib/fulfilment/actions.ts); the page is rendered again.
 */
export const prepareAction = defineAction(fulfilmentActionDefinition("prepare"));
export const releaseAction = defineAction(fulfilmentActionDefinition("release"));
export const correctionAction = defineAction(fulfilmentActionDefinition("correction"));
export const deletionAction = defineAction(fulfilmentActionDefinition("deletion"));
export const consentAction = defineAction(fulfilmentActionDefinition("consent"));
export const cancellationAction = defineAction(fulfilmentActionDefinition("cancellation"));
export const confirmRecipientAction = defineAction(fulfilmentActionDefinition("confirm_recipient"));
