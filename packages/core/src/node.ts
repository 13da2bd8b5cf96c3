import { setDefaultTransport } from './default-transport';
import { createUndiciTransport } from './transport/undici-transport';

setDefaultTransport(createUndiciTransport);

export * from './index';
