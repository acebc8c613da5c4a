// A workflow that upserts an attribute the namespace does not know fails every workflow task, and
// the partnership freezes. So a worker makes sure of them before it polls: it registers what is
// missing where it may (the dev server, a self-hosted cluster), and refuses to start where it may
// not, naming the command an operator runs once.
import { temporal } from '@temporalio/proto';
import type { Logger } from '../platform/logger';
import { grpcStatus, statusCodes } from '../platform/temporal-errors';
import { partnershipSearchAttributes } from '../workflows/search-attributes';

interface OperatorConnection {
  operatorService: {
    listSearchAttributes(request: temporal.api.operatorservice.v1.IListSearchAttributesRequest): Promise<temporal.api.operatorservice.v1.IListSearchAttributesResponse>;
    addSearchAttributes(request: temporal.api.operatorservice.v1.IAddSearchAttributesRequest): Promise<unknown>;
  };
}

const { IndexedValueType } = temporal.api.enums.v1;
/** Each type the attributes use: as Temporal's API numbers it, and as its CLI names it. */
const types = {
  KEYWORD: { indexed: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, cli: 'Keyword' },
  KEYWORD_LIST: { indexed: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST, cli: 'KeywordList' },
  DATETIME: { indexed: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME, cli: 'Datetime' },
} as const;
const wanted = Object.values(partnershipSearchAttributes).map((key) => ({ name: key.name, type: key.type, ...types[key.type as keyof typeof types] }));

/** The command an operator runs once per namespace (docs/operations.md, "Finding a partnership in Temporal"). */
export const registrationCommand = (namespace: string) =>
  `temporal operator search-attribute create --namespace ${namespace} ${wanted.map((k) => `--name ${k.name} --type ${k.cli}`).join(' ')}`;

const codeOf = (error: unknown) => statusCodes(error)[0];

/** Registers the partnership's search attributes that the namespace lacks; throws if it cannot. */
export async function ensureSearchAttributes(connection: OperatorConnection, namespace: string, logger?: Pick<Logger, 'info' | 'warn'>): Promise<void> {
  let known: Record<string, unknown> | null = null;
  try {
    known = (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  } catch (error) {
    // Temporal Cloud and the time-skipping test server answer no list; registering tells instead.
    if (codeOf(error) !== grpcStatus.UNIMPLEMENTED && codeOf(error) !== grpcStatus.PERMISSION_DENIED) throw error;
  }
  for (const key of wanted) {
    const type = key.indexed;
    if (known && key.name in known) {
      if (known[key.name] !== type) throw new Error(`The search attribute ${key.name} is registered with another type than ${key.type} in namespace ${namespace}`);
      continue;
    }
    try {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: { [key.name]: type } });
      logger?.info({ searchAttribute: key.name }, 'search attribute registered');
    } catch (error) {
      if (codeOf(error) === grpcStatus.ALREADY_EXISTS) continue;
      if (!known && codeOf(error) === grpcStatus.UNIMPLEMENTED) {
        // Nothing to ask and nothing to tell (Temporal Cloud): registered beforehand, as the README says.
        logger?.warn({ namespace }, `search attributes could not be checked here; register them once: ${registrationCommand(namespace)}`);
        return;
      }
      throw new Error(`The search attribute ${key.name} is not registered in namespace ${namespace} and this worker may not register it (${(error as Error).message}). Register them once: ${registrationCommand(namespace)}`, { cause: error });
    }
  }
}
