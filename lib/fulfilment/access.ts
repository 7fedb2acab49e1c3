import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { attachments, users, type Request } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { asLocale } from "@/lib/i18n/locales";
import { DATA_CATEGORIES, type DataCategory } from "@/lib/requests/categories";
import { shanghaiDateOf } from "@/lib/sla";
import { outboxSmsSender } from "@/lib/sms/sender";
import { collectCategories } from "./collect";
import { downloadExpiry } from "./download-link";
import { buildPackage } from "./package";
import { StepRefused, type StepResult } from "./steps";

/** Builds the access or portability package for the requested categories and keeps it, unreleased, on the request. */
export async function prepareAccessPackage(tx: Tx, request: Request, actor: Actor, now: Date): Promise<StepResult> {
  if (!request.subjectAccountId) throw new StepRefused("no_subject_account");
  const categories = (request.scope.categories ?? []).filter((c): c is DataCategory => (DATA_CATEGORIES as readonly string[]).includes(c));
  if (categories.length === 0) throw new StepRefused("nothing_to_do");
  const data = await collectCategories(tx, request.subjectAccountId, categories);
  const zip = buildPackage({ ref: request.ref, subjectName: request.subjectName, locale: asLocale(request.locale), now, data });
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
  return { attachmentId: stored!.id, sizeBytes: zip.byteLength, categories, rows: data.reduce((n, d) => n + d.rows.length, 0) };
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
    const params = { ref: request.ref, until: shanghaiDateOf(expiresAt) };
    await outboxSmsSender.send(tx, { phone: requester.phone, template: "result_ready", params, locale: asLocale(request.locale), requestId: request.id, at: now });
  }
  return { attachmentId, releasedAt: now.toISOString(), expiresAt: expiresAt.toISOString() };
}
