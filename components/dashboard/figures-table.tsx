import type { ReactNode } from "react";
import { ColumnHeads } from "./column-heads";

/** One cell of figures; a figure name becomes data-figure="<name>" (tests read them). */
export type FigureCell = { value: ReactNode; figure?: string };
export type FigureRow = { key: string; header: ReactNode; cells: readonly FigureCell[] };

/**
 * A table of figures: a header cell per row, then its figures; optionally a caption, column headers and a total
 * row (tfoot). The caption is visually hidden where a visible heading already names the table.
 */
export function FiguresTable({
  rows,
  columns,
  total,
  caption,
  captionHidden = false,
  className = "data compact dash-numbers",
  testId,
}: {
  rows: readonly FigureRow[];
  columns?: readonly ReactNode[];
  total?: FigureRow;
  caption?: string;
  captionHidden?: boolean;
  className?: string;
  testId?: string;
}) {
  return (
    <table className={className} data-testid={testId}>
      {caption && <caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</caption>}
      {columns && <ColumnHeads labels={columns} />}
      <tbody>
        {rows.map((row) => (
          <FiguresRow key={row.key} row={row} />
        ))}
      </tbody>
      {total && (
        <tfoot>
          <FiguresRow row={total} />
        </tfoot>
      )}
    </table>
  );
}

function FiguresRow({ row }: { row: FigureRow }) {
  return (
    <tr>
      <th scope="row">{row.header}</th>
      {row.cells.map((cell, i) => (
        <td key={i} data-figure={cell.figure}>
          {cell.value}
        </td>
      ))}
    </tr>
  );
}
