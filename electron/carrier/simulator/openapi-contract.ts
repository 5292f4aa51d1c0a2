/**
 * The Telnyx OpenAPI subset as response validators, for the demo carrier's contract test. OpenAPI 3.1 schemas
 * are JSON Schema 2020-12, so Ajv's 2020 dialect validates them directly, $refs resolved inside the document.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

export const TELNYX_SPEC_PATH = new URL('./fixtures/telnyx-messaging-openapi.yml', import.meta.url);
const DOCUMENT_ID = 'telnyx-messaging-openapi.json';
const GENERIC_ERROR = '#/components/responses/messaging_GenericErrorResponse';

export interface ResponseCheck {
  valid: boolean;
  /** Where in the spec the schema came from. */
  schemaPointer: string;
  /** False when the spec lists no answer for this status and Telnyx's generic error envelope was used. */
  documented: boolean;
  errors: string;
}

export interface TelnyxContract {
  /** The spec's operation for a request, e.g. `GET /messages/{id}`, or null when the subset has none. */
  operationFor(method: string, path: string): string | null;
  /** Validates one answer (status and parsed JSON body) to `method path` (the path after /v2). */
  check(method: string, path: string, status: number, body: unknown): ResponseCheck;
  /** Every `format` the spec's schemas use, and whether the validator knows it. */
  formats(): { name: string; known: boolean }[];
}

export function loadTelnyxContract(specPath: URL = TELNYX_SPEC_PATH): TelnyxContract {
  const document = pinDiscriminators(parse(readFileSync(specPath, 'utf8')) as Json);
  // strict: false because OpenAPI adds keywords JSON Schema lacks (example, discriminator, x-…).
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  const addFormats = addFormatsModule as unknown as (instance: Ajv2020) => Ajv2020;
  addFormats(ajv);
  ajv.addSchema(document, DOCUMENT_ID);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (pointer: string) => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };

  const paths = (document['paths'] ?? {}) as Record<string, Json>;
  const templates = Object.keys(paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const operationOf = (method: string, path: string) => {
    const found = templates.find(({ pattern }) => pattern.test(path));
    const operation = found ? (paths[found.template]?.[method.toLowerCase()] as Json | undefined) : undefined;
    return found && operation ? { template: found.template, operation } : null;
  };

  return {
    operationFor(method, path) {
      const found = operationOf(method, path);
      return found ? `${method.toUpperCase()} ${found.template}` : null;
    },
    check(method, path, status, body) {
      const found = operationOf(method, path);
      const responses = (found?.operation['responses'] ?? {}) as Record<string, Json>;
      const key = [String(status), `${String(status)[0]}XX`, 'default'].find(
        (candidate) => candidate in responses,
      );
      let responsePointer: string;
      let documented = true;
      if (found && key) {
        const entry = responses[key]!;
        responsePointer =
          typeof entry['$ref'] === 'string'
            ? entry['$ref']
            : `#/paths/${escapePointer(found.template)}/${method.toLowerCase()}/responses/${key}`;
      } else if (status >= 400) {
        // Answers the subset does not list (a 401, 429 or 5xx on some endpoints) use Telnyx's error envelope.
        responsePointer = GENERIC_ERROR;
        documented = false;
      } else {
        return {
          valid: false,
          schemaPointer: '',
          documented: false,
          errors: `The spec has no ${status} answer for ${method} ${path}`,
        };
      }
      const schemaPointer = `${responsePointer}/content/application~1json/schema`;
      const validate = validator(schemaPointer);
      const valid = validate(body);
      return {
        valid,
        schemaPointer,
        documented,
        errors: valid ? '' : ajv.errorsText(validate.errors, { separator: '\n' }),
      };
    },
    formats() {
      const names = new Set<string>();
      collectFormats(document, names);
      return [...names].sort().map((name) => ({ name, known: name in ajv.formats }));
    },
  };
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * OpenAPI's `discriminator` picks the oneOf branch named by a property (DetailRecord: `record_type`). JSON Schema
 * has no such keyword, and the branches here are loose enough that a message record matches all seven, which
 * fails oneOf. Each branch is therefore pinned to its discriminator value, the branch schema's documented default
 * (`message_detail_record`, …), which is what Telnyx sends.
 */
function pinDiscriminators(document: Json): Json {
  const copy = structuredClone(document);
  const schemas = ((copy['components'] as Json | undefined)?.['schemas'] ?? {}) as Record<string, Json>;
  for (const schema of Object.values(schemas)) {
    const propertyName = (schema['discriminator'] as Json | undefined)?.['propertyName'];
    const branches = schema['oneOf'];
    if (typeof propertyName !== 'string' || !Array.isArray(branches)) continue;
    schema['oneOf'] = branches.map((branch: Json) => {
      const ref = branch['$ref'];
      const target = typeof ref === 'string' ? schemas[ref.replace('#/components/schemas/', '')] : undefined;
      const value = ((target?.['properties'] as Json | undefined)?.[propertyName] as Json | undefined)?.[
        'default'
      ];
      if (value === undefined) return branch;
      return {
        allOf: [branch, { properties: { [propertyName]: { const: value } }, required: [propertyName] }],
      };
    });
  }
  return copy;
}

function collectFormats(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectFormats(item, into);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'format' && typeof value === 'string') into.add(value);
    else collectFormats(value, into);
  }
}
