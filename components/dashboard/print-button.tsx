"use client";

/** Opens the browser's print dialog (print to PDF). Hidden when printing. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="btn no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
