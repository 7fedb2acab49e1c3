import { text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { dsr } from "./enums";
import { users } from "./users";

/**
 * A staff member's own named queue views (lib/requests/saved-views.ts): the queue's query string, filters and sort,
 * as parsed by the queue's own filter parser. Seen and deleted by their owner only; the built-in views are code.
 */
export const savedViews = dsr.table(
  "saved_views",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** The queue's query string without the page ("status=all&sort=received"), in queueQueryString's form. */
    query: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("saved_views_user_name").on(t.userId, t.name)],
);
