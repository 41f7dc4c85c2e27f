export * from './catalog';
export * from './inventory';
export * from './orders';
export * from './returns';
export * from './finance';
