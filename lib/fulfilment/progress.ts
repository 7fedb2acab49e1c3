import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { requestEvents, type RequestType } from "@/db/schema";
import type { StepResult } from "./steps";

/** The fulfilment steps of each request type, in the order staff run them. */
export const FULFILMENT_STEPS = {
  access: ["access.prepare", "access.release"],
  portability: ["access.prepare", "access.release"],
  correction: ["correction.apply"],
  deletion: ["deletion.apply"],
  consent: ["consent.apply"],
  cancellation: ["cancellation.apply"],
  automated_decision: [],
  complaint: [],
} as const satisfies Record<RequestType, readonly string[]>;

export type FulfilmentStep = (typeof FULFILMENT_STEPS)[RequestType][number];

export type DoneStep = { at: Date; actorId: string | null; result: StepResult };
export type FailedStep = { step: string; at: Date; error: string; ref: string };
/** A step queued as a job (a package built in the background, lib/fulfilment/package-job.ts) and not yet ended. */
export type BuildingStep = { step: string; at: Date; status: "queued" | "building" };

export type FulfilmentProgress = {
  done: Map<string, DoneStep>;
  /** Failures not yet followed by a successful run of the same step, oldest first. */
  failures: FailedStep[];
  /** Steps a job is carrying out now (queued, or started), not yet done or failed. */
  building: BuildingStep[];
};

/** What the request's fulfilment_step events say: the steps done, and the failures still to retry. */
export async function fulfilmentProgress(conn: Conn, requestId: string): Promise<FulfilmentProgress> {
  const rows = await conn
    .select({ data: requestEvents.data, at: requestEvents.occurredAt, actorId: requestEvents.actorId })
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.kind, "fulfilment_step")))
    .orderBy(asc(requestEvents.id));
  const done = new Map<string, DoneStep>();
  const failed = new Map<string, FailedStep>();
  const building = new Map<string, BuildingStep>();
  for (const { data, at, actorId } of rows) {
    const step = String(data.step);
    if (data.status === "done") {
      done.set(step, { at, actorId, result: (data.result as StepResult) ?? {} });
      failed.delete(step);
      building.delete(step);
    } else if (data.status === "failed") {
      failed.set(step, { step, at, error: String(data.error ?? ""), ref: String(data.ref ?? "") });
      building.delete(step);
    } else if (data.status === "queued" || data.status === "building") {
      building.set(step, { step, at, status: data.status });
      failed.delete(step);
    }
  }
  return { done, failures: [...failed.values()], building: [...building.values()] };
}
