import { bigserial, boolean, date, index, integer, jsonb, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { calendarDayKind, dsr, requestType } from "./enums";
import { users } from "./users";

/** One row per non-standard day of the PRC working calendar (holiday, or weekend made a working day). */
export const calendarDays = dsr.table(
  "calendar_days",
  {
    day: date({ mode: "string" }).primaryKey(),
    year: integer().notNull(),
    isWorkingDay: boolean().notNull(),
    kind: calendarDayKind().notNull(),
    name: text().notNull(),
    notice: text().notNull(),
  },
  (t) => [index("calendar_days_year").on(t.year)],
);

/** A year whose State Council notice is loaded. Years absent here fall back to the statutory holidays. */
export const calendarYears = dsr.table("calendar_years", {
  year: integer().primaryKey(),
  notice: text().notNull(),
  importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  importedBy: uuid().references(() => users.id),
});

/** Response deadlines per request type, in working days (defaults in DESIGN.md). */
export const slaPolicies = dsr.table("sla_policies", {
  type: requestType().primaryKey(),
  targetWorkingDays: integer().notNull(),
  dueWorkingDays: integer().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid().references(() => users.id),
});

/** Tamper-evident log: every view of personal data and every change. Rows are hash-chained; the database refuses updates and deletes. */
export const auditLog = dsr.table(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: uuid(),
    action: text().notNull(),
    requestId: uuid(),
    entity: text().notNull(),
    entityId: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text().notNull(),
    hash: text().notNull(),
    /**
     * How `hash` was computed: 1, plain SHA-256 of the content (rows written before keyed hashing); 2, HMAC-SHA-256
     * with the audit key over every column, id and microsecond time included (lib/audit/chain.ts).
     */
    alg: smallint().notNull().default(1),
    /**
     * Which of the log's chains the row is in (lib/audit/log.ts AUDIT_CHAINS): each chain links its own rows in id
     * order under a lock of its own, so appends in different chains do not wait for each other. Rows written before
     * there were several chains are in chain 0.
     */
    chain: smallint().notNull().default(0),
  },
  (t) => [index("audit_log_request").on(t.requestId, t.id), index("audit_log_actor").on(t.actorId, t.id), index("audit_log_chain").on(t.chain, t.id)],
);

export type CalendarDay = typeof calendarDays.$inferSelect;
export type SlaPolicy = typeof slaPolicies.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
