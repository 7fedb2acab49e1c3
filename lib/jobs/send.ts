import "server-only";
import PgBoss from "pg-boss";
import type { Conn } from "@/db/client";
import { jobDbIn, type JobDb } from "./adapter";
import { JOB_SCHEMA } from "./queues";

const unused: JobDb = {
  executeSql: () => Promise.reject(new Error("lib/jobs/send.ts: jobs are sent on the caller's connection")),
};

// Only for building jobs: every send names its connection, so this instance never opens or polls anything.
let producer: PgBoss | undefined;

/**
 * Queues a job in the caller's transaction: it runs (on a worker, once) only if the transaction commits, and is
 * never lost once it has. The queue's retry policy (lib/jobs/queues.ts) applies.
 */
export async function sendJob(conn: Conn, queue: string, data: object, options: { startAfter?: number | Date; singletonKey?: string } = {}) {
  producer ??= new PgBoss({ db: unused, schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false });
  return producer.send(queue, data, { ...options, db: jobDbIn(conn) });
}
