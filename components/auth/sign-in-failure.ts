import { ARG_OF } from "@/components/ui/use-error-text";
import { ERROR_CODES, type ErrorCode } from "@/lib/actions/codes";
import type { ActionFailure } from "@/lib/actions/result";

// Apart from use-error-text.ts so that only the sign-in pages load the list of codes (first-load size, issue 17).
/**
 * A sign-in refusal as NextAuth reports it ("code_invalid:3", "locked:15", "unexpected:ERR-1A2B") as a refused
 * action: its code, and the value after the colon as the parameter its sentence needs.
 */
export function signInFailure(error: string | undefined): ActionFailure {
  const [key, arg] = (error || "unexpected").split(":", 2) as [string, string | undefined];
  const name = ARG_OF[key];
  const code = (ERROR_CODES as readonly string[]).includes(key) ? (key as ErrorCode) : "unexpected";
  return {
    ok: false,
    error: code,
    fieldErrors: {},
    ...(name && arg !== undefined ? { params: { [name]: arg } } : {}),
    ...(key === "unexpected" && arg ? { ref: arg } : {}),
  };
}
