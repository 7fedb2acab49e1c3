export { ERROR_CODES, type ErrorCode } from "./codes";
export { failure, fieldErrorsOf, type ActionFailure, type ActionResult, type FieldErrors } from "./result";
