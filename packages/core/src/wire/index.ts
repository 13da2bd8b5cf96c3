export * from './models';
export type * from './request';
export type * from './response';
export * from './stream-events';
