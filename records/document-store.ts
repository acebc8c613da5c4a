// The claim check's store: long texts kept once in PostgreSQL under their SHA-256, immutable.
// Straight through pg: on most steps, and Prisma compiles every query it builds.
import { createHash } from 'node:crypto';
import { isDocumentRef } from '../domain/documents';
import type { Database } from '../platform/database';

export function documentRef(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** Stores the texts (a text already stored is stored once) and answers each one's reference. */
export async function storeDocuments(db: Pick<Database, 'pool'>, texts: string[]): Promise<Map<string, string>> {
  const refs = new Map(texts.map((text) => [text, documentRef(text)]));
  if (refs.size > 0) {
    await db.pool.query('INSERT INTO "Document" (ref, text) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (ref) DO NOTHING', [[...refs.values()], [...refs.keys()]]);
  }
  return refs;
}

/** The texts behind the references; a reference that was never stored is missing from the map. */
export async function loadDocuments(db: Pick<Database, 'pool'>, refs: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(refs.filter(isDocumentRef))];
  if (wanted.length === 0) return new Map();
  const { rows } = await db.pool.query<{ ref: string; text: string }>({ name: 'documents', text: 'SELECT ref, text FROM "Document" WHERE ref = ANY($1::text[])', values: [wanted] });
  return new Map(rows.map((row) => [row.ref, row.text]));
}

/** Every document reference anywhere in a value. */
export function refsIn(value: unknown): string[] {
  if (isDocumentRef(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(refsIn);
  return [];
}
