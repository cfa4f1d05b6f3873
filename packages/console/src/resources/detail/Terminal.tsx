/**
 * @module Terminal
 * A container terminal: xterm.js over the exec WebSocket (loaded lazily with xterm). Keystrokes go to
 * stdin; stdout/stderr are written to the screen; the error channel (exit status) ends the session.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Terminal as XTerm } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { KubeObject } from '@sphere/shared';
import { apiUrl } from '../../api/base';
import { getSession } from '../../auth/session-manager';
import {
  CHANNEL,
  decodeFrame,
  encodeFrame,
  encodeResize,
  EXEC_PROTOCOLS,
  execUrl,
} from '../../lib/exec-channel';

type State = 'connecting' | 'open' | 'closed';

export default function Terminal({ pod }: { pod: KubeObject }) {
  const { t } = useTranslation();
  const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map(
    (c) => c.name,
  );
  const [container, setContainer] = useState(containers[0] ?? '');
  const [state, setState] = useState<State>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [session, setSessionKey] = useState(0);
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!host.current) return;
    const term = new XTerm({ cursorBlink: true, fontSize: 13, rows: 28, theme: { background: '#242e42' } });
    term.open(host.current);
    const token = getSession()?.accessToken ?? '';
    const origin = window.location.origin + apiUrl('');
    const ws = new WebSocket(
      execUrl(origin, pod.metadata.namespace ?? '', pod.metadata.name ?? '', container, token),
      EXEC_PROTOCOLS,
    );
    ws.binaryType = 'arraybuffer';
    setState('connecting');
    setError(null);
    const decoder = new TextDecoder();
    ws.onopen = () => {
      setState('open');
      ws.send(encodeResize(term.cols, term.rows));
      term.focus();
    };
    ws.onmessage = (ev) => {
      const { channel, payload } = decodeFrame(ev.data as ArrayBuffer);
      if (channel === CHANNEL.stdout || channel === CHANNEL.stderr)
        term.write(decoder.decode(payload, { stream: true }));
      else if (channel === CHANNEL.error) {
        const status = decoder.decode(payload);
        if (status && !status.includes('"Success"')) setError(status);
      }
    };
    ws.onerror = () => setError(t('TERMINAL_FAILED'));
    ws.onclose = () => setState('closed');
    const input = term.onData(
      (data) => ws.readyState === WebSocket.OPEN && ws.send(encodeFrame(CHANNEL.stdin, data)),
    );
    const resize = term.onResize(
      ({ cols, rows }) => ws.readyState === WebSocket.OPEN && ws.send(encodeResize(cols, rows)),
    );
    return () => {
      input.dispose();
      resize.dispose();
      ws.close();
      term.dispose();
    };
  }, [pod.metadata.namespace, pod.metadata.name, container, session, t]);

  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Select
          value={container}
          style={{ width: 220 }}
          onChange={setContainer}
          options={containers.map((c) => ({ value: c, label: c }))}
          aria-label={t('CONTAINER_NAME')}
        />
        <Tag color={state === 'open' ? 'green' : state === 'connecting' ? 'blue' : 'default'}>
          {t(`TERMINAL_${state.toUpperCase()}`)}
        </Tag>
        {state === 'closed' && <Button onClick={() => setSessionKey((s) => s + 1)}>{t('RECONNECT')}</Button>}
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <div ref={host} data-testid="terminal" style={{ background: '#242e42', padding: 8 }} />
    </>
  );
}
