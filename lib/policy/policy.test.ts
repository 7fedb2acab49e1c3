import { describe, expect, it } from "vitest";
import { REQUEST_STATUSES, type RequestStatus, type Role } from "@/lib/domain";
import {
  canAdminister,
  canClaim,
  canConfirmRecipient,
  canEditTemplates,
  canLogIntake,
  canManage,
  canReadAuditTrail,
  canReply,
  canRunSteps,
  canSee,
  canWork,
  isManager,
  isPatient,
  isRequester,
  isStaff,
  MANAGER_ROLES,
  STAFF_ROLES,
  type PolicyActor,
} from "./index";

const REQUESTER = "u-requester";
const COLLEAGUE = "u-colleague";

const ACTORS = {
  requester: { id: REQUESTER, role: "patient" },
  "other patient": { id: "u-stranger", role: "patient" },
  agent: { id: "u-agent", role: "agent" },
  manager: { id: "u-manager", role: "manager" },
  admin: { id: "u-admin", role: "admin" },
} satisfies Record<string, PolicyActor>;

type Who = keyof typeof ACTORS;
/** Who holds the request: nobody, the actor asking, or a colleague. */
type Held = "nobody" | "actor" | "colleague";

const Y = true;
const N = false;
const NONE: RequestStatus[] = [];
const IN_PROGRESS: RequestStatus[] = ["in_progress"];

// prettier-ignore
const TABLE: [Who, Held, see: boolean, requester: boolean, work: boolean, reply: boolean, confirm: boolean, claim: boolean, manage: boolean, audit: boolean, runStepsIn: RequestStatus[]][] = [
  // who              held         see requester work reply confirm claim manage audit runStepsIn
  ["requester",       "nobody",    Y,  Y,        N,   N,    N,      N,    N,     N,    NONE],
  ["requester",       "colleague", Y,  Y,        N,   N,    N,      N,    N,     N,    NONE],
  ["other patient",   "nobody",    N,  N,        N,   N,    N,      N,    N,     N,    NONE],
  ["other patient",   "colleague", N,  N,        N,   N,    N,      N,    N,     N,    NONE],
  ["agent",           "nobody",    Y,  N,        N,   N,    N,      Y,    N,     N,    NONE],
  ["agent",           "actor",     Y,  N,        Y,   Y,    Y,      N,    N,     N,    IN_PROGRESS],
  ["agent",           "colleague", Y,  N,        N,   N,    N,      N,    N,     N,    NONE],
  ["manager",         "nobody",    Y,  N,        Y,   Y,    Y,      Y,    Y,     Y,    IN_PROGRESS],
  ["manager",         "actor",     Y,  N,        Y,   Y,    Y,      N,    Y,     Y,    IN_PROGRESS],
  ["manager",         "colleague", Y,  N,        Y,   Y,    Y,      N,    Y,     Y,    IN_PROGRESS],
  ["admin",           "nobody",    Y,  N,        Y,   Y,    Y,      Y,    Y,     Y,    IN_PROGRESS],
  ["admin",           "actor",     Y,  N,        Y,   Y,    Y,      N,    Y,     Y,    IN_PROGRESS],
  ["admin",           "colleague", Y,  N,        Y,   Y,    Y,      N,    Y,     Y,    IN_PROGRESS],
];

const CASES = TABLE.flatMap((row) => REQUEST_STATUSES.map((status) => [row[0], row[1], status, row] as const));

describe("policy: role × state × assignment", () => {
  it.each(CASES)("%s, request held by %s, %s", (who, held, status, row) => {
    const [, , see, requester, work, reply, confirm, claim, manage, audit, runStepsIn] = row;
    const actor = ACTORS[who];
    const assigneeId = held === "nobody" ? null : held === "actor" ? actor.id : COLLEAGUE;
    const request = { requesterId: REQUESTER, assigneeId, status };
    expect({
      see: canSee(actor, request),
      requester: isRequester(actor, request),
      work: canWork(actor, request),
      reply: canReply(actor, request),
      confirm: canConfirmRecipient(actor, request),
      claim: canClaim(actor, request),
      manage: canManage(actor),
      audit: canReadAuditTrail(actor),
      runSteps: canRunSteps(actor, request),
    }).toEqual({ see, requester, work, reply, confirm, claim, manage, audit, runSteps: runStepsIn.includes(status) });
  });
});

// prettier-ignore
const ROLE_TABLE: [Role, patient: boolean, staff: boolean, manager: boolean, templates: boolean, administer: boolean][] = [
  // role     patient staff manager templates administer
  ["patient", Y,      N,    N,      N,        N],
  ["agent",   N,      Y,    N,      N,        N],
  ["manager", N,      Y,    Y,      Y,        N],
  ["admin",   N,      Y,    Y,      Y,        Y],
];

describe("policy: roles", () => {
  it.each(ROLE_TABLE)("%s", (role, patient, staff, manager, templates, administer) => {
    const actor = { role };
    expect({
      patient: isPatient(role),
      staff: isStaff(role),
      manager: isManager(role),
      templates: canEditTemplates(actor),
      administer: canAdminister(actor),
    }).toEqual({ patient, staff, manager, templates, administer });
  });

  it("lists each group once", () => {
    expect(STAFF_ROLES).toEqual(["agent", "manager", "admin"]);
    expect(MANAGER_ROLES).toEqual(["manager", "admin"]);
  });
});

describe("canLogIntake: who logs a request received by phone, letter, e-mail or at the counter", () => {
  const table: [Who, boolean][] = [
    ["requester", N],
    ["other patient", N],
    ["agent", Y],
    ["manager", Y],
    ["admin", N],
  ];
  it.each(table)("%s → %s", (who, expected) => {
    expect(canLogIntake(ACTORS[who])).toBe(expected);
  });
});
