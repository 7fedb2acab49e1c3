import "server-only";
import type { Conn } from "@/db/client";
import type { RequestType } from "@/db/schema";
import type { SlaPolicy, WorkingDayIndex } from "@/lib/sla";
import { readSlaPolicies } from "./policies";
import { readWorkingDayIndex } from "./queries";
import { keptWithReferenceStamp } from "./reference";

/** What a deadline is computed from, the calendar and the policies, for one reference-stamp read per filing. */
export const loadDeadlineRules: (conn: Conn) => Promise<{ index: WorkingDayIndex; policies: Record<RequestType, SlaPolicy> }> =
  keptWithReferenceStamp(async (conn) => {
    const [index, policies] = await Promise.all([readWorkingDayIndex(conn), readSlaPolicies(conn)]);
    return { index, policies };
  });
