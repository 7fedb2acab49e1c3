import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { REQUEST_TYPES, replyTemplates, type RequestType } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { LOCALES } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { canEditTemplates, isStaff } from "@/lib/policy";

/** What each template is for: the question of a pause, a fee quote, a completion, a refusal. */
export const TEMPLATE_KEYS = ["question_identity", "question_clarification", "fee", "completed", "partially_completed", "refused"] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** Placeholders a template may hold, filled when it is offered for a request. */
export type TemplateVars = { ref: string; due: string };

export function fillTemplate(body: string, vars: TemplateVars): string {
  return body.replace(/\{(ref|due)\}/g, (_, k: keyof TemplateVars) => vars[k]);
}

/** The defaults of one type in both languages, from the `staff` catalogs (placeholders kept as {ref}, {due}). */
export function defaultTemplates(type: RequestType) {
  return LOCALES.flatMap((locale) => {
    const t = translatorFor(locale, "staff");
    const keep = { ref: "{ref}", due: "{due}" };
    return TEMPLATE_KEYS.map((key) => ({
      type,
      locale,
      key,
      title: t(`templateDefaults.${key}.title`),
      body: key === "completed" ? t(`templateDefaults.completedBody.${type}`, keep) : t(`templateDefaults.${key}.body`, keep),
    }));
  });
}

/** Inserts the default templates of a type that has none, once (concurrent callers insert nothing twice). */
export async function ensureReplyTemplates(db: Db, type: RequestType): Promise<void> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(replyTemplates).where(eq(replyTemplates.type, type));
  if ((existing?.n ?? 0) > 0) return;
  await db.transaction(async (tx) => {
    await tx.insert(replyTemplates).values(defaultTemplates(type)).onConflictDoNothing();
  });
}

/** The reply templates of a type, both languages, seeding the defaults when the type has none. */
export async function listReplyTemplates(db: Db, actor: Actor, type: RequestType) {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  await ensureReplyTemplates(db, type);
  return db
    .select({ id: replyTemplates.id, type: replyTemplates.type, locale: replyTemplates.locale, key: replyTemplates.key, title: replyTemplates.title, body: replyTemplates.body, updatedAt: replyTemplates.updatedAt })
    .from(replyTemplates)
    .where(eq(replyTemplates.type, type))
    .orderBy(asc(replyTemplates.key), asc(replyTemplates.locale));
}

export const TemplateEdit = z.object({
  id: z.uuid("invalidChoice"),
  title: z.string("required").trim().min(1, "required").max(200, "tooLong"),
  body: z.string("required").trim().min(1, "required").max(10_000, "tooLong"),
});
export type TemplateEditT = z.infer<typeof TemplateEdit>;

/** A manager edits a template; the change and its audit row commit together. */
export async function updateReplyTemplate(db: Db, actor: Actor, input: TemplateEditT, now: Date) {
  if (!canEditTemplates(actor)) throw new ForbiddenError("managers only");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(replyTemplates).where(eq(replyTemplates.id, input.id)).for("update");
    if (!before) throw new NotFoundError("reply template");
    await tx
      .update(replyTemplates)
      .set({ title: input.title, body: input.body, updatedAt: now, updatedBy: actor.id })
      .where(and(eq(replyTemplates.id, input.id)));
    await appendAudit(tx, {
      actorId: actor.id,
      action: "reply_template.update",
      entity: "reply_template",
      entityId: `${before.type}/${before.locale}/${before.key}`,
      data: { titleChanged: before.title !== input.title, bodyChanged: before.body !== input.body },
      now,
    });
  });
}

export const isRequestType = (v: unknown): v is RequestType => (REQUEST_TYPES as readonly unknown[]).includes(v);
