import type { ReactNode } from "react";

/** A definition list of label → value pairs; empty values are left out. */
export function Facts({ items, testId }: { items: [string, ReactNode][]; testId?: string }) {
  return (
    <dl className="staff-facts" data-testid={testId}>
      {items
        .filter(([, v]) => v !== null && v !== undefined && v !== false && v !== "")
        .map(([label, value]) => (
          <div key={label} style={{ display: "contents" }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
