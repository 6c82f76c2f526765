// The OpenAPI 3.1 document of /api/v1, built from the zod schemas the handlers validate with
// (z.toJSONSchema emits JSON Schema 2020-12, which OpenAPI 3.1 uses as is). No library: the
// document is a plain object and `API_OPERATIONS` is the one list of what the API offers.
import { z } from 'zod';
import * as s from './schemas.ts';

type Response = { description: string; schema?: z.ZodType };

/** One operation of the API as the document describes it. */
export type ApiOperation = {
  method: 'get' | 'post';
  /** OpenAPI path template, relative to /api/v1 ("/contacts/{id}"). */
  path: string;
  operationId: string;
  summary: string;
  /** False only for the document itself. */
  auth?: boolean;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  body?: { contentType: 'application/json' | 'multipart/form-data'; schema: z.ZodType };
  responses: Record<number, Response>;
};

const contactRef = { id: 'The contact’s id, or its number URL-encoded (K%2F2026%2F0042)' };
const notFound: Response = { description: 'No such contact', schema: s.errorResponse };
const invalid: Response = { description: 'Invalid input, with per-field messages', schema: s.errorResponse };
const malformed: Response = { description: 'The body is not JSON', schema: s.errorResponse };

export const API_OPERATIONS: ApiOperation[] = [
  { method: 'get', path: '/openapi.json', operationId: 'getOpenApi', summary: 'This document', auth: false, responses: { 200: { description: 'OpenAPI 3.1 document' } } },
  { method: 'get', path: '/me', operationId: 'getMe', summary: 'Who the token acts as', responses: { 200: { description: 'The token’s employee', schema: s.meResponse } } },
  {
    method: 'get', path: '/contacts', operationId: 'listContacts', summary: 'List and search contacts, newest first, in keyset pages',
    query: s.listContactsQuery, responses: { 200: { description: 'A page of contacts', schema: s.contactPage }, 422: invalid },
  },
  {
    method: 'post', path: '/contacts', operationId: 'createContact', summary: 'Register a new contact (numbered K/<year>/<n>)',
    body: { contentType: 'application/json', schema: s.createContactBody },
    responses: { 201: { description: 'The new contact', schema: s.contactResponse }, 400: malformed, 422: invalid },
  },
  {
    method: 'get', path: '/contacts/{id}', operationId: 'getContact', summary: 'A contact with its sales subject and newest items',
    pathParams: contactRef, responses: { 200: { description: 'The contact', schema: s.contactResponse }, 404: notFound },
  },
  {
    method: 'post', path: '/contacts/{id}/notes', operationId: 'addNote', summary: 'Add a note (with dueAt: a task) to the timeline',
    pathParams: contactRef, body: { contentType: 'application/json', schema: s.addNoteBody },
    responses: { 201: { description: 'The new item', schema: s.itemResponse }, 400: malformed, 404: notFound, 409: { description: 'The sourceRef is already on the contact', schema: s.errorResponse }, 422: invalid },
  },
  {
    method: 'post', path: '/contacts/{id}/files', operationId: 'addFiles', summary: 'Upload files to the timeline (multipart, streamed)',
    pathParams: contactRef, body: { contentType: 'multipart/form-data', schema: s.uploadFilesBody },
    responses: {
      201: { description: 'The new file items', schema: s.itemsResponse }, 404: notFound, 413: { description: 'A file exceeds the size limit', schema: s.errorResponse },
      415: { description: 'Not multipart/form-data', schema: s.errorResponse }, 422: invalid,
    },
  },
  {
    method: 'get', path: '/companies', operationId: 'listCompanies', summary: 'List and search companies by name',
    query: s.listCompaniesQuery, responses: { 200: { description: 'Companies', schema: s.companyList }, 422: invalid },
  },
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function queryParameters(query: z.ZodObject) {
  return Object.entries(query.shape).map(([name, field]) => {
    const schema = jsonSchema(field as z.ZodType, 'input');
    const isArray = schema.type === 'array';
    return {
      name, in: 'query', required: !(field as z.ZodType).safeParse(undefined).success,
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      schema, ...(isArray ? { style: 'form', explode: true } : {}),
    };
  });
}

function operationObject(op: ApiOperation) {
  const parameters = [
    ...Object.entries(op.pathParams ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
    ...(op.query ? queryParameters(op.query) : []),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    responses[status] = { description: r.description, ...(r.schema ? { content: { 'application/json': { schema: jsonSchema(r.schema, 'output') } } } : {}) };
  }
  if (op.auth !== false) responses['401'] = { description: 'Missing, unknown, revoked or expired token', content: { 'application/json': { schema: jsonSchema(s.errorResponse, 'output') } } };
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.auth === false ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: { [op.body.contentType]: { schema: jsonSchema(op.body.schema, 'input') } } } } : {}),
    responses,
  };
}

/** The document; `serverUrl` is the API's absolute base (PUBLIC_URL + /api/v1). */
export function openApiDocument(serverUrl: string, version = '1.0.0') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kontakt API', version,
      description: 'Contacts, notes, files and companies for integrations. Every request but this document needs `Authorization: Bearer <token>`; employees create tokens on the panel’s API tokens page.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }],
    components: { securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token (kt_…) from the panel' } } },
    paths,
  };
}
