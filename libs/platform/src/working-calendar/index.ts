export * from './holiday-schedule';
export * from './calendar';
export * from './store';
export * from './metric';
