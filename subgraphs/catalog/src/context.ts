import type { BaseContext } from '@opsgraph/kit';
import { createLoaders, type Loaders } from './loaders';

export type CatalogContext = BaseContext & { loaders: Loaders };

export function createContext(base: BaseContext): CatalogContext {
  return { ...base, loaders: createLoaders(base.database.db) };
}
