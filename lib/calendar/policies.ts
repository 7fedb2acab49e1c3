import "server-only";
import type { Conn } from "@/db/client";
import { slaPolicies, type RequestType } from "@/db/schema";
import { DEFAULT_SLA_POLICIES, type SlaPolicy } from "@/lib/sla";
import { keptWithReferenceStamp } from "./reference";

/** Response deadlines per type as the admin set them, with the defaults for any type not in the table. */
export async function readSlaPolicies(conn: Conn): Promise<Record<RequestType, SlaPolicy>> {
  const rows = await conn.select().from(slaPolicies);
  const policies = { ...DEFAULT_SLA_POLICIES };
  for (const r of rows) policies[r.type] = { targetWorkingDays: r.targetWorkingDays, dueWorkingDays: r.dueWorkingDays };
  return policies;
}

/** readSlaPolicies, kept per instance until the reference stamp moves (lib/calendar/reference.ts). */
export const loadSlaPolicies: (conn: Conn) => Promise<Record<RequestType, SlaPolicy>> = keptWithReferenceStamp(readSlaPolicies);
