import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/database';
import { DuplicateRecord } from '../../platform/database-errors';
import { registerOrganisation } from '../../records/organisation-registration';
import { ProblemError, problems } from '../http/problem';
import type { RouteTable } from '../http/route';
import { z } from 'zod';
import { cursorCodec, cursorParts } from '../http/cursor';
import { contactParams, contactSchema, correctContactRequest, createContactRequest, createOrganisationRequest, findOrganisationsQuery, organisationIdParams, organisationSchema } from './schemas';


type Row = { id: string; name: string; organisationNumber: string; kind: string; createdAt: Date };
/** The list's order, as a key: the name, then the id. */
const organisationCursor = cursorCodec(z.tuple([cursorParts.text(300), cursorParts.id]));

const view = (row: Row) => ({ ...row, kind: row.kind as 'PUBLIC' | 'IDEBUREN' | 'PRIVATE', createdAt: row.createdAt.toISOString() });

/** Organisations are the register that parties point at; they are not partnership state. */
export function organisationRoutes(routes: RouteTable, basePath: string, db: Database): void {
  routes.add(basePath, {
    method: 'post',
    path: '/organisations',
    operationId: 'registerOrganisation',
    summary: 'Register an organisation that can be party to partnerships',
    tags: ['Organisations'],
    access: 'api-key',
    idempotent: true,
    body: createOrganisationRequest,
    responses: {
      201: { description: 'Registered', schema: organisationSchema, headers: { Location: 'The URL of the organisation' } },
      409: { description: 'An organisation with this number is already registered; `Location` is its URL' },
    },
    handler: async ({ body, principal, requestId, reservedId }) => {
      const id = reservedId ?? randomUUID();
      try {
        const row = await registerOrganisation(db, { id, ...body }, { actor: principal!, requestId });
        return { status: 201, body: view(row), headers: { Location: `${basePath}/organisations/${id}` } };
      } catch (error) {
        if (error instanceof DuplicateRecord) {
          // The same keyed request run again finds what its first run registered.
          const registered = await db.organisation.findUnique({ where: { id } });
          if (registered) return { status: 201, body: view(registered), headers: { Location: `${basePath}/organisations/${id}` } };
          const existing = await db.organisation.findUnique({ where: { organisationNumber: body.organisationNumber }, select: { id: true } });
          throw new ProblemError(409, 'already-registered', 'Already registered', 'An organisation with this number is already registered', undefined, undefined, existing ? { Location: `${basePath}/organisations/${existing.id}` } : undefined);
        }
        throw error;
      }
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/organisations',
    operationId: 'findOrganisations',
    summary: 'Find organisations by organisation number or by name, or page through them all',
    tags: ['Organisations'],
    access: 'api-key',
    query: findOrganisationsQuery,
    responses: {
      200: {
        description: 'The organisations found, by name; `next` is the cursor of the next page',
        schema: z.object({ organisations: z.array(organisationSchema), next: z.string().nullable() }).meta({ id: 'OrganisationList' }),
      },
    },
    handler: async ({ query }) => {
      const after = query.after ? organisationCursor.decode(query.after) : null;
      const rows = await db.organisation.findMany({
        where: {
          ...(query.organisationNumber ? { organisationNumber: query.organisationNumber } : {}),
          ...(query.name ? { name: { contains: query.name, mode: 'insensitive' as const } } : {}),
          ...(after ? { OR: [{ name: { gt: after[0] } }, { name: after[0], id: { gt: after[1] } }] } : {}),
        },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take: query.limit + 1,
      });
      return { status: 200, body: { organisations: rows.slice(0, query.limit).map(view), next: organisationCursor.next(rows, query.limit, (r) => [r.name, r.id]) } };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/organisations/:id',
    operationId: 'getOrganisation',
    summary: 'An organisation',
    tags: ['Organisations'],
    access: 'api-key',
    owner: 'organisation',
    params: organisationIdParams,
    responses: { 200: { description: 'The organisation', schema: organisationSchema }, 404: { description: 'No such organisation' } },
    handler: async ({ params }) => {
      const row = await db.organisation.findUnique({ where: { id: params.id } });
      if (!row) throw problems.notFound('No such organisation');
      return { status: 200, body: view(row) };
    },
  });

  routes.add(basePath, {
    method: 'post',
    path: '/organisations/:id/contacts',
    operationId: 'addContact',
    summary: 'Add a contact person of an organisation; partnerships refer to the person by id',
    tags: ['Organisations'],
    access: 'api-key',
    owner: 'organisation',
    idempotent: true,
    params: organisationIdParams,
    body: createContactRequest,
    responses: { 201: { description: 'Added', schema: contactSchema }, 404: { description: 'No such organisation' } },
    handler: async ({ params, body, reservedId }) => {
      if (!(await db.organisation.findUnique({ where: { id: params.id }, select: { id: true } }))) throw problems.notFound('No such organisation');
      const id = reservedId ?? randomUUID();
      // The same keyed request run again finds the contact its first run added.
      await db.contact.createMany({ data: [{ id, organisationId: params.id, ...body }], skipDuplicates: true });
      const row = await db.contact.findUniqueOrThrow({ where: { id } });
      return { status: 201, body: { ...row, language: row.language as 'sv' | 'en' } };
    },
  });

  routes.add(basePath, {
    method: 'patch',
    path: '/organisations/:id/contacts/:contactId',
    operationId: 'correctContact',
    summary: "Correct a contact person's name, role, address, phone or language (GDPR article 16)",
    tags: ['Organisations'],
    access: 'api-key',
    owner: 'organisation',
    params: contactParams,
    body: correctContactRequest,
    responses: { 200: { description: 'Corrected; e-mail from now on goes to what is stored now', schema: contactSchema }, 404: { description: 'No such organisation or contact person' } },
    handler: async ({ params, body }) => {
      const changed = await db.contact.updateMany({ where: { id: params.contactId, organisationId: params.id }, data: body });
      if (changed.count === 0) throw problems.notFound('No such contact person');
      const row = await db.contact.findUniqueOrThrow({ where: { id: params.contactId } });
      return { status: 200, body: { ...row, language: row.language as 'sv' | 'en' } };
    },
  });

  routes.add(basePath, {
    method: 'delete',
    path: '/organisations/:id/contacts/:contactId',
    operationId: 'eraseContact',
    summary: 'Erase a contact person (GDPR article 17): the name, address and phone are gone; the audit trail, which names no one, is untouched',
    tags: ['Organisations'],
    access: 'api-key',
    owner: 'organisation',
    params: contactParams,
    responses: { 204: { description: 'Erased, or never there: erasing twice is the same' }, 404: { description: 'No such organisation' } },
    handler: async ({ params }) => {
      if (!(await db.organisation.findUnique({ where: { id: params.id }, select: { id: true } }))) throw problems.notFound('No such organisation');
      // Partnerships keep the person's id among a party's contacts: it now names no one, and no e-mail goes to it.
      await db.contact.deleteMany({ where: { id: params.contactId, organisationId: params.id } });
      return { status: 204 };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/organisations/:id/contacts',
    operationId: 'listContacts',
    summary: "An organisation's contact persons",
    tags: ['Organisations'],
    access: 'api-key',
    owner: 'organisation',
    params: organisationIdParams,
    responses: { 200: { description: 'The contacts', schema: z.object({ contacts: z.array(contactSchema) }) } },
    handler: async ({ params }) => {
      const rows = await db.contact.findMany({ where: { organisationId: params.id }, orderBy: { createdAt: 'asc' } });
      return { status: 200, body: { contacts: rows.map((row) => ({ ...row, language: row.language as 'sv' | 'en' })) } };
    },
  });
}
