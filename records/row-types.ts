// The records' rows as Prisma generates them from prisma/schema.prisma: every statement of this
// folder names its tables and columns through these, so a renamed column fails the type check.
import type { Prisma } from '../prisma/generated/client';

/** A table, by its Prisma model's name (the schema maps no names, so the model's name is the table's). */
export type Table = Prisma.ModelName;

/** A row of a table, column by column, as Prisma reads it. */
export type Row<T extends Table> = Prisma.TypeMap['model'][T]['payload']['scalars'];

/** Some of a table's columns. */
export type Columns<T extends Table> = Partial<Row<T>>;

/**
 * A row as this product reads it: the columns that hold a domain type (an enumeration kept as text,
 * a JSON document) narrowed to it, by column name, so that a name no column has is refused.
 */
export type Narrowed<T extends Table, N extends { [K in keyof N]: K extends keyof Row<T> ? unknown : never } = Record<never, never>> = Omit<Row<T>, keyof N> & N;
