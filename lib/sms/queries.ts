import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { outbox } from "@/db/schema";
import { isStaff, type PolicyActor } from "@/lib/policy";

export type RequestSms = {
  id: number;
  template: string;
  createdAt: Date;
  status: "pending" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  delivery: string | null;
};

/** The text messages sent about a request, oldest first, with their delivery state: staff only. */
export async function smsForRequest(conn: Conn, actor: PolicyActor, requestId: string): Promise<RequestSms[]> {
  if (!isStaff(actor.role)) return [];
  return conn
    .select({
      id: outbox.id,
      template: outbox.template,
      createdAt: outbox.createdAt,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      delivery: outbox.delivery,
    })
    .from(outbox)
    .where(and(eq(outbox.requestId, requestId), eq(outbox.channel, "sms")))
    .orderBy(asc(outbox.createdAt), asc(outbox.id));
}
