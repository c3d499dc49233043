/** The console's tables: they scroll sideways where they do not fit (`.table-wrap`). */
import type { ComponentChildren, JSX } from 'preact';

export interface Heading {
  label: string;
  /** `num`: figures, aligned right (header and cells). */
  class?: string;
  /** How the header shows its label: as a quiet hint, or only to screen readers (a column of buttons). */
  labelClass?: 'hint' | 'visually-hidden';
}

/** The header of a column of buttons: read out, not shown. */
export const ACTIONS: Heading = { label: 'Actions', labelClass: 'visually-hidden' };

type TableProps = { columns: Heading[]; children: ComponentChildren } & Omit<JSX.HTMLAttributes<HTMLTableElement>, 'children'>;

/** A table with a header row of `columns`; the caller renders the body rows. */
export function Table({ columns, children, ...table }: TableProps) {
  return (
    <div class="table-wrap">
      <table {...table}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} class={c.class}>
                {c.labelClass ? <span class={c.labelClass}>{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export interface Column<T> extends Heading {
  cell: (row: T) => ComponentChildren;
}

/** A list of records; on a phone each row becomes a card and each cell carries its column's label. */
export function CardTable<T>({ label, columns, rows, rowKey }: { label: string; columns: Column<T>[]; rows: T[]; rowKey?: (row: T) => string | number }) {
  return (
    <Table class="cards" aria-label={label} columns={columns}>
      {rows.map((row) => (
        <tr key={rowKey?.(row)}>
          {columns.map((c) => (
            <td key={c.label} data-label={c.label} class={c.class}>
              {c.cell(row)}
            </td>
          ))}
        </tr>
      ))}
    </Table>
  );
}
