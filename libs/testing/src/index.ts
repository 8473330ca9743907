export * from './database';
export * from './redis';
export * from './env';
export * from './factories';
export * from './statement-counter';
export * from './test-config';
export * from './metrics';
export * from './log-capture';
