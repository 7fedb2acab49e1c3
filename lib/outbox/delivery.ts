import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { outbox } from "@/db/schema";

/** Which try this is: pg-boss's retry count and the queue's limit (the last try is final). */
export type Attempt = { retryCount: number; retryLimit: number };

export type DeliveryOutcome = "sent" | "skipped" | "retry" | "failed";

type OutboxChannel = (typeof outbox.$inferSelect)["channel"];
type OutboxChanges = Partial<typeof outbox.$inferInsert>;

/** A delivery that did not go through; `final` once the last try failed and the message is marked failed. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
  }
}

/** The outbox message `id` of `channel` while it still waits to be sent; null once sent, failed or not found. */
export async function pendingMessage(conn: Conn, id: number, channel: OutboxChannel) {
  const [m] = await conn
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, id), eq(outbox.channel, channel)));
  return m && m.status === "pending" ? m : null;
}

/** Records a sent message: by `provider` (with its message id), or by the outbox itself when no provider is set up. */
export async function recordSent(
  conn: Conn,
  id: number,
  sent: { provider: string; providerMessageId?: string | null; now: Date; changes?: OutboxChanges },
): Promise<"sent"> {
  await conn
    .update(outbox)
    .set({
      ...sent.changes,
      status: "sent",
      provider: sent.provider,
      ...(sent.providerMessageId !== undefined ? { providerMessageId: sent.providerMessageId, lastError: null } : {}),
      sentAt: sent.now,
      attempts: sql`${outbox.attempts} + 1`,
    })
    .where(eq(outbox.id, id));
  return "sent";
}

/**
 * Records a failed try with the provider's answer. Before the last try the message stays pending (the job is tried
 * again with backoff); the last one marks it failed, with `finalChanges`. Always throws an `errorClass` (a DeliveryError).
 */
export async function recordFailedTry(
  conn: Conn,
  id: number,
  failed: { provider: string; error: string; attempt: Attempt; finalChanges?: OutboxChanges; errorClass: typeof DeliveryError },
): Promise<never> {
  const error = failed.error.slice(0, 500);
  const final = failed.attempt.retryCount >= failed.attempt.retryLimit;
  await conn
    .update(outbox)
    .set({
      ...(final ? { ...failed.finalChanges, status: "failed" as const } : {}),
      provider: failed.provider,
      lastError: error,
      attempts: sql`${outbox.attempts} + 1`,
    })
    .where(eq(outbox.id, id));
  throw new failed.errorClass(error, final);
}
