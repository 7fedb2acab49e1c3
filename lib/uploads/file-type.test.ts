import { describe, expect, it } from "vitest";
import { EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES } from "@/test/portal-fixtures";
import { checkUpload, sniffFileType, UPLOAD_LIMITS } from "./file-type";

describe("upload checks (type from the bytes, size)", () => {
  it.each([
    [PDF_BYTES, "application/pdf"],
    [PNG_BYTES, "image/png"],
    [JPEG_BYTES, "image/jpeg"],
  ] as const)("recognises the magic number %#", (bytes, type) => {
    expect(sniffFileType(bytes)).toBe(type);
  });

  it.each([
    ["an executable named .pdf", EXE_BYTES, "scan.pdf"],
    ["HTML named .png", new TextEncoder().encode("<html><script>alert(1)</script>"), "photo.png"],
    ["a ZIP named .jpg", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), "id.jpg"],
    ["a truncated PNG signature", PNG_BYTES.slice(0, 4), "a.png"],
    ["text that mentions %PDF later", new TextEncoder().encode("hello %PDF-1.4"), "a.pdf"],
  ])("refuses %s whatever its name", (_label, bytes, name) => {
    expect(checkUpload(bytes, name)).toEqual({ ok: false, error: "upload_type" });
  });

  it("refuses an empty file and one over 10 MB; exactly 10 MB is allowed", () => {
    expect(checkUpload(new Uint8Array(), "a.pdf")).toEqual({ ok: false, error: "upload_empty" });
    const big = new Uint8Array(UPLOAD_LIMITS.maxBytes + 1);
    big.set(PDF_BYTES);
    expect(checkUpload(big, "big.pdf")).toEqual({ ok: false, error: "upload_too_large" });
    const max = big.subarray(0, UPLOAD_LIMITS.maxBytes);
    expect(checkUpload(max, "max.pdf")).toMatchObject({ ok: true, contentType: "application/pdf" });
  });

  it("names the stored file after what it is, and cleans the name", () => {
    expect(checkUpload(PNG_BYTES, "scan.pdf")).toMatchObject({ ok: true, contentType: "image/png", filename: "scan.png" });
    expect(checkUpload(JPEG_BYTES, "IMG_0001.JPEG")).toMatchObject({ ok: true, filename: "IMG_0001.JPEG" });
    expect(checkUpload(PDF_BYTES, "../../etc/户口簿.pdf")).toMatchObject({ ok: true, filename: "户口簿.pdf" });
    expect(checkUpload(PDF_BYTES, "invoice\u202Efdp.exe")).toMatchObject({ ok: true, filename: "invoicefdp.pdf" });
    expect(checkUpload(PDF_BYTES, "")).toMatchObject({ ok: true, filename: "document.pdf" });
    const long = checkUpload(PDF_BYTES, `${"长".repeat(300)}.pdf`);
    expect(long.ok && [...long.filename].length).toBe(120);
  });
});
