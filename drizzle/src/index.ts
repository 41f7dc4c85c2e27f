export * from './db';
export * from './ids';
export * as schema from './schema/index';
export * from './schema/index';
export * from './schema/events';
