import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { savedViews } from "@/db/schema";
import type { ActionDefinition } from "@/lib/actions/perform";
import { failure } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { isStaff, STAFF_ROLES } from "@/lib/policy";
import { DeleteViewInput, SAVED_VIEWS_MAX, SaveViewInput } from "./saved-view-schema";
import { parseQueueFilters, QUEUE_PARAMS, queueQueryString, type QueueFilters } from "./queue-filters";

/**
 * Saved queue views: a staff member names the current filters and sort and finds them again as one-click links
 * above the queue. Two built-in views for everyone live here in code; each person's own views are rows of
 * dsr.saved_views that only they see and delete.
 */
export { BUILT_IN_VIEWS, type BuiltInViewKey } from "./saved-view-schema";

/** The view of a queue page: its query string without the page and without the leading "?". */
export function viewQuery(filters: QueueFilters): string {
  return queueQueryString(filters, { page: 1 }).replace(/^\?/, "");
}

/**
 * A submitted query string as a view keeps it: parsed by the queue's own filter parser and written back in its
 * form (defaults and page left out); null when any parameter is not understood, or an unknown one is present.
 */
export function normalizeViewQuery(raw: string): string | null {
  const params = new URLSearchParams(raw.replace(/^\?/, ""));
  const record: Record<string, string[]> = {};
  for (const [key, value] of params) (record[key] ??= []).push(value);
  const { filters, ignored } = parseQueueFilters(record);
  const known: readonly string[] = QUEUE_PARAMS;
  if (ignored.length > 0 || Object.keys(record).some((k) => !known.includes(k))) return null;
  return viewQuery(filters);
}

function assertStaff(actor: Actor) {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
}

/** The staff member's own views, oldest first (the order they were saved in). Nobody else's. */
export async function listSavedViews(conn: Conn, actor: Actor) {
  assertStaff(actor);
  return conn
    .select({ id: savedViews.id, name: savedViews.name, query: savedViews.query })
    .from(savedViews)
    .where(eq(savedViews.userId, actor.id))
    .orderBy(asc(savedViews.createdAt), asc(savedViews.name))
    .limit(SAVED_VIEWS_MAX);
}

type SaveResult = { message: string; id: string };

/** Saves a named view of one's own: a name not used yet by the same person, under the limit. */
export const saveViewDefinition = {
  name: "queue.saveView",
  roles: STAFF_ROLES,
  schema: SaveViewInput,
  async run({ actor, db, input, now }) {
    const query = normalizeViewQuery(input.query);
    if (query === null) return failure("view_query_invalid", { fieldErrors: { query: "view_query_invalid" } });
    return db.transaction(async (tx) => {
      const [count] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(savedViews)
        .where(eq(savedViews.userId, actor.id));
      if ((count?.n ?? 0) >= SAVED_VIEWS_MAX) return failure("view_limit", { params: { max: SAVED_VIEWS_MAX } });
      const [row] = await tx
        .insert(savedViews)
        .values({ userId: actor.id, name: input.name, query, createdAt: now })
        .onConflictDoNothing({ target: [savedViews.userId, savedViews.name] })
        .returning({ id: savedViews.id });
      if (!row) return failure("view_name_taken", { fieldErrors: { name: "view_name_taken" } });
      return { ok: true as const, message: "staff.views.saved", id: row.id };
    });
  },
  revalidate: () => ["/queue"],
} satisfies ActionDefinition<typeof SaveViewInput, SaveResult> & { roles: readonly Actor["role"][] };

/** Deletes one of one's own views; someone else's, or one that is gone, is not found. */
export const deleteViewDefinition = {
  name: "queue.deleteView",
  roles: STAFF_ROLES,
  schema: DeleteViewInput,
  async run({ actor, db, input }) {
    const gone = await db
      .delete(savedViews)
      .where(and(eq(savedViews.id, input.id), eq(savedViews.userId, actor.id)))
      .returning({ id: savedViews.id });
    // Not found and not one's own get the same answer.
    if (gone.length === 0) return failure("view_not_found");
    return { ok: true as const, message: "staff.views.deleted" };
  },
  revalidate: () => ["/queue"],
} satisfies ActionDefinition<typeof DeleteViewInput, { message: string }> & { roles: readonly Actor["role"][] };
