export * from './wire/index';
export * from './errors';
