// The claim check's store: long texts kept once in PostgreSQL under their SHA-256, immutable.
import { createHash } from 'node:crypto';
import { isDocumentRef } from '../domain/documents';
import type { Database } from './database';

export function documentRef(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** Stores the texts (a text already stored is stored once) and answers each one's reference. */
export async function storeDocuments(db: Database, texts: string[]): Promise<Map<string, string>> {
  const refs = new Map(texts.map((text) => [text, documentRef(text)]));
  if (refs.size > 0) {
    await db.document.createMany({ data: [...refs].map(([text, ref]) => ({ ref, text })), skipDuplicates: true });
  }
  return refs;
}

/** The texts behind the references; a reference that was never stored is missing from the map. */
export async function loadDocuments(db: Pick<Database, 'document'>, refs: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(refs.filter(isDocumentRef))];
  if (wanted.length === 0) return new Map();
  const rows = await db.document.findMany({ where: { ref: { in: wanted } } });
  return new Map(rows.map((row) => [row.ref, row.text]));
}

/** Every document reference anywhere in a value. */
export function refsIn(value: unknown): string[] {
  if (isDocumentRef(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(refsIn);
  return [];
}
