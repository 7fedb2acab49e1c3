"use server";

import { defineAction } from "@/lib/actions/define";
import { MANAGER_ROLES } from "@/lib/policy";
import { updateReplyTemplate } from "@/lib/requests/reply-templates";
import { TemplateEdit } from "@/lib/requests/staff-action-schemas";

/** A manager saves one reply template (title and body); nothing is written on bad input. */
export const saveTemplateAction = defineAction({
  name: "saveTemplate",
  roles: MANAGER_ROLES,
  schema: TemplateEdit,
  run: async ({ actor, db, input, now }) => {
    await updateReplyTemplate(db, actor, input, now);
    return { ok: true };
  },
  revalidate: () => ["/queue/templates"],
});
