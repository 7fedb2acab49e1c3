import { cleanFileName } from "@/lib/text/safe-text";

/**
 * Documents a patient may upload (proof of acting for someone, evidence for a correction, files in a message):
 * PDF, JPEG or PNG, at most 10 MB each and 5 per request. The type is decided by the first bytes (magic
 * numbers), never by the name or the type the browser claims. Pure and client-safe.
 */
export const UPLOAD_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxFilesPerRequest: 5,
  /** Unlinked uploads one patient may hold at once (uploaded, not yet part of a submitted request or message). */
  maxPending: 20,
} as const;

export const ALLOWED_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

export const EXTENSION: Record<AllowedType, string> = { "application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png" };

/** For the file picker; the server decides from the bytes. */
export const ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

const startsWith = (bytes: Uint8Array, sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);

/** The document type the bytes are, or null for anything else (an executable, a ZIP, HTML, text…). */
export function sniffFileType(bytes: Uint8Array): AllowedType | null {
  if (startsWith(bytes, PDF)) return "application/pdf";
  if (startsWith(bytes, PNG)) return "image/png";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  return null;
}

export type UploadError = "upload_empty" | "upload_too_large" | "upload_type";

export type CheckedUpload = { ok: true; contentType: AllowedType; filename: string } | { ok: false; error: UploadError };

/**
 * Checks one file: not empty, at most 10 MB, a PDF, JPEG or PNG by its bytes. The stored name keeps what the
 * patient called it, cleaned, with the extension of what it really is (a PNG named scan.pdf is stored as
 * scan.png; an executable named scan.pdf is refused).
 */
export function checkUpload(bytes: Uint8Array, name: string): CheckedUpload {
  if (bytes.length === 0) return { ok: false, error: "upload_empty" };
  if (bytes.length > UPLOAD_LIMITS.maxBytes) return { ok: false, error: "upload_too_large" };
  const contentType = sniffFileType(bytes);
  if (!contentType) return { ok: false, error: "upload_type" };
  const ext = EXTENSION[contentType];
  const cleaned = cleanFileName(name, "document");
  const dot = cleaned.lastIndexOf(".");
  const stem = dot > 0 ? cleaned.slice(0, dot) : cleaned;
  const sameKind = dot > 0 && [ext, ...(contentType === "image/jpeg" ? [".jpeg"] : [])].includes(cleaned.slice(dot).toLowerCase());
  return { ok: true, contentType, filename: sameKind ? cleaned : `${stem}${ext}` };
}
