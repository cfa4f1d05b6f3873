/**
 * @module monitoring/units
 * Unit scaling as KubeSphere's console does it: CPU in cores or millicores, memory in binary bytes,
 * disk in decimal bytes, bandwidth in bit/s, ratios in percent.
 */
export type Unit = 'cpu' | 'memory' | 'disk' | 'bandwidth' | 'percent' | 'count';

const scale = (v: number, base: number, units: string[], digits = 2): string => {
  let i = 0;
  let x = Math.abs(v);
  while (x >= base && i < units.length - 1) {
    x /= base;
    i++;
  }
  return `${Number((Math.sign(v) * x).toFixed(digits))} ${units[i]}`;
};

/** A value in its unit, e.g. 0.25 cpu → "250 m", 1536 memory → "1.5 KiB". */
export function formatUnit(v: number | undefined, unit: Unit): string {
  if (v === undefined || Number.isNaN(v)) return '-';
  switch (unit) {
    case 'cpu':
      return Math.abs(v) < 1 ? `${Number((v * 1000).toFixed(1))} m` : `${Number(v.toFixed(3))} cores`;
    case 'memory':
      return scale(v, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB']);
    case 'disk':
      return scale(v, 1000, ['B', 'KB', 'MB', 'GB', 'TB']);
    case 'bandwidth':
      return scale(v * 8, 1000, ['bps', 'Kbps', 'Mbps', 'Gbps']);
    case 'percent':
      return `${Number((v * 100).toFixed(2))}%`;
    case 'count':
      return String(Math.round(v));
  }
}
