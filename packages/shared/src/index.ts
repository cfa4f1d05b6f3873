export * from './objects';
export * from './status';
