"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define";
import { appendAudit } from "@/lib/audit/log";
import { endAllSessions } from "@/lib/auth/sessions";

/** "Sign out everywhere": every session of the signed-in patient ends on the server, this one included. */
export const signOutEverywhereAction = defineAction({
  name: "signOutEverywhere",
  roles: ["patient"],
  schema: z.object({}),
  run: async ({ actor, db, now }) => {
    const ended = await db.transaction(async (tx) => {
      const n = await endAllSessions(tx, actor.id, now);
      await appendAudit(tx, { actorId: actor.id, action: "sessions.end_all", entity: "user", entityId: actor.id, data: { sessions: n }, now });
      return n;
    });
    return { ok: true, ended };
  },
});
