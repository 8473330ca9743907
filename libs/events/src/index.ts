export * from './catalogue';
export * from './queues';
export * from './outbox';
export * from './inbox';
export * from './entities';
export * from './relay';
export * from './consumer';
export * from './pipeline';
