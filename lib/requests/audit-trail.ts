import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { canReadAuditTrail } from "@/lib/policy";

export const AUDIT_TRAIL_LIMIT = 500;

/** A request's audit trail (views, downloads, changes), newest first: for managers and admins only. */
export async function requestAuditTrail(conn: Conn, actor: Actor, requestId: string) {
  if (!canReadAuditTrail(actor)) throw new ForbiddenError("managers only");
  return conn
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      data: auditLog.data,
      actorName: users.displayName,
      actorRole: users.role,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(eq(auditLog.requestId, requestId))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_TRAIL_LIMIT);
}
