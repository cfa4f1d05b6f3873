/**
 * @module monitoring/hooks
 * Data hooks of the monitoring pages: the selected time window with auto-refresh, and metric queries
 * (range for charts, instant for rankings) through TanStack Query.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchMetrics, rangeParams, type TimeWindow } from './api';

export interface TimeControls {
  window: TimeWindow;
  setWindow: (w: TimeWindow) => void;
  autoRefresh: boolean;
  setAutoRefresh: (on: boolean) => void;
  /** Bumped by the refresh button so queries refetch with a new "now". */
  tick: number;
  refresh: () => void;
}

/** Time window state; the default is the last hour. */
export function useTimeControls(initial: TimeWindow = { last: 3600 }): TimeControls {
  const [window, setWindow] = useState<TimeWindow>(initial);
  const [autoRefresh, setAutoRefresh] = useState(false);
  const [tick, setTick] = useState(0);
  return { window, setWindow, autoRefresh, setAutoRefresh, tick, refresh: () => setTick((n) => n + 1) };
}

/** A range query for charts; refetches every 5 s while auto-refresh is on. */
export function useRangeMetrics(
  path: string,
  metrics: string[],
  tc: TimeControls,
  extra: Record<string, string | number | undefined> = {},
  enabled = true,
) {
  return useQuery({
    queryKey: ['monitoring', path, metrics, tc.window, tc.tick, extra],
    queryFn: async () => {
      const params = rangeParams(tc.window, Date.now() / 1000);
      const res = await fetchMetrics(path, metrics, { ...params, ...extra });
      return { ...res, range: { start: params.start, end: params.end } };
    },
    refetchInterval: tc.autoRefresh && 'last' in tc.window ? 5000 : false,
    enabled,
  });
}

/** An instant query (ranking tables, current values). */
export function useInstantMetrics(
  path: string,
  metrics: string[],
  extra: Record<string, string | number | undefined> = {},
  refetchMs: number | false = false,
) {
  return useQuery({
    queryKey: ['monitoring-instant', path, metrics, extra],
    queryFn: () => fetchMetrics(path, metrics, extra),
    refetchInterval: refetchMs,
  });
}
