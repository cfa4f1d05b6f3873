/// <reference types="vite/client" />

interface Window {
  /** Base path computed by index.html before any asset loads (always ends with '/'). */
  __SPHERE_BASE__?: string;
}
