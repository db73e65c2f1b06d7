export * from './enums';
export * from './permissions';
export * from './errors';
export * from './registry';
export * from './auth';
export * from './dashboard';
export * from './imports';
export * from './patch';
