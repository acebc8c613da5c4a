// One SQL statement under construction: values become numbered parameters, never part of the text.
// Table and column names are this module's callers' own constants, never a caller's input, and
// typed from the generated rows (row-types.ts).
import type { Columns, Table } from './row-types';

export class Statement {
  readonly values: unknown[] = [];

  /** A value's placeholder; PostgreSQL infers its type from where it stands. */
  param(value: unknown): string {
    this.values.push(value === undefined ? null : value);
    return `$${this.values.length}`;
  }
}

export const quoted = (name: string) => `"${name}"`;

/** A JSON column's value: pg would send an array as a PostgreSQL array, not as JSON. */
export const json = (value: unknown): string => JSON.stringify(value);

/** A nullable JSON column: absent is SQL NULL, not JSON null. */
export const jsonOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Inserts a row or, where its key is taken, updates the data columns; `createOnly` columns are
 * written only when the row is new.
 */
export function upsert<T extends Table>(s: Statement, table: T, key: Columns<T>, data: Columns<T>, createOnly: Columns<T> = {}): string {
  const row = { ...key, ...createOnly, ...data };
  const columns = Object.keys(row).map(quoted).join(', ');
  const values = Object.values(row)
    .map((value) => s.param(value))
    .join(', ');
  const set = Object.keys(data)
    .map((column) => `${quoted(column)} = EXCLUDED.${quoted(column)}`)
    .join(', ');
  return `INSERT INTO ${quoted(table)} (${columns}) VALUES (${values}) ON CONFLICT (${Object.keys(key).map(quoted).join(', ')}) DO ${set ? `UPDATE SET ${set}` : 'NOTHING'}`;
}

/** `column = $n` for each column given: an UPDATE's SET joins them with commas, a WHERE with AND. */
export function assignments<T extends Table>(s: Statement, _table: T, columns: Columns<T>): string[] {
  return Object.entries(columns).map(([column, value]) => `${quoted(column)} = ${s.param(value)}`);
}

/** The rows of a table matching every column given. */
export const matching = <T extends Table>(s: Statement, table: T, columns: Columns<T>): string => assignments(s, table, columns).join(' AND ');
