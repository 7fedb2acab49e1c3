/** Mainland China mobile numbers: 11 digits starting 13–19. */
export const PhoneSchemaPattern = /^1[3-9]\d{9}$/;

/** A sign-in code: six digits. */
export const SignInCodePattern = /^\d{6}$/;

/** How long a sign-in code is valid. */
export const OTP_TTL_SECONDS = 5 * 60;
