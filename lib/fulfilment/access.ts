import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { attachments, users, type Request } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { asLocale } from "@/lib/i18n/locales";
import { subjectOf } from "@/lib/platform/subject";
import { recordsPatients } from "@/lib/categories/records";
import { entryOf } from "@/lib/categories/registry";
import { isDataCategory } from "@/lib/categories/list";
import { outboxSmsSender } from "@/lib/sms/sender";
import { collectCategory, type CategoryData } from "./collect";
import { downloadExpiry, lastFullDownloadDay } from "./download-link";
import type { ItemOutcome, Withheld } from "./items";
import { buildPackage } from "./package";
import { StepRefused, type StepResult } from "./steps";

/**
 * Builds the access or portability package for the requested categories of the request's subject (the account
 * holder, or the 就诊人 it is about) and keeps it, unreleased, on the request, with the outcome of each requested
 * category (`outcomes`): provided (how many records, how many of them a legal retention holds, until when and
 * why), not held (and why: none on record, the account holder's only, not a kind we keep) or refused (staff's
 * `withheld`, with its reason). A copy goes to the person themselves, so records held under a retention are in
 * it, marked. A category asked for that is not one we keep is reported, not thrown.
 */
export async function prepareAccessPackage(tx: Tx, request: Request, actor: Actor, now: Date, withheld: Withheld[] = []): Promise<StepResult> {
  const subject = subjectOf(request);
  if (!subject) throw new StepRefused("no_subject_account");
  const requested = [...new Set(request.scope.categories ?? [])];
  if (requested.length === 0) throw new StepRefused("nothing_to_do");
  for (const w of withheld) if (!requested.includes(w.category)) throw new StepRefused("not_requested", { category: w.category });
  const data: CategoryData[] = [];
  const outcomes: ItemOutcome[] = [];
  for (const category of requested) {
    const refusal = withheld.find((w) => w.category === category);
    if (!isDataCategory(category)) {
      outcomes.push({ category, id: null, outcome: "not_held", count: 0, reason: "unknown_category" });
    } else if (refusal) {
      outcomes.push({ category, id: null, outcome: "refused", count: 0, reason: refusal.reason });
      data.push({ category, rows: [], files: [], held: { count: 0, until: null, retention: null } });
    } else {
      const d = await collectCategory(tx, subject, category);
      data.push(d);
      if (d.rows.length === 0) {
        const theirs = subject.patientId === null || recordsPatients(entryOf(category));
        outcomes.push({ category, id: null, outcome: "not_held", count: 0, reason: theirs ? "none_held" : "account_holder_only" });
      } else {
        outcomes.push({
          category,
          id: null,
          outcome: "provided",
          count: d.rows.length,
          ...(d.held.count > 0 ? { held: d.held.count, deletableAfter: d.held.until ?? undefined } : {}),
          ...(d.held.retention ? { retention: d.held.retention } : {}),
        });
      }
    }
  }
  const zip = buildPackage({ ref: request.ref, subjectName: request.subjectName, locale: asLocale(request.locale), now, data, outcomes });
  const [stored] = await tx
    .insert(attachments)
    .values({
      requestId: request.id,
      uploaderId: actor.id,
      purpose: "result",
      filename: `${request.ref}.zip`,
      contentType: "application/zip",
      sizeBytes: zip.byteLength,
      sha256: createHash("sha256").update(zip).digest("hex"),
      content: zip,
      createdAt: now,
    })
    .returning({ id: attachments.id });
  return {
    attachmentId: stored!.id,
    sizeBytes: zip.byteLength,
    categories: data.map((d) => d.category),
    rows: data.reduce((n, d) => n + d.rows.length, 0),
    held: data.reduce((n, d) => n + d.held.count, 0),
    outcomes,
  };
}

/** Releases the prepared package to the requester, who is told by SMS: from now on they can download it for seven days. */
export async function releaseAccessPackage(tx: Tx, request: Request, prepared: StepResult | undefined, now: Date): Promise<StepResult> {
  const attachmentId = prepared?.attachmentId;
  if (typeof attachmentId !== "string") throw new StepRefused("not_prepared");
  const [file] = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.requestId, request.id), eq(attachments.purpose, "result")));
  if (!file) throw new StepRefused("not_prepared");
  const expiresAt = downloadExpiry(now);
  const [requester] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, request.requesterId));
  if (requester?.phone) {
    // The last day the link works all day (it expires at the release's time of day on the day after).
    const params = { ref: request.ref, until: lastFullDownloadDay(expiresAt) };
    await outboxSmsSender.send(tx, {
      phone: requester.phone,
      template: "result_ready",
      params,
      locale: asLocale(request.locale),
      requestId: request.id,
      at: now,
    });
  }
  return { attachmentId, releasedAt: now.toISOString(), expiresAt: expiresAt.toISOString() };
}
