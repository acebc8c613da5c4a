// API keys over HTTP, for administrators: create, list, rotate and revoke. A secret is shown once,
// in the answer that creates it, and is stored only as its hash; no answer is kept for a retry
// (no Idempotency-Key), since a stored answer would be the secret in the clear.
import { z } from 'zod';
import { roles } from '../../domain/roles';
import { freeText } from '../../domain/text';
import type { Database } from '../../platform/database';
import { createApiKey, revokeApiKey, rotateApiKey, ApiKeyRefused } from '../auth/api-keys';
import type { Principal } from '../auth/principal';
import { problems } from '../http/problem';
import type { RouteTable } from '../http/route';

const keySchema = z
  .object({
    id: z.uuid(),
    label: z.string(),
    role: z.enum(roles),
    organisationId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

const issuedSchema = keySchema
  .extend({ key: z.string().meta({ description: 'The key, shown this once: send it as X-API-Key. Only its hash is kept' }) })
  .meta({ id: 'IssuedApiKey' });

const keyFields = {
  label: freeText(1, 200).meta({ example: 'Ciceron, Borås stad' }),
  // Any RFC 3339 instant, as its `date-time` format says, with an offset or Z.
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null).meta({ description: 'When the key stops working; never when null' }),
};

// An organisation representative's key names its organisation, and no other key does: the schema
// says so, so that a client that follows it is not refused for the pair.
const createKeyRequest = z
  .discriminatedUnion('role', [
    z
      .object({ ...keyFields, role: z.literal('ORGANISATION_REPRESENTATIVE'), organisationId: z.uuid().meta({ description: 'Its registered organisation' }) })
      .strict(),
    z.object({ ...keyFields, role: z.enum(roles).exclude(['ORGANISATION_REPRESENTATIVE']), organisationId: z.null().default(null) }).strict(),
  ])
  .meta({ id: 'CreateApiKey' });

const keyIdParams = z.object({ id: z.uuid() }).strict();

type Row = NonNullable<Awaited<ReturnType<Database['apiKey']['findUnique']>>>;
const iso = (date: Date | null) => date?.toISOString() ?? null;
const view = (row: Row) => ({
  id: row.id,
  label: row.label,
  role: row.role,
  organisationId: row.organisationId,
  createdAt: row.createdAt.toISOString(),
  expiresAt: iso(row.expiresAt),
  revokedAt: iso(row.revokedAt),
  lastUsedAt: iso(row.lastUsedAt),
});

export function apiKeyRoutes(routes: RouteTable, basePath: string, db: Database): void {
  const audit = (principal: Principal | undefined, action: string, keyId: string, requestId: string) =>
    db.auditEvent.create({ data: { actorType: principal!.type, actorId: principal!.keyId, actorRole: principal!.role, action, requestId, details: { apiKeyId: keyId } } });

  /** A new key as the one answer that shows its secret. */
  const issuedAnswer = async (issued: { id: string; key: string }) => {
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: issued.id } });
    return { status: 201, body: { ...view(row), key: issued.key }, headers: { Location: `${basePath}/api-keys/${issued.id}` } };
  };

  routes.add(basePath, {
    method: 'post',
    path: '/api-keys',
    operationId: 'createApiKey',
    summary: 'Issue an API key; its secret is shown once',
    tags: ['API keys'],
    access: 'api-key',
    body: createKeyRequest,
    responses: { 201: { description: 'Issued', schema: issuedSchema, headers: { Location: 'The URL of the key' } }, 404: { description: 'The organisation named is not registered (`reference-not-found`)' } },
    handler: async ({ body, principal, requestId }) => {
      if (body.expiresAt && Date.parse(body.expiresAt) <= Date.now()) {
        throw problems.validation([{ in: 'body', field: 'expiresAt', pointer: '#/expiresAt', detail: 'The key would never work: the instant has passed' }]);
      }
      let issued;
      try {
        issued = await createApiKey(db, { label: body.label, role: body.role, organisationId: body.organisationId, expiresAt: body.expiresAt ? new Date(body.expiresAt) : null });
      } catch (error) {
        // The same rules as the command's: the key's own module keeps them.
        if (error instanceof ApiKeyRefused) {
          const fault = [{ in: 'body' as const, field: error.field, pointer: `#/${error.field}`, detail: error.message }];
          throw error.unregistered ? problems.referenceNotFound(fault) : problems.validation(fault);
        }
        throw error;
      }
      await audit(principal, 'apiKey.created', issued.id, requestId);
      return issuedAnswer(issued);
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/api-keys',
    operationId: 'listApiKeys',
    summary: 'Every API key, without its secret: who has access, since when, until when',
    tags: ['API keys'],
    access: 'api-key',
    query: z.object({ revoked: z.enum(['true', 'false']).optional().meta({ description: 'Only revoked keys, or only keys not revoked' }) }).strict(),
    responses: { 200: { description: 'The keys, newest first', schema: z.object({ keys: z.array(keySchema) }).meta({ id: 'ApiKeyList' }) } },
    handler: async ({ query }) => {
      const rows = await db.apiKey.findMany({
        where: query.revoked === undefined ? {} : { revokedAt: query.revoked === 'true' ? { not: null } : null },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: 1_000,
      });
      return { status: 200, body: { keys: rows.map(view) } };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/api-keys/:id',
    operationId: 'getApiKey',
    summary: 'One API key, without its secret',
    tags: ['API keys'],
    access: 'api-key',
    params: keyIdParams,
    responses: { 200: { description: 'The key', schema: keySchema }, 404: { description: 'No such key' } },
    handler: async ({ params }) => {
      const row = await db.apiKey.findUnique({ where: { id: params.id } });
      if (!row) throw problems.notFound('No such key');
      return { status: 200, body: view(row) };
    },
  });

  routes.add(basePath, {
    method: 'post',
    path: '/api-keys/:id/rotation',
    operationId: 'rotateApiKey',
    summary: 'Issue a successor with the same role; the old key works on for a grace period',
    tags: ['API keys'],
    access: 'api-key',
    params: keyIdParams,
    body: z.object({ graceHours: z.number().int().min(0).max(720).default(24).meta({ description: 'How long the old key keeps working' }) }).strict(),
    responses: {
      201: { description: 'The successor, its secret shown once', schema: issuedSchema, headers: { Location: 'The URL of the successor' } },
      404: { description: 'No such key, or it is revoked or expired' },
    },
    handler: async ({ params, body, principal, requestId }) => {
      const rotated = await rotateApiKey(db, params.id, body.graceHours * 3_600_000);
      if (!rotated) throw problems.notFound('No such key in use');
      await audit(principal, 'apiKey.rotated', params.id, requestId);
      return issuedAnswer(rotated);
    },
  });

  routes.add(basePath, {
    method: 'delete',
    path: '/api-keys/:id',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key at once; revoking it again changes nothing',
    tags: ['API keys'],
    access: 'api-key',
    params: keyIdParams,
    responses: { 204: { description: 'Revoked' }, 404: { description: 'No such key' } },
    handler: async ({ params, principal, requestId }) => {
      if (!(await db.apiKey.findUnique({ where: { id: params.id }, select: { id: true } }))) throw problems.notFound('No such key');
      if (await revokeApiKey(db, params.id)) await audit(principal, 'apiKey.revoked', params.id, requestId);
      return { status: 204 };
    },
  });
}
