import { z } from "zod";
import { REQUEST_TYPES } from "@/db/schema/enums";

const WorkingDays = z.coerce.number("err_policy_range").int("err_policy_range").min(1, "err_policy_range").max(60, "err_policy_range");

/** One row of the policies form; messages are keys of the `admin` catalog. */
export const PolicyRow = z
  .object({ type: z.enum(REQUEST_TYPES), targetWorkingDays: WorkingDays, dueWorkingDays: WorkingDays })
  .refine((p) => p.targetWorkingDays <= p.dueWorkingDays, { message: "err_target_after_due", path: ["targetWorkingDays"] });
