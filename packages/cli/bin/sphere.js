#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx compiles each module once and caches it, so there is no
// build step between `npm install` and `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
