import type { BaseContext } from '@opsgraph/kit';
import { createLoaders, type Loaders } from './loaders';

export type ReturnsContext = BaseContext & { loaders: Loaders };

export function createContext(base: BaseContext): ReturnsContext {
  return { ...base, loaders: createLoaders(base.database.db) };
}
