/**
 * @module nodes/profiles
 * What a simulated container needs, as data: images known to need a certain amount of memory or CPU
 * whatever their requests say (MySQL ~400Mi, a JVM ~500Mi, an idle PHP page ~1m CPU), and the
 * `sphere.io/memory-usage` / `sphere.io/cpu-usage` annotations that declare it for any pod. A container
 * whose memory demand exceeds its memory limit is OOMKilled (see `memoryOverLimit`).
 */
import { parseQuantity, type KubeObject } from '@sphere/shared';
import type { ContainerSpec } from './pod-view';

export interface ImageProfile {
  /** Matched against the image's repository path (tag and registry removed), e.g. `library/mysql`. */
  match: RegExp;
  /** Typical working set in bytes. */
  memory?: number;
  /** Typical CPU in cores. */
  cpu?: number;
  /** Writable-layer size in bytes (container_fs_usage_bytes). */
  fs?: number;
}

const Mi = 1024 * 1024;

/** Known images, first match wins. */
export const imageProfiles: ImageProfile[] = [
  { match: /(^|\/)(mysql|mariadb|percona)$/, memory: 400 * Mi, cpu: 0.02, fs: 210 * Mi },
  { match: /(^|\/)(elasticsearch|opensearch)$/, memory: 1300 * Mi, cpu: 0.1, fs: 120 * Mi },
  {
    match:
      /(^|\/)(openjdk|eclipse-temurin|amazoncorretto|tomcat|jenkins|[\w-]*java[\w-]*|[\w-]*spring[\w-]*)$/,
    memory: 500 * Mi,
    cpu: 0.05,
    fs: 60 * Mi,
  },
  { match: /(^|\/)mongo$/, memory: 180 * Mi, cpu: 0.015, fs: 90 * Mi },
  { match: /(^|\/)(postgres|postgresql)$/, memory: 60 * Mi, cpu: 0.01, fs: 70 * Mi },
  { match: /(^|\/)wordpress$/, memory: 70 * Mi, cpu: 0.01, fs: 40 * Mi },
  { match: /(^|\/)(hpa-example|php-apache)$/, memory: 12 * Mi, cpu: 0.001, fs: 1 * Mi },
  { match: /(^|\/)redis$/, memory: 8 * Mi, cpu: 0.003, fs: 1 * Mi },
];

/** The repository path of an image reference: `docker.io/library/mysql:8` → `library/mysql`. */
export function imageRepository(image: string): string {
  let name = image.split('@')[0];
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) name = name.slice(0, colon);
  const parts = name.split('/');
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  return parts.join('/').toLowerCase();
}

const byImage = new Map<string, ImageProfile | undefined>();

/** The profile of a container's image (cached per image text). */
export function imageProfile(image: string | undefined): ImageProfile | undefined {
  if (!image) return undefined;
  if (byImage.has(image)) return byImage.get(image);
  const repo = imageRepository(image);
  const profile = imageProfiles.find((p) => p.match.test(repo));
  if (byImage.size < 10_000) byImage.set(image, profile);
  return profile;
}

/**
 * A usage annotation's value for one container: `600Mi` (every container) or `app=600Mi,sidecar=20Mi`.
 */
export function annotatedUsage(
  pod: KubeObject,
  key: 'memory' | 'cpu',
  container: string,
): number | undefined {
  const v = pod.metadata.annotations?.[`sphere.io/${key}-usage`];
  if (!v) return undefined;
  for (const part of v.split(',')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? undefined : part.slice(0, eq).trim();
    if (name !== undefined && name !== container) continue;
    try {
      return parseQuantity(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The memory a container needs when it is known (annotation, then image profile), in bytes. */
export const memoryDemand = (pod: KubeObject, c: ContainerSpec): number | undefined =>
  annotatedUsage(pod, 'memory', c.name) ?? imageProfile(c.image)?.memory;

/** The CPU a container uses when idle, when it is known (annotation, then image profile), in cores. */
export const cpuDemand = (pod: KubeObject, c: ContainerSpec): number | undefined =>
  annotatedUsage(pod, 'cpu', c.name) ?? imageProfile(c.image)?.cpu;

const limitOf = (c: ContainerSpec): number | undefined => {
  const v = c.resources?.limits?.memory;
  if (v === undefined) return undefined;
  try {
    return parseQuantity(v);
  } catch {
    return undefined;
  }
};

/** The container's memory limit when its known demand exceeds it (it will be OOMKilled), else undefined. */
export function memoryOverLimit(pod: KubeObject, c: ContainerSpec): number | undefined {
  const demand = memoryDemand(pod, c);
  const limit = limitOf(c);
  return demand !== undefined && limit !== undefined && demand > limit ? limit : undefined;
}
