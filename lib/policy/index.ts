/**
 * Who may do what: the one place each authorisation rule is written. Pure (no database, no session), so the
 * state machine, the data-access layer, the fulfilment steps and the pages that decide what to offer all ask
 * the same questions and get the same answers. Callers pass the smallest shapes they hold.
 */
import type { RequestStatus, Role } from "@/lib/domain";

/** Roles that work the queue. */
export const STAFF_ROLES: readonly Role[] = ["agent", "manager", "admin"];
/** Staff who may also assign, reopen, read audit trails, edit templates and see the dashboard. */
export const MANAGER_ROLES: readonly Role[] = ["manager", "admin"];

export type PolicyActor = { id: string; role: Role };
export type PolicyRequest = { requesterId: string; assigneeId: string | null; status: RequestStatus };

export const isPatient = (role: Role) => role === "patient";
export const isStaff = (role: Role) => STAFF_ROLES.includes(role);
export const isManager = (role: Role) => MANAGER_ROLES.includes(role);

/** The patient who filed the request. */
export function isRequester(actor: PolicyActor, request: Pick<PolicyRequest, "requesterId">): boolean {
  return isPatient(actor.role) && actor.id === request.requesterId;
}

/** A patient sees only their own requests; staff see all. Not visible is answered as not found. */
export function canSee(actor: PolicyActor, request: Pick<PolicyRequest, "requesterId">): boolean {
  return isStaff(actor.role) || isRequester(actor, request);
}

/** Agents work the requests assigned to them; managers and admins may act on any. Whatever the status. */
export function canWork(actor: PolicyActor, request: Pick<PolicyRequest, "assigneeId">): boolean {
  return isStaff(actor.role) && (isManager(actor.role) || request.assigneeId === actor.id);
}

/** Any staff member may take up a request nobody holds (claim it, or start it, which claims it). */
export function canClaim(actor: PolicyActor, request: Pick<PolicyRequest, "assigneeId">): boolean {
  return isStaff(actor.role) && !request.assigneeId;
}

/** Assigning, reopening and the other managers' powers over every request. */
export function canManage(actor: Pick<PolicyActor, "role">): boolean {
  return isManager(actor.role);
}

/** Writing to the requester outside a transition: whoever works the request speaks for the hospital. */
export function canReply(actor: PolicyActor, request: Pick<PolicyRequest, "assigneeId">): boolean {
  return canWork(actor, request);
}

/** Fulfilment steps change the hospital's records: only while the request is in progress, by whoever works it. */
export function canRunSteps(actor: PolicyActor, request: Pick<PolicyRequest, "assigneeId" | "status">): boolean {
  return request.status === "in_progress" && canWork(actor, request);
}

/** Recording a recipient's deletion confirmation: any status, since recipients often answer after closing. */
export function canConfirmRecipient(actor: PolicyActor, request: Pick<PolicyRequest, "assigneeId">): boolean {
  return canWork(actor, request);
}

/** A request's audit trail (who viewed and changed what) is for managers and admins. */
export function canReadAuditTrail(actor: Pick<PolicyActor, "role">): boolean {
  return canManage(actor);
}

/** Reply templates are the hospital's words for every request: managers and admins edit them. */
export function canEditTemplates(actor: Pick<PolicyActor, "role">): boolean {
  return canManage(actor);
}

/** Roles that log requests received by phone, letter, e-mail or at the counter (lib/requests/intake.ts). */
export const INTAKE_ROLES: readonly Role[] = ["agent", "manager"];

/**
 * Logging a request on a patient's behalf: the agents and managers who answer the phone and the post. Not
 * patients, and not admins (who run the system, not the requests).
 */
export function canLogIntake(actor: Pick<PolicyActor, "role">): boolean {
  return INTAKE_ROLES.includes(actor.role);
}

/** The working-day calendar, the SLA policies and the rest of the admin area are for admins only. */
export function canAdminister(actor: Pick<PolicyActor, "role">): boolean {
  return actor.role === "admin";
}
