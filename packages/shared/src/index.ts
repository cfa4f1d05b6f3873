export * from './objects';
export * from './status';
export * from './names';
export * from './labels';
export * from './fields';
export * from './quantity';
export * from './duration';
export * from './watch-reducer';
