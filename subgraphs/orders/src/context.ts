import type { BaseContext } from '@opsgraph/kit';
import type { OrdersDeps } from './deps';
import { createLoaders, type Loaders } from './loaders';

/** Per request: the caller, fresh DataLoaders, and the subgraph's long-lived deps (inventory client, clock, ids). */
export type OrdersContext = BaseContext & { loaders: Loaders; deps: OrdersDeps };

export function createContext(base: BaseContext, deps: OrdersDeps): OrdersContext {
  return { ...base, loaders: createLoaders(base.database.db), deps };
}
