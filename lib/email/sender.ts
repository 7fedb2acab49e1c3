import "server-only";
import type { Conn } from "@/db/client";
import { outbox } from "@/db/schema";
import { QUEUES } from "@/lib/jobs/queues";
import { sendJob } from "@/lib/jobs/send";

/** One e-mail to a staff member: the words are final (written in the reader's language by the caller). */
export type Email = { to: string; kind: string; subject: string; text: string; requestId?: string | null; at: Date };

/**
 * The e-mail goes into the outbox (channel `email`) and its delivery job into the job queue, both in the caller's
 * transaction, so it is sent once the change it reports has committed, and never lost after that.
 */
export async function queueEmail(conn: Conn, email: Email): Promise<void> {
  const [row] = await conn
    .insert(outbox)
    .values({
      channel: "email",
      recipient: email.to,
      template: email.kind,
      body: email.text,
      payload: { subject: email.subject },
      requestId: email.requestId ?? null,
      createdAt: email.at,
    })
    .returning({ id: outbox.id });
  await sendJob(conn, QUEUES.emailDeliver.name, { outboxId: row!.id });
}
