/**
 * @module LogsTab
 * Container logs of a pod: pick a container, tail N lines, follow (HTTP streaming of
 * `pods/{pod}/log?follow=true`). The stream is this tab's own and stops when the tab closes.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { rawRequest } from '../../api/http';
import { kubePath } from '../../api/paths';
import { appendLog, EMPTY_LOG, logText, type LogBuffer } from '../../lib/log-buffer';
import { KINDS } from '../kinds';

export function LogsTab({ pod }: { pod: KubeObject }) {
  const { t } = useTranslation();
  const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map(
    (c) => c.name,
  );
  const [container, setContainer] = useState(containers[0] ?? '');
  const [tail, setTail] = useState(500);
  const [follow, setFollow] = useState(true);
  const [buf, setBuf] = useState<LogBuffer>(EMPTY_LOG);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const pre = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    setBuf(EMPTY_LOG);
    setError(null);
    void (async () => {
      try {
        const res = await rawRequest(kubePath(KINDS.pods, pod.metadata.namespace, pod.metadata.name, 'log'), {
          query: { container, tailLines: tail, follow: follow ? 'true' : undefined },
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
  }, [pod.metadata.namespace, pod.metadata.name, container, tail, follow, reload]);

  useEffect(() => {
    if (follow && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [buf, follow]);

  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Select
          value={container}
          style={{ width: 220 }}
          onChange={setContainer}
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
          <Switch checked={follow} onChange={setFollow} aria-label={t('FOLLOW_LOGS')} />
          {t('FOLLOW_LOGS')}
        </Space>
        <Button onClick={() => setReload((r) => r + 1)}>{t('REFRESH')}</Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <pre
        ref={pre}
        data-testid="pod-logs"
        style={{
          background: '#242e42',
          color: '#e6e6e6',
          padding: 12,
          height: 480,
          overflow: 'auto',
          fontSize: 12,
          margin: 0,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {logText(buf) || <Typography.Text style={{ color: '#999' }}>{t('NO_LOGS')}</Typography.Text>}
      </pre>
    </>
  );
}
