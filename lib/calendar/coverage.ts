import "server-only";
import { eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { calendarYears } from "@/db/schema";
import { shanghaiDateOf } from "@/lib/sla";

/** From 1 November (Shanghai), the next year whose notice is still missing; otherwise null. */
export async function missingNextYear(conn: Conn, now: Date): Promise<number | null> {
  const today = shanghaiDateOf(now);
  const year = Number(today.slice(0, 4));
  if (Number(today.slice(5, 7)) < 11) return null;
  const [loaded] = await conn
    .select({ year: calendarYears.year })
    .from(calendarYears)
    .where(eq(calendarYears.year, year + 1));
  return loaded ? null : year + 1;
}

export async function listLoadedYears(conn: Conn) {
  return conn.select().from(calendarYears).orderBy(calendarYears.year);
}
