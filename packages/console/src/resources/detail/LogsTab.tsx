/**
 * @module LogsTab
 * Container logs of a pod: pick a container, tail N lines, follow (HTTP streaming of
 * `pods/{pod}/log?follow=true`), the previous (terminated) instance of a restarted container, search within
 * the lines shown, and download of the whole log. The stream is this tab's own and stops when the tab closes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Input, InputNumber, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { rawRequest } from '../../api/http';
import { kubePath } from '../../api/paths';
import { appendLog, EMPTY_LOG, logFileName, logText, searchLog, type LogBuffer } from '../../lib/log-buffer';
import { KINDS } from '../kinds';

const LOG_STYLE = {
  background: '#242e42',
  color: '#e6e6e6',
  padding: 12,
  height: 480,
  overflow: 'auto',
  fontSize: 12,
  margin: 0,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
} as const;

function restartsOf(pod: KubeObject, container: string): number {
  const statuses = (
    pod.status as { containerStatuses?: { name: string; restartCount?: number }[] } | undefined
  )?.containerStatuses;
  return statuses?.find((s) => s.name === container)?.restartCount ?? 0;
}

export function LogsTab({ pod }: { pod: KubeObject }) {
  const { t } = useTranslation();
  const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map(
    (c) => c.name,
  );
  const [container, setContainer] = useState(containers[0] ?? '');
  const [tail, setTail] = useState(500);
  const [follow, setFollow] = useState(true);
  const [previous, setPrevious] = useState(false);
  const [query, setQuery] = useState('');
  const [buf, setBuf] = useState<LogBuffer>(EMPTY_LOG);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [downloading, setDownloading] = useState(false);
  const pre = useRef<HTMLPreElement>(null);
  const logPath = kubePath(KINDS.pods, pod.metadata.namespace, pod.metadata.name, 'log');
  const restarted = restartsOf(pod, container) > 0;
  // A terminated instance's log is complete: there is nothing to follow.
  const following = follow && !previous;

  useEffect(() => {
    const abort = new AbortController();
    setBuf(EMPTY_LOG);
    setError(null);
    void (async () => {
      try {
        const res = await rawRequest(logPath, {
          query: {
            container,
            tailLines: tail,
            follow: following ? 'true' : undefined,
            previous: previous ? 'true' : undefined,
          },
          signal: abort.signal,
        });
        if (!res.body) return;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          setBuf((b) => appendLog(b, value ?? ''));
        }
      } catch (err) {
        if (!abort.signal.aborted) setError((err as Error).message);
      }
    })();
    return () => abort.abort();
  }, [logPath, container, tail, following, previous, reload]);

  useEffect(() => {
    if (following && !query && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [buf, following, query]);

  const matches = useMemo(() => searchLog(buf, query), [buf, query]);

  const download = async () => {
    setDownloading(true);
    try {
      // The whole log, not only the lines on screen.
      const res = await rawRequest(logPath, {
        query: { container, previous: previous ? 'true' : undefined, timestamps: 'true' },
      });
      const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/plain' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = logFileName(pod.metadata.name ?? 'pod', container, previous);
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Select
          value={container}
          style={{ width: 220 }}
          onChange={(c) => {
            setContainer(c);
            setPrevious(false);
          }}
          options={containers.map((c) => ({ value: c, label: c }))}
          aria-label={t('CONTAINER_NAME')}
        />
        <InputNumber
          addonBefore={t('TAIL_LINES')}
          min={1}
          max={5000}
          value={tail}
          onChange={(v) => setTail(v ?? 500)}
        />
        <Space>
          <Switch
            checked={following}
            disabled={previous}
            onChange={setFollow}
            aria-label={t('FOLLOW_LOGS')}
          />
          {t('FOLLOW_LOGS')}
        </Space>
        <Tooltip title={restarted ? undefined : t('PREVIOUS_LOGS_NONE')}>
          <Space>
            <Switch
              checked={previous}
              disabled={!restarted}
              onChange={setPrevious}
              aria-label={t('PREVIOUS_LOGS')}
            />
            {t('PREVIOUS_LOGS')}
          </Space>
        </Tooltip>
        <Input.Search
          allowClear
          placeholder={t('SEARCH_LOGS')}
          aria-label={t('SEARCH_LOGS')}
          style={{ width: 240 }}
          onSearch={setQuery}
          onChange={(e) => {
            if (!e.target.value) setQuery('');
          }}
        />
        <Button onClick={() => setReload((r) => r + 1)}>{t('REFRESH')}</Button>
        <Button loading={downloading} onClick={() => void download()}>
          {t('DOWNLOAD_LOGS')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      {query ? (
        <>
          <Typography.Text type="secondary" data-testid="log-matches">
            {t('LOG_MATCHES', { count: matches.length, query })}
          </Typography.Text>
          <pre data-testid="pod-logs" style={LOG_STYLE}>
            {matches.map((m) => `${String(m.n).padStart(5)}  ${m.line}`).join('\n')}
          </pre>
        </>
      ) : (
        <pre ref={pre} data-testid="pod-logs" style={LOG_STYLE}>
          {logText(buf) || <Typography.Text style={{ color: '#999' }}>{t('NO_LOGS')}</Typography.Text>}
        </pre>
      )}
    </>
  );
}
