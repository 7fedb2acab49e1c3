import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { REQUEST_TYPES, replyTemplates, type RequestType } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { LOCALES } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { canEditTemplates, isStaff } from "@/lib/policy";
import type { TemplateEditT } from "./staff-action-schemas";

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

/**
 * The default templates of a type, in place: a missing one is inserted (concurrent callers insert nothing twice),
 * and one no manager ever edited follows the current default wording — so a default that once stated facts
 * (what was deleted, who was told) is not offered after the product stopped writing facts into templates.
 */
export async function ensureReplyTemplates(db: Db, type: RequestType): Promise<void> {
  const defaults = defaultTemplates(type);
  const rows = await db
    .select({
      id: replyTemplates.id,
      locale: replyTemplates.locale,
      key: replyTemplates.key,
      title: replyTemplates.title,
      body: replyTemplates.body,
      updatedBy: replyTemplates.updatedBy,
    })
    .from(replyTemplates)
    .where(eq(replyTemplates.type, type));
  const stored = new Map(rows.map((r) => [`${r.locale}|${r.key}`, r]));
  const missing = defaults.filter((d) => !stored.has(`${d.locale}|${d.key}`));
  const stale = defaults.flatMap((d) => {
    const r = stored.get(`${d.locale}|${d.key}`);
    return r && r.updatedBy === null && (r.title !== d.title || r.body !== d.body) ? [{ id: r.id, title: d.title, body: d.body }] : [];
  });
  if (missing.length === 0 && stale.length === 0) return;
  await db.transaction(async (tx) => {
    if (missing.length > 0) await tx.insert(replyTemplates).values(missing).onConflictDoNothing();
    for (const s of stale)
      await tx
        .update(replyTemplates)
        .set({ title: s.title, body: s.body })
        .where(and(eq(replyTemplates.id, s.id), isNull(replyTemplates.updatedBy)));
  });
}

/** The reply templates of a type, both languages, seeding the defaults when the type has none. */
export async function listReplyTemplates(db: Db, actor: Actor, type: RequestType) {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  await ensureReplyTemplates(db, type);
  return db
    .select({
      id: replyTemplates.id,
      type: replyTemplates.type,
      locale: replyTemplates.locale,
      key: replyTemplates.key,
      title: replyTemplates.title,
      body: replyTemplates.body,
      updatedAt: replyTemplates.updatedAt,
    })
    .from(replyTemplates)
    .where(eq(replyTemplates.type, type))
    .orderBy(asc(replyTemplates.key), asc(replyTemplates.locale));
}

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
