import { checkNodeVersion } from './check-node-version';
import { setDefaultTransport } from './default-transport';
import { createUndiciTransport } from './transport/undici-transport';

checkNodeVersion(process.versions.node);
setDefaultTransport(createUndiciTransport);

export * from './index';
